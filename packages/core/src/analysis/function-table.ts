import type { DiffTree } from '../diff/diff-tree.ts';
import type { FrameTree } from '../model/frame-tree.ts';

/**
 * Self and total value per function (per distinct frame name) for one value column. Rows are the names
 * with a non-zero self or total, in name-id order; `topRows`/`sortRows` order them.
 *
 * Total counts a function once per stack: a frame's total is added only when no ancestor has the same
 * name, so recursion (a → b → a) does not count a's time twice. Self is where a function's stacks end:
 * in an inverted view (`ProfileInfo.inverted`), the totals of the root's children of its name, so the
 * table of an inverted view is the table of the view upright.
 */
export interface FunctionTable {
  readonly nameId: Uint32Array;
  readonly self: Float64Array;
  readonly total: Float64Array;
  /** The whole profile (the root's total): the denominator of the % columns. */
  readonly whole: number;
}

/**
 * The function table of a DiffTree: baseline (A) in `self`/`total`, comparison (B) in `selfB`/`totalB`,
 * over the union of both sides' functions (a function on one side only has 0 on the other).
 */
export interface DiffFunctionTable extends FunctionTable {
  readonly selfB: Float64Array;
  readonly totalB: Float64Array;
  /** The comparison's whole (its root total). */
  readonly wholeB: number;
}

/** Builds the function table of `tree` for the value columns `self`/`total` (default: the chosen type). */
export function functionTable(tree: FrameTree, self: Float64Array = tree.self, total: Float64Array = tree.total): FunctionTable {
  const sums = sumByName(tree, tree.info.inverted ? null : [self], [total]);
  const rows = rowsWithValues(sums);
  return { ...pick(sums, rows, 0), whole: tree.length > 0 ? total[0]! : 0 };
}

/**
 * The function table of every sample type of `tree` (same order as `tree.sampleTypes`), in one pass.
 * Rows are the same in every table: the functions with a value in any type.
 */
export function functionTables(tree: FrameTree): FunctionTable[] {
  const sums = sumByName(tree, tree.info.inverted ? null : tree.selfByType, tree.totalByType);
  const rows = rowsWithValues(sums);
  return tree.sampleTypes.map((_, t) => ({ ...pick(sums, rows, t), whole: tree.length > 0 ? tree.totalByType[t]![0]! : 0 }));
}

/**
 * The baseline/comparison function table of a DiffTree, for its chosen sample type or for the columns
 * given (one pass over the frames for both sides).
 */
export function diffFunctionTable(
  tree: DiffTree,
  columns: Pick<DiffTree, 'self' | 'total' | 'selfB' | 'totalB'> = tree,
): DiffFunctionTable {
  const sums = sumByName(tree, tree.info.inverted ? null : [columns.self, columns.selfB], [columns.total, columns.totalB]);
  const rows = rowsWithValues(sums);
  const a = pick(sums, rows, 0);
  const b = pick(sums, rows, 1);
  const whole = columns === tree ? tree.baselineTotal : tree.length > 0 ? columns.total[0]! : 0;
  const wholeB = columns === tree ? tree.comparisonTotal : tree.length > 0 ? columns.totalB[0]! : 0;
  return { ...a, selfB: b.self, totalB: b.total, whole, wholeB };
}

interface NameSums {
  readonly self: Float64Array[];
  readonly total: Float64Array[];
}

/**
 * Self and once-per-stack total per name id for several value columns in one pre-order pass. `active`
 * counts the frames of each name on the current path (the explicit stack `open` holds the path).
 * `selfColumns` null: an inverted tree, whose functions' self are its root's children's totals.
 */
function sumByName(tree: FrameTree, selfColumns: readonly Float64Array[] | null, totalColumns: readonly Float64Array[]): NameSums {
  const nameCount = tree.names.length;
  const C = totalColumns.length;
  const selfByName = Array.from({ length: C }, () => new Float64Array(nameCount));
  const totalByName = Array.from({ length: C }, () => new Float64Array(nameCount));
  const active = new Uint32Array(nameCount);
  const open = new Int32Array(tree.maxDepth + 2);
  const { nameId, subtreeEnd } = tree;
  let top = 0;
  for (let i = 1; i < tree.length; i++) {
    while (top > 0 && subtreeEnd[open[top - 1]!]! <= i) active[nameId[open[--top]!]!]!--;
    const name = nameId[i]!;
    const outermost = active[name] === 0;
    for (let c = 0; c < C; c++) {
      if (selfColumns) {
        const selfSums = selfByName[c]!;
        selfSums[name] = selfSums[name]! + selfColumns[c]![i]!;
      }
      if (outermost) {
        const totalSums = totalByName[c]!;
        totalSums[name] = totalSums[name]! + totalColumns[c]![i]!;
      }
    }
    active[name]!++;
    open[top++] = i;
  }
  if (!selfColumns) {
    for (let i = 1; i < tree.length; i = subtreeEnd[i]!) {
      for (let c = 0; c < C; c++) selfByName[c]![nameId[i]!] = selfByName[c]![nameId[i]!]! + totalColumns[c]![i]!;
    }
  }
  return { self: selfByName, total: totalByName };
}

/** Name ids with any non-zero value, ascending. */
function rowsWithValues(sums: NameSums): Uint32Array {
  const nameCount = sums.self[0]!.length;
  const keep = new Uint8Array(nameCount);
  let rows = 0;
  for (let n = 1; n < nameCount; n++) {
    for (let c = 0; c < sums.self.length; c++) {
      if (sums.self[c]![n] !== 0 || sums.total[c]![n] !== 0) {
        keep[n] = 1;
        rows++;
        break;
      }
    }
  }
  const ids = new Uint32Array(rows);
  for (let n = 1, r = 0; n < nameCount; n++) if (keep[n]) ids[r++] = n;
  return ids;
}

function pick(sums: NameSums, ids: Uint32Array, column: number): { nameId: Uint32Array; self: Float64Array; total: Float64Array } {
  const self = new Float64Array(ids.length);
  const total = new Float64Array(ids.length);
  for (let r = 0; r < ids.length; r++) {
    self[r] = sums.self[column]![ids[r]!]!;
    total[r] = sums.total[column]![ids[r]!]!;
  }
  return { nameId: ids, self, total };
}

/** Row indices of `table` sorted by `by` (descending by magnitude, then by name id), at most `limit`. */
export function topRows(table: FunctionTable, by: 'self' | 'total' = 'self', limit = Infinity): number[] {
  const column = table[by];
  const rows = Array.from({ length: table.nameId.length }, (_, i) => i);
  rows.sort((a, b) => Math.abs(column[b]!) - Math.abs(column[a]!) || table.nameId[a]! - table.nameId[b]!);
  return rows.length > limit ? rows.slice(0, limit) : rows;
}
