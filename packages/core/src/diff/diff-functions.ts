import { functionTable, type FunctionTable } from '../analysis/function-table.ts';
import { changeOf, DEFAULT_DIFF_METRIC, type DiffMetricOptions, type DiffTree } from './diff-tree.ts';

/**
 * Self and total per function on both sides of a diff, for one sample type. Totals count a function once
 * per stack (as `functionTable` does), so recursion never doubles a share and a function's total share is
 * "the fraction of samples whose stack contains it". Rows are the names with a non-zero value on either
 * side, in name-id order.
 */
export interface DiffFunctionTable {
  readonly nameId: Uint32Array;
  readonly self: Float64Array;
  readonly total: Float64Array;
  readonly selfB: Float64Array;
  readonly totalB: Float64Array;
}

/**
 * The function table of a diff tree's chosen sample type (or of the columns given): the two sides'
 * function tables, joined by name.
 */
export function diffFunctionTable(
  tree: DiffTree,
  columns: Pick<DiffTree, 'self' | 'total' | 'selfB' | 'totalB'> = tree,
): DiffFunctionTable {
  const a = functionTable(tree, columns.self, columns.total);
  const b = functionTable(tree, columns.selfB, columns.totalB);
  let rows = 0;
  for (let i = 0, j = 0; i < a.nameId.length || j < b.nameId.length; rows++) {
    const na = i < a.nameId.length ? a.nameId[i]! : Infinity;
    const nb = j < b.nameId.length ? b.nameId[j]! : Infinity;
    if (na <= nb) i++;
    if (nb <= na) j++;
  }
  const table: DiffFunctionTable = {
    nameId: new Uint32Array(rows),
    self: new Float64Array(rows),
    total: new Float64Array(rows),
    selfB: new Float64Array(rows),
    totalB: new Float64Array(rows),
  };
  for (let i = 0, j = 0, r = 0; r < rows; r++) {
    const na = i < a.nameId.length ? a.nameId[i]! : Infinity;
    const nb = j < b.nameId.length ? b.nameId[j]! : Infinity;
    table.nameId[r] = Math.min(na, nb);
    if (na <= nb) {
      table.self[r] = a.self[i]!;
      table.total[r] = a.total[i++]!;
    }
    if (nb <= na) {
      table.selfB[r] = b.self[j]!;
      table.totalB[r] = b.total[j++]!;
    }
  }
  return table;
}

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
