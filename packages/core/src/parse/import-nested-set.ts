import type { DiffTree } from '../diff/diff-tree.ts';
import type { DroppedInput, FrameTree } from '../model/frame-tree.ts';
import { FrameTreeBuilder } from '../model/frame-tree-builder.ts';
import { ProfileError } from './errors.ts';

/** A column of numbers as a Grafana field holds them (plain arrays; a null is a missing value). */
export type NumberColumn = ArrayLike<number | null | undefined>;

/**
 * The flame graph "nested set" that Grafana's profiling data sources return (one row per call-tree node,
 * depth-first pre-order, the first row the root), as plain columns:
 *
 *   level  label       value  self          total
 *   0      total        10      0           └─ main 10 ─┬─ parse 4
 *   1      main         10      6                       └─ (self 6)
 *   2      parse         4      4
 *
 * A row's parent is the closest earlier row one level up. For a diff, `value`/`self` are the baseline and
 * `valueRight`/`selfRight` the comparison.
 */
export interface NestedSetColumns {
  readonly level: NumberColumn;
  /** Inclusive value of each row. */
  readonly value: NumberColumn;
  /** Exclusive value; checked against `value` minus the children's values (see importNestedSet). */
  readonly self?: NumberColumn;
  /** Frame names: strings, or indices into `labelEnum` when the label field is an enum. */
  readonly label: ArrayLike<string | number | null | undefined>;
  readonly labelEnum?: readonly string[];
  readonly valueRight?: NumberColumn;
  readonly selfRight?: NumberColumn;
  /** Grafana unit id of `value` (`ns`, `bytes`, `short`, …); '' when the field config has none. */
  readonly unit?: string;
}

export interface NestedSetImportOptions {
  /** Refuse frames with more rows than this (a `too-large` error). */
  readonly maxFrames?: number;
}

/** Grafana unit ids → the pprof unit words the rest of Flamelens formats. Others pass through. */
const UNIT_WORDS: Record<string, string> = { ns: 'nanoseconds', µs: 'microseconds', ms: 'milliseconds', s: 'seconds', bytes: 'bytes', decbytes: 'bytes', short: 'count', none: 'count' };

/** The unit word for a Grafana unit id (`ns` → `nanoseconds`, `short` → `count`). */
export function unitFromGrafana(unit: string | undefined): string {
  if (!unit) return 'count';
  return UNIT_WORDS[unit] ?? unit;
}

/**
 * Turns nested-set columns into a FrameTree (a DiffTree when `valueRight` is there). Throws ProfileError
 * for a frame it cannot read: ragged columns, a first row that is not the root, a level that jumps more
 * than one below the row before it, a missing or non-finite value.
 *
 * Totals come from `value`: a row's self is its value minus its children's values, so every total in the
 * tree equals the frame's `value` exactly. A `self` column that disagrees is reported in `info.dropped`
 * (not trusted: Grafana's own test frame carries value/1e6 there). Several level-0 rows become children of
 * the synthetic root; otherwise the level-0 row *is* the root. Equal sibling names are merged, as in every
 * FrameTree.
 */
export function importNestedSet(columns: NestedSetColumns, options: NestedSetImportOptions = {}): FrameTree | DiffTree {
  const tree = buildNestedSetTree(columns, options);
  return columns.valueRight ? diffTreeFromSides(tree) : tree;
}

/**
 * Like importNestedSet, but a diff stays a FrameTree with two value columns (baseline, comparison), the
 * form that crosses a worker boundary with `treeToWire`; `diffTreeFromSides` makes the DiffTree after.
 */
export function buildNestedSetTree(columns: NestedSetColumns, options: NestedSetImportOptions = {}): FrameTree {
  const rows = columns.level.length;
  checkLengths(columns, rows);
  if (rows === 0) throw new ProfileError('empty', 'The flame graph frame has no rows: the query returned no profile data.');
  const maxFrames = options.maxFrames;
  if (maxFrames !== undefined && rows > maxFrames) {
    throw new ProfileError('too-large', `The flame graph frame has ${rows} rows, more than the limit of ${maxFrames}.`);
  }
  const levels = readLevels(columns.level);
  const selfA = derivedSelf(columns.value, levels, 'value');
  const selfB = columns.valueRight ? derivedSelf(columns.valueRight, levels, 'valueRight') : null;
  const dropped: DroppedInput[] = [];
  noteSelfMismatch(dropped, columns.self, selfA, 'self', columns.value);
  if (selfB) noteSelfMismatch(dropped, columns.selfRight, selfB, 'selfRight', columns.valueRight!);
  noteBelowChildren(dropped, selfA, selfB);

  const unit = unitFromGrafana(columns.unit);
  const sampleTypes = selfB
    ? [{ type: 'baseline', unit }, { type: 'comparison', unit }]
    : [{ type: 'value', unit }];
  const builder = new FrameTreeBuilder({ sampleTypes, expectedFrames: rows + 1, ...(maxFrames ? { maxFrames } : {}) });
  const labels = new LabelNames(builder, columns);
  const singleRoot = levels.roots === 1;
  // node of the latest row at each depth: a row's parent is nodeAtDepth[depth - 1]
  const nodeAtDepth = new Int32Array(levels.maxLevel + 2);
  for (let row = 0; row < rows; row++) {
    const depth = levels.level[row]! + (singleRoot ? 0 : 1);
    const node = depth === 0 ? 0 : builder.child(nodeAtDepth[depth - 1]!, labels.id(row));
    nodeAtDepth[depth] = node;
    builder.addValue(node, 0, selfA[row]!);
    if (selfB) builder.addValue(node, 1, selfB[row]!);
    const isLeaf = row + 1 === rows || levels.level[row + 1]! <= levels.level[row]!;
    if (isLeaf || selfA[row] !== 0 || (selfB !== null && selfB[row] !== 0)) builder.endStack(node);
  }
  if (labels.unnamed > 0) dropped.push({ reason: 'rows without a readable label (named "(no label)" or "(unknown label N)")', count: labels.unnamed });
  return builder.build({ format: 'nestedset', defaultSampleTypeIndex: 0, samples: rows, dropped });
}

/** A tree with two value columns (baseline, comparison) as a DiffTree: baseline in total/self, comparison in totalB/selfB. */
export function diffTreeFromSides(tree: FrameTree): DiffTree {
  if (tree.totalByType.length < 2) throw new RangeError('a two-sided tree needs two value columns');
  const baseline = tree.sampleTypes[0]!;
  return {
    ...tree,
    kind: 'diff',
    sampleTypes: [{ type: 'value', unit: baseline.unit, total: baseline.total }],
    sampleTypeIndex: 0,
    total: tree.totalByType[0]!,
    self: tree.selfByType[0]!,
    totalByType: [tree.totalByType[0]!],
    selfByType: [tree.selfByType[0]!],
    totalB: tree.totalByType[1]!,
    selfB: tree.selfByType[1]!,
    baselineTotal: tree.totalByType[0]![0]!,
    comparisonTotal: tree.totalByType[1]![0]!,
  };
}

function checkLengths(columns: NestedSetColumns, rows: number): void {
  const named: [string, ArrayLike<unknown> | undefined][] = [
    ['value', columns.value],
    ['label', columns.label],
    ['self', columns.self],
    ['valueRight', columns.valueRight],
    ['selfRight', columns.selfRight],
  ];
  for (const [name, column] of named) {
    if (column && column.length !== rows) {
      throw new ProfileError('corrupt', `The flame graph frame is ragged: "${name}" has ${column.length} values but "level" has ${rows}.`);
    }
  }
}

interface Levels {
  readonly level: Uint32Array;
  readonly maxLevel: number;
  /** Rows at level 0. */
  readonly roots: number;
}

/** Levels as integers, checked for depth-first order: the first row is level 0, no row jumps two levels down. */
function readLevels(column: NumberColumn): Levels {
  const level = new Uint32Array(column.length);
  let previous = -1;
  let maxLevel = 0;
  let roots = 0;
  for (let row = 0; row < column.length; row++) {
    const l = column[row];
    if (typeof l !== 'number' || !Number.isInteger(l) || l < 0) {
      throw new ProfileError('corrupt', `Row ${row} of the flame graph frame has level ${String(l)}; levels are whole numbers from 0.`);
    }
    if (row === 0 && l !== 0) {
      throw new ProfileError('corrupt', `The flame graph frame's first row has level ${l}; it must be the root, at level 0.`);
    }
    if (l > previous + 1) {
      throw new ProfileError(
        'corrupt',
        `The flame graph frame's levels are out of order: row ${row} has level ${l} right after a row at level ${previous}. ` +
          'Rows must be in depth-first order, each at most one level below the row before it.',
      );
    }
    if (l === 0) roots++;
    if (l > maxLevel) maxLevel = l;
    level[row] = l;
    previous = l;
  }
  return { level, maxLevel, roots };
}

/** Each row's value minus its children's values (its exclusive value as the totals imply it). */
function derivedSelf(column: NumberColumn, levels: Levels, name: string): Float64Array {
  const rows = column.length;
  const self = new Float64Array(rows);
  const rowAtLevel = new Int32Array(levels.maxLevel + 1);
  for (let row = 0; row < rows; row++) {
    const v = column[row];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new ProfileError('corrupt', `Row ${row} of the flame graph frame has no number in "${name}" (${String(v)}).`);
    }
    self[row] = self[row]! + v;
    const l = levels.level[row]!;
    if (l > 0) {
      const parentRow = rowAtLevel[l - 1]!;
      self[parentRow] = self[parentRow]! - v;
    }
    rowAtLevel[l] = row;
  }
  return self;
}

function noteSelfMismatch(dropped: DroppedInput[], given: NumberColumn | undefined, derived: Float64Array, name: string, value: NumberColumn): void {
  if (!given) return;
  let count = 0;
  for (let row = 0; row < derived.length; row++) {
    const g = given[row];
    const d = derived[row]!;
    // a relative tolerance: float sums of decimal values differ in the last bits
    if (typeof g !== 'number' || Math.abs(g - d) > 1e-9 * Math.max(1, Math.abs(value[row] ?? 0))) count++;
  }
  if (count > 0) dropped.push({ reason: `rows whose "${name}" is not their value minus their children's (self recomputed from the values)`, count });
}

function noteBelowChildren(dropped: DroppedInput[], selfA: Float64Array, selfB: Float64Array | null): void {
  let count = 0;
  for (let row = 0; row < selfA.length; row++) if (selfA[row]! < 0 || (selfB !== null && selfB[row]! < 0)) count++;
  if (count > 0) dropped.push({ reason: "rows whose value is below the sum of their children's (negative self kept)", count });
}

/** Row → name id: enum labels are interned once per enum entry, string labels once per distinct string. */
class LabelNames {
  /** Rows whose label was missing or pointed outside the enum. */
  unnamed = 0;
  private readonly enumIds: Int32Array | null;
  private readonly stringIds = new Map<string, number>();

  constructor(
    private readonly builder: FrameTreeBuilder,
    private readonly columns: NestedSetColumns,
  ) {
    this.enumIds = columns.labelEnum ? new Int32Array(columns.labelEnum.length).fill(-1) : null;
  }

  id(row: number): number {
    const value = this.columns.label[row];
    const labelEnum = this.columns.labelEnum;
    if (value == null || (typeof value === 'number' && Number.isNaN(value))) return this.missing('(no label)');
    if (this.enumIds && labelEnum) {
      if (typeof value !== 'number' || !(value >= 0 && value < labelEnum.length)) return this.missing(`(unknown label ${String(value)})`);
      let id = this.enumIds[value]!;
      if (id < 0) id = this.enumIds[value] = this.builder.names.internString(labelEnum[value] ?? '');
      return id;
    }
    const key = String(value);
    let id = this.stringIds.get(key);
    if (id === undefined) this.stringIds.set(key, (id = this.builder.names.internString(key)));
    return id;
  }

  private missing(text: string): number {
    this.unnamed++;
    return this.builder.names.internString(text);
  }
}
