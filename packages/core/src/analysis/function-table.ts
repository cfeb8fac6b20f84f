import type { FrameTree } from '../model/frame-tree.ts';

/**
 * Self and total value per function (per distinct frame name) for one value column. Rows are the names
 * with a non-zero self or total, in name-id order; `order` sorts them by self, heaviest first.
 *
 * Total counts a function once per stack: a frame's total is added only when no ancestor has the same
 * name, so recursion (a → b → a) does not count a's time twice.
 */
export interface FunctionTable {
  readonly nameId: Uint32Array;
  readonly self: Float64Array;
  readonly total: Float64Array;
}

/** Builds the function table of `tree` for the value columns `self`/`total` (default: the chosen type). */
export function functionTable(
  tree: FrameTree,
  self: Float64Array = tree.self,
  total: Float64Array = tree.total,
): FunctionTable {
  const nameCount = tree.names.length;
  const selfByName = new Float64Array(nameCount);
  const totalByName = new Float64Array(nameCount);
  const active = new Uint32Array(nameCount);
  const open = new Int32Array(tree.maxDepth + 2);
  let top = 0;
  for (let i = 1; i < tree.length; i++) {
    while (top > 0 && tree.subtreeEnd[open[top - 1]!]! <= i) {
      const closed = tree.nameId[open[--top]!]!;
      active[closed] = active[closed]! - 1;
    }
    const name = tree.nameId[i]!;
    selfByName[name] = selfByName[name]! + self[i]!;
    if (active[name] === 0) totalByName[name] = totalByName[name]! + total[i]!;
    active[name] = active[name]! + 1;
    open[top++] = i;
  }
  let rows = 0;
  for (let n = 1; n < nameCount; n++) if (selfByName[n] !== 0 || totalByName[n] !== 0) rows++;
  const table = { nameId: new Uint32Array(rows), self: new Float64Array(rows), total: new Float64Array(rows) };
  let r = 0;
  for (let n = 1; n < nameCount; n++) {
    if (selfByName[n] === 0 && totalByName[n] === 0) continue;
    table.nameId[r] = n;
    table.self[r] = selfByName[n]!;
    table.total[r] = totalByName[n]!;
    r++;
  }
  return table;
}

/** Row indices of `table` sorted by `by` (descending by magnitude, then by name id), at most `limit`. */
export function topRows(table: FunctionTable, by: 'self' | 'total' = 'self', limit = Infinity): number[] {
  const column = table[by];
  const rows = Array.from({ length: table.nameId.length }, (_, i) => i);
  rows.sort((a, b) => Math.abs(column[b]!) - Math.abs(column[a]!) || table.nameId[a]! - table.nameId[b]!);
  return rows.length > limit ? rows.slice(0, limit) : rows;
}
