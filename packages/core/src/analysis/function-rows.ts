import { DEFAULT_DIFF_METRIC, type DiffMetricOptions } from '../diff/diff-tree.ts';
import type { StringTable } from '../model/string-table.ts';
import type { DiffFunctionTable, FunctionTable } from './function-table.ts';
import { compileRegex } from './matchers.ts';
import { nameRanks } from './name-order.ts';

/** Columns a function table sorts by; the `B` and delta ones exist on diff tables only. */
export type FunctionColumn = 'name' | 'self' | 'total' | 'selfB' | 'totalB' | 'delta' | 'selfDelta';

/** How a function-table row changed between baseline and comparison. */
export type FunctionChange = 'new' | 'removed' | 'grew' | 'shrank' | 'same';

/** What the table shows: the rows a UI asks for, computed in the worker or on the page alike. */
export interface RowQuery {
  readonly sortBy?: FunctionColumn;
  /** Default: descending for values, ascending for names. */
  readonly descending?: boolean;
  /**
   * Case-insensitive text the name must contain; `/…/` (with an optional trailing i) is a regex — while
   * it is not a valid one (being typed), the text itself is looked for.
   */
  readonly filter?: string;
  /** Diff tables: only rows with this change (of the total, by the normalized delta). */
  readonly change?: Exclude<FunctionChange, 'same'>;
  readonly limit?: number;
  /** Diff tables: the metric of the delta columns (default: normalized delta of totals, in points). */
  readonly metric?: DiffMetricOptions;
}

/** True for a table with comparison columns. */
export function isDiffFunctionTable(table: FunctionTable): table is DiffFunctionTable {
  return (table as Partial<DiffFunctionTable>).totalB !== undefined;
}

/** `value` as a fraction of `whole` (0 when the whole is 0). */
export function shareOf(value: number, whole: number): number {
  return whole === 0 ? 0 : value / whole;
}

/**
 * The change of one row under `metric` (positive = grew), defined as diffValue is for frames: normalized
 * delta in percentage points of each side's whole, relative change of the share, or the absolute delta.
 */
export function functionDelta(table: DiffFunctionTable, row: number, metric: DiffMetricOptions = DEFAULT_DIFF_METRIC): number {
  const a = metric.useSelf ? table.self[row]! : table.total[row]!;
  const b = metric.useSelf ? table.selfB[row]! : table.totalB[row]!;
  if (metric.metric === 'absolute-delta') return b - a;
  const shareA = shareOf(a, table.whole);
  const shareB = shareOf(b, table.wholeB);
  if (metric.metric === 'normalized-delta') return (shareB - shareA) * 100;
  if (shareA === 0) return shareB === 0 ? 0 : Math.sign(shareB) * Infinity;
  return (shareB - shareA) / Math.abs(shareA);
}

/** new / removed (one side only), else grew / shrank / same by the normalized delta of totals. */
export function functionChange(table: DiffFunctionTable, row: number): FunctionChange {
  const a = table.total[row]!;
  const b = table.totalB[row]!;
  if (a === 0 && b !== 0) return 'new';
  if (b === 0 && a !== 0) return 'removed';
  const d = functionDelta(table, row);
  return d > 0 ? 'grew' : d < 0 ? 'shrank' : 'same';
}

/** Row indices of `table` filtered and sorted as `query` asks (a new array; the table is not touched). */
export function functionRows(table: FunctionTable, names: StringTable, query: RowQuery = {}): Uint32Array {
  const keep = rowFilter(table, names, query);
  const rows: number[] = [];
  for (let r = 0; r < table.nameId.length; r++) if (keep(r)) rows.push(r);
  const sortBy = query.sortBy ?? 'self';
  const rank = nameRanks(names);
  const byName = (a: number, b: number) => rank[table.nameId[a]!]! - rank[table.nameId[b]!]!;
  if (sortBy === 'name') {
    rows.sort(byName);
    if (query.descending) rows.reverse();
  } else {
    const values = columnValues(table, sortBy, query.metric);
    const sign = query.descending === false ? 1 : -1;
    rows.sort((a, b) => sign * compareNumbers(values[a]!, values[b]!) || byName(a, b));
  }
  const limit = query.limit ?? rows.length;
  return Uint32Array.from(rows.length > limit ? rows.slice(0, limit) : rows);
}

/** The values of one column for every row (delta columns computed under `metric`). */
export function columnValues(table: FunctionTable, column: Exclude<FunctionColumn, 'name'>, metric?: DiffMetricOptions): Float64Array {
  if (column === 'self' || column === 'total') return table[column];
  if (!isDiffFunctionTable(table)) throw new RangeError(`column ${column} needs a diff table`);
  if (column === 'selfB' || column === 'totalB') return table[column];
  const options = { ...(metric ?? DEFAULT_DIFF_METRIC), ...(column === 'selfDelta' ? { useSelf: true } : {}) };
  const values = new Float64Array(table.nameId.length);
  for (let r = 0; r < values.length; r++) values[r] = functionDelta(table, r, options);
  return values;
}

function rowFilter(table: FunctionTable, names: StringTable, query: RowQuery): (row: number) => boolean {
  const text = query.filter?.trim() ?? '';
  const regex = regexOf(text);
  const needle = text.toLowerCase();
  const change = query.change;
  if (change && !isDiffFunctionTable(table)) throw new RangeError('filtering by change needs a diff table');
  return (row) => {
    if (change && functionChange(table as DiffFunctionTable, row) !== change) return false;
    if (!text) return true;
    const name = names.get(table.nameId[row]!);
    return regex ? regex.test(name) : name.toLowerCase().includes(needle);
  };
}

function regexOf(text: string): RegExp | null {
  const m = /^\/(.+)\/(i?)$/.exec(text);
  if (!m) return null;
  try {
    return compileRegex(m[1]!, m[2] === 'i');
  } catch {
    return null;
  }
}

/** Ascending order with NaN last; ±Infinity (relative change of new rows) sorts at the ends. */
function compareNumbers(a: number, b: number): number {
  if (a === b) return 0;
  if (Number.isNaN(a)) return 1;
  if (Number.isNaN(b)) return -1;
  return a < b ? -1 : 1;
}
