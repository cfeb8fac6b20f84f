import {
  formatPercent,
  formatValue as coreFormatValue,
  functionChange,
  functionDelta,
  isDiffFunctionTable,
  type DiffFunctionTable,
  type FunctionChange,
  type FunctionColumn,
  type FunctionTable,
} from '@flamelens/core';

/** Formats a value in the profile's unit (core's formatValue by default: "1.20 s", "3.4 MiB"). */
export type ValueFormatter = (value: number, unit: string) => string;

/**
 * One column group of the table: a header that sorts by `sortBy`, and the cell texts of a row. Value
 * columns show two cells (the value and its % of the whole) under one header.
 */
export interface ColumnGroup {
  readonly id: string;
  readonly label: string;
  /** Longer header text for screen readers and the header's tooltip. */
  readonly title: string;
  readonly sortBy: FunctionColumn;
  /** Cell texts for row r (one or two). */
  readonly cells: (r: number) => readonly string[];
  /** CSS grid track sizes of its cells. */
  readonly tracks: readonly string[];
  /** Delta columns: which way row r changed (coloured like the diff graph: red grew, blue shrank). */
  readonly tone?: (r: number) => 'grew' | 'shrank' | null;
}

interface ColumnContext {
  readonly table: FunctionTable;
  readonly unit: string;
  readonly format: ValueFormatter;
  readonly sideNames: readonly [string, string];
}

const VALUE_TRACKS = ['minmax(5.5em, max-content)', '4.5em'] as const;

/** The column groups after the name: self and total, or baseline/comparison/delta for a diff table. */
export function columnGroups(ctx: ColumnContext): ColumnGroup[] {
  const { table, unit, format } = ctx;
  const valueCells = (column: Float64Array, whole: number) => (r: number) => [format(column[r]!, unit), formatPercent(column[r]!, whole)];
  if (!isDiffFunctionTable(table)) {
    return [
      { id: 'self', label: 'Self', title: 'Self: time in the function itself', sortBy: 'self', cells: valueCells(table.self, table.whole), tracks: VALUE_TRACKS },
      { id: 'total', label: 'Total', title: 'Total: time in the function and its callees, once per stack', sortBy: 'total', cells: valueCells(table.total, table.whole), tracks: VALUE_TRACKS },
    ];
  }
  const [a, b] = ctx.sideNames;
  const d: DiffFunctionTable = table;
  return [
    { id: 'baseline', label: a, title: `Total in the ${a.toLowerCase()}`, sortBy: 'total', cells: valueCells(d.total, d.whole), tracks: VALUE_TRACKS },
    { id: 'comparison', label: b, title: `Total in the ${b.toLowerCase()}`, sortBy: 'totalB', cells: valueCells(d.totalB, d.wholeB), tracks: VALUE_TRACKS },
    { id: 'delta', label: 'Δ total', title: 'Change of the total share, in percentage points', sortBy: 'delta', cells: (r) => [deltaText(d, r, false)], tracks: ['6em'], tone: (r) => toneOf(d, r, false) },
    { id: 'self-delta', label: 'Δ self', title: 'Change of the self share, in percentage points', sortBy: 'selfDelta', cells: (r) => [deltaText(d, r, true)], tracks: ['6em'], tone: (r) => toneOf(d, r, true) },
  ];
}

/** "+1.25 pp", "−0.50 pp", "new", "removed". */
function deltaText(table: DiffFunctionTable, row: number, useSelf: boolean): string {
  const change = functionChange(table, row);
  if (!useSelf && (change === 'new' || change === 'removed')) return change;
  const pp = functionDelta(table, row, { metric: 'normalized-delta', useSelf });
  if (pp === 0) return '0 pp';
  return `${pp > 0 ? '+' : '−'}${Math.abs(pp).toFixed(2)} pp`;
}

function toneOf(table: DiffFunctionTable, row: number, useSelf: boolean): 'grew' | 'shrank' | null {
  const d = functionDelta(table, row, { metric: 'normalized-delta', useSelf });
  return d > 0 ? 'grew' : d < 0 ? 'shrank' : null;
}

/** The default formatter: core's formatValue. */
export const defaultFormat: ValueFormatter = (value, unit) => coreFormatValue(value, unit);

/** The change filters of a diff table, in button order. */
export const CHANGE_FILTERS: readonly Exclude<FunctionChange, 'same'>[] = ['new', 'removed', 'grew', 'shrank'];

/** Whether a column sorts descending first (values) or ascending (names). */
export function defaultDescending(column: FunctionColumn): boolean {
  return column !== 'name';
}
