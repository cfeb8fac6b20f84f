import {
  formatPercent,
  formatValue as coreFormatValue,
  functionChange,
  functionDelta,
  isDiffFunctionTable,
  type DiffFunctionTable,
  type DiffMetric,
  type DiffMetricOptions,
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
  /** Diff tables: what the delta columns show and sort by (the graph's colour metric). */
  readonly metric: DiffMetric;
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
  const delta = (useSelf: boolean): Pick<ColumnGroup, 'cells' | 'tone'> => ({
    cells: (r) => [deltaText(d, r, { metric: ctx.metric, useSelf }, format, unit)],
    tone: (r) => toneOf(d, r, { metric: ctx.metric, useSelf }),
  });
  return [
    { id: 'baseline', label: a, title: `Total in the ${a.toLowerCase()}`, sortBy: 'total', cells: valueCells(d.total, d.whole), tracks: VALUE_TRACKS },
    { id: 'comparison', label: b, title: `Total in the ${b.toLowerCase()}`, sortBy: 'totalB', cells: valueCells(d.totalB, d.wholeB), tracks: VALUE_TRACKS },
    { id: 'delta', label: 'Δ total', title: `Change of the total, ${METRIC_WORDS[ctx.metric]}`, sortBy: 'delta', tracks: ['6.5em'], ...delta(false) },
    { id: 'self-delta', label: 'Δ self', title: `Change of the self value, ${METRIC_WORDS[ctx.metric]}`, sortBy: 'selfDelta', tracks: ['6.5em'], ...delta(true) },
  ];
}

/** How each metric's change is written, for the delta headers' titles. */
const METRIC_WORDS: Record<DiffMetric, string> = {
  'normalized-delta': 'as the change of its share of the whole, in percentage points',
  'relative-change': 'as the relative change of its share of the whole',
  'absolute-delta': 'as the difference of the values (comparison minus baseline)',
};

/**
 * A row's change in the metric, signed: "+1.25 pp", "−25.0%", "+1.20 s"; a function on one side only is
 * "new" or "removed" (of totals; its self may still change on both sides).
 */
export function deltaText(table: DiffFunctionTable, row: number, metric: DiffMetricOptions, format: ValueFormatter, unit: string): string {
  const change = functionChange(table, row);
  if (!metric.useSelf && (change === 'new' || change === 'removed')) return change;
  const value = functionDelta(table, row, metric);
  if (metric.metric === 'relative-change' && Math.abs(value) === Infinity) return value > 0 ? 'new' : 'removed';
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  const size = Math.abs(value);
  if (metric.metric === 'normalized-delta') return size === 0 ? '0 pp' : `${sign}${size.toFixed(2)} pp`;
  if (metric.metric === 'relative-change') return `${sign}${(size * 100).toFixed(1)}%`;
  return `${sign}${format(size, unit)}`;
}

function toneOf(table: DiffFunctionTable, row: number, metric: DiffMetricOptions): 'grew' | 'shrank' | null {
  const d = functionDelta(table, row, metric);
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
