import { diffFunctionTable, type DiffFunctionTable, type FunctionTable } from '../analysis/function-table.ts';
import { changeOf, DEFAULT_DIFF_METRIC, type DiffMetricOptions, type DiffTree } from './diff-tree.ts';

/**
 * The diff function table from each side's own function table (made where each side was parsed, at the
 * same time): rows joined by name through the name maps of the merge. Equal to `diffFunctionTable` of the
 * merged tree (a side's zero-valued frames add nothing to its table), in O(names) instead of two walks
 * over every frame.
 */
export function joinFunctionTables(
  baseline: FunctionTable,
  comparison: FunctionTable,
  baselineToMerged: Uint32Array,
  comparisonToMerged: Uint32Array,
  nameCount: number,
): DiffFunctionTable {
  const seen = new Uint8Array(nameCount);
  const self = new Float64Array(nameCount);
  const total = new Float64Array(nameCount);
  const selfB = new Float64Array(nameCount);
  const totalB = new Float64Array(nameCount);
  for (let r = 0; r < baseline.nameId.length; r++) {
    const id = baselineToMerged[baseline.nameId[r]!]!;
    seen[id] = 1;
    self[id] = self[id]! + baseline.self[r]!;
    total[id] = total[id]! + baseline.total[r]!;
  }
  for (let r = 0; r < comparison.nameId.length; r++) {
    const id = comparisonToMerged[comparison.nameId[r]!]!;
    seen[id] = 1;
    selfB[id] = selfB[id]! + comparison.self[r]!;
    totalB[id] = totalB[id]! + comparison.total[r]!;
  }
  let rows = 0;
  for (let id = 0; id < nameCount; id++) rows += seen[id]!;
  const table: DiffFunctionTable = {
    nameId: new Uint32Array(rows),
    self: new Float64Array(rows),
    total: new Float64Array(rows),
    selfB: new Float64Array(rows),
    totalB: new Float64Array(rows),
    whole: baseline.whole,
    wholeB: comparison.whole,
  };
  for (let id = 0, r = 0; id < nameCount; id++) {
    if (!seen[id]) continue;
    table.nameId[r] = id;
    table.self[r] = self[id]!;
    table.total[r] = total[id]!;
    table.selfB[r] = selfB[id]!;
    table.totalB[r++] = totalB[id]!;
  }
  return table;
}

/** Function tables of every sample type a diff tree holds (what the worker sends with a diff). */
export function diffFunctionTables(tree: DiffTree): DiffFunctionTable[] {
  const { totalBByType, selfBByType } = tree;
  if (!totalBByType || !selfBByType) return [diffFunctionTable(tree)];
  return tree.sampleTypes.map((_, t) =>
    diffFunctionTable(tree, { self: tree.selfByType[t]!, total: tree.totalByType[t]!, selfB: selfBByType[t]!, totalB: totalBByType[t]! }),
  );
}

/**
 * Row indices sorted by the size of their change under `options` (largest |change| first, then by name
 * id), at most `limit`. With the default metric that is "the functions whose share moved most".
 */
export function rankChanges(
  tree: Pick<DiffTree, 'baselineTotal' | 'comparisonTotal'>,
  table: DiffFunctionTable,
  options: DiffMetricOptions = DEFAULT_DIFF_METRIC,
  limit = Infinity,
): number[] {
  const a = options.useSelf ? table.self : table.total;
  const b = options.useSelf ? table.selfB : table.totalB;
  const change = new Float64Array(a.length);
  for (let r = 0; r < a.length; r++) change[r] = Math.abs(changeOf(a[r]!, b[r]!, tree, options.metric));
  const rows = Array.from({ length: a.length }, (_, r) => r);
  rows.sort((x, y) => change[y]! - change[x]! || table.nameId[x]! - table.nameId[y]!);
  return rows.length > limit ? rows.slice(0, limit) : rows;
}
