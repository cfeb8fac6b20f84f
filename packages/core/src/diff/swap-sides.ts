import type { DiffFunctionTable } from '../analysis/function-table.ts';
import type { DiffTree } from './diff-tree.ts';

/**
 * The same diff with baseline and comparison exchanged: what `mergeDiff(B, A)` gives, without merging
 * again. The merge is symmetric (the union of frames, children in name order), so only the value columns
 * and the per-side facts change place; no column is copied. The app's swap button uses it.
 */
export function swapDiffSides(tree: DiffTree): DiffTree {
  const totalByType = tree.totalBByType ?? [tree.totalB];
  const selfByType = tree.selfBByType ?? [tree.selfB];
  const byType = tree.totalBByType !== undefined;
  return {
    ...tree,
    total: tree.totalB,
    self: tree.selfB,
    totalB: tree.total,
    selfB: tree.self,
    totalByType: byType ? totalByType : replaceAt(tree.totalByType, tree.sampleTypeIndex, tree.totalB),
    selfByType: byType ? selfByType : replaceAt(tree.selfByType, tree.sampleTypeIndex, tree.selfB),
    ...(byType ? { totalBByType: tree.totalByType, selfBByType: tree.selfByType } : {}),
    // A sample type's `total` is the baseline's whole: after the swap, the former comparison's.
    sampleTypes: tree.sampleTypes.map((t, i) => {
      const column = byType ? totalByType[i] : i === tree.sampleTypeIndex ? tree.totalB : undefined;
      return column ? { ...t, total: column.length > 0 ? column[0]! : 0 } : t;
    }),
    baselineTotal: tree.comparisonTotal,
    comparisonTotal: tree.baselineTotal,
    ...optional('baselineName', tree.comparisonName),
    ...optional('comparisonName', tree.baselineName),
    ...optional('baselineInfo', tree.comparisonInfo),
    ...optional('comparisonInfo', tree.baselineInfo),
  } as DiffTree;
}

/** A diff function table with its sides exchanged (rows stay in name-id order). */
export function swapDiffFunctionTable(table: DiffFunctionTable): DiffFunctionTable {
  return { ...table, self: table.selfB, total: table.totalB, selfB: table.self, totalB: table.total, whole: table.wholeB, wholeB: table.whole };
}

function replaceAt<T>(items: readonly T[], index: number, item: T): T[] {
  return items.map((x, i) => (i === index ? item : x));
}

/** `{ key: value }`, or `{ key: undefined }` to clear a field the spread copied, when value is absent. */
function optional<K extends string, V>(key: K, value: V | undefined): Record<K, V | undefined> {
  return { [key]: value } as Record<K, V | undefined>;
}
