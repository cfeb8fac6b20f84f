import { shownSelf, type FrameIndex, type FrameTree, type ProfileInfo } from '../model/frame-tree.ts';

/**
 * Two profiles merged into one tree over the union of their frames (DESIGN §6): the baseline (A) in
 * `total`/`self`, the comparison (B) in `totalB`/`selfB`; a frame missing on one side has 0 there.
 * Everything else (structure, names, extras) is a FrameTree, so the renderer and the tables read it the
 * same way. `sampleTypes` holds the sample types both sides share (matched by type and unit; their
 * `total` is the baseline's whole); `sampleTypeIndex` is the one `total`/`totalB` show, and
 * `withSampleType` switches all four columns at once (no copy, no re-merge).
 *
 *   baseline: main;a 3  main;b 1        diff tree   total  totalB   status
 *   comparison: main;a 2  main;c 6      all          4      8       both
 *                                       └ main       4      8       both
 *                                         ├ a        3      2       both
 *                                         ├ b        1      0       removed
 *                                         └ c        0      6       new
 */
export interface DiffTree extends FrameTree {
  readonly kind: 'diff';
  /** Inclusive value of the comparison (B), same unit as `total`. */
  readonly totalB: Float64Array;
  /** Exclusive value of the comparison (B). */
  readonly selfB: Float64Array;
  /** Σ of the baseline (its root total): the denominator of baseline shares. */
  readonly baselineTotal: number;
  /** Σ of the comparison (its root total). */
  readonly comparisonTotal: number;
  /** Display names of the two sides (file names), when known. */
  readonly baselineName?: string;
  readonly comparisonName?: string;
  /**
   * `totalB` / `selfB` of every shared sample type (same order as `sampleTypes`). Set by `mergeDiff`;
   * a diff tree made by hand (one sample type) may leave them out.
   */
  readonly totalBByType?: readonly Float64Array[];
  readonly selfBByType?: readonly Float64Array[];
  /** What each side was read from (format, period, samples, dropped input); the noise test uses the period. */
  readonly baselineInfo?: ProfileInfo;
  readonly comparisonInfo?: ProfileInfo;
}

/** True for a DiffTree. */
export function isDiffTree(tree: FrameTree): tree is DiffTree {
  return (tree as Partial<DiffTree>).kind === 'diff';
}

/** Which value the colour follows. */
export type DiffMetric =
  /** Share of the whole in B minus share in A, in percentage points (the default). */
  | 'normalized-delta'
  /** (shareB − shareA) / shareA: how much the frame's share changed, relative to itself. */
  | 'relative-change'
  /** totalB − total, no normalization (for windows of equal length). */
  | 'absolute-delta';

export interface DiffMetricOptions {
  readonly metric: DiffMetric;
  /** Use self values instead of totals. */
  readonly useSelf: boolean;
}

export const DEFAULT_DIFF_METRIC: DiffMetricOptions = { metric: 'normalized-delta', useSelf: false };

/** Whether a frame exists on one side only. */
export type DiffStatus = 'both' | 'new' | 'removed';

/** `new` when only the comparison has the frame, `removed` when only the baseline has it. */
export function diffStatus(tree: DiffTree, frame: FrameIndex): DiffStatus {
  return statusOf(tree.total[frame]!, tree.totalB[frame]!);
}

/**
 * The signed change of one frame under `options` (positive = grew). Normalized delta is in percentage
 * points (a frame going from 10% to 12.5% of its profile gives 2.5); relative change is a ratio (0.25 =
 * its share grew by a quarter; Infinity for new frames); absolute delta is in the tree's unit.
 * A side whose whole is 0 counts as share 0.
 */
export function diffValue(tree: DiffTree, frame: FrameIndex, options: DiffMetricOptions = DEFAULT_DIFF_METRIC): number {
  // by self: as a user reads it (an inverted view's is at the root's children, see shownSelf)
  const a = options.useSelf ? shownSelf(tree, frame, tree.self, tree.total) : tree.total[frame]!;
  const b = options.useSelf ? shownSelf(tree, frame, tree.selfB, tree.totalB) : tree.totalB[frame]!;
  return changeOf(a, b, tree, options.metric);
}

/**
 * The change from baseline value `a` to comparison value `b` under `metric`, with the wholes of `tree`
 * (the same formula as diffValue, for values that are not a frame's: function totals, table rows).
 */
export function changeOf(
  a: number,
  b: number,
  wholes: Pick<DiffTree, 'baselineTotal' | 'comparisonTotal'>,
  metric: DiffMetric = 'normalized-delta',
): number {
  if (metric === 'absolute-delta') return b - a;
  const shareA = wholes.baselineTotal === 0 ? 0 : a / wholes.baselineTotal;
  const shareB = wholes.comparisonTotal === 0 ? 0 : b / wholes.comparisonTotal;
  if (metric === 'normalized-delta') return (shareB - shareA) * 100;
  if (shareA === 0) return shareB === 0 ? 0 : Math.sign(shareB) * Infinity;
  return (shareB - shareA) / Math.abs(shareA);
}

/** `new` / `removed` / `both` for any pair of values (function rows use it as frames use diffStatus). */
export function statusOf(a: number, b: number): DiffStatus {
  if (a === 0 && b !== 0) return 'new';
  if (b === 0 && a !== 0) return 'removed';
  return 'both';
}

/**
 * The same diff tree showing another shared sample type: baseline and comparison columns and both wholes
 * switch together (no copy). Throws a RangeError for an index out of range or a hand-made tree that holds
 * only one type.
 */
export function withDiffSampleType(tree: DiffTree, sampleTypeIndex: number): DiffTree {
  const totalB = tree.totalBByType?.[sampleTypeIndex];
  const selfB = tree.selfBByType?.[sampleTypeIndex];
  const total = tree.totalByType[sampleTypeIndex];
  const self = tree.selfByType[sampleTypeIndex];
  if (!totalB || !selfB || !total || !self) {
    if (sampleTypeIndex === tree.sampleTypeIndex) return tree;
    throw new RangeError(`sample type ${sampleTypeIndex} is not in this diff tree (it has ${tree.totalBByType?.length ?? 1})`);
  }
  return {
    ...tree,
    sampleTypeIndex,
    unit: tree.sampleTypes[sampleTypeIndex]!.unit,
    total,
    self,
    totalB,
    selfB,
    baselineTotal: total[0] ?? 0,
    comparisonTotal: totalB[0] ?? 0,
  };
}
