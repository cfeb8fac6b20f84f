import type { FrameIndex, FrameTree } from '../model/frame-tree.ts';

/**
 * Two profiles merged into one tree over the union of their frames (DESIGN §6): the baseline (A) in
 * `total`/`self`, the comparison (B) in `totalB`/`selfB`; a frame missing on one side has 0 there.
 * Everything else (structure, names, extras) is a FrameTree, so the renderer and the tables read it the
 * same way. `sampleTypes` holds the one shared sample type that was compared.
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
  const a = tree.total[frame]!;
  const b = tree.totalB[frame]!;
  if (a === 0 && b !== 0) return 'new';
  if (b === 0 && a !== 0) return 'removed';
  return 'both';
}

/**
 * The signed change of one frame under `options` (positive = grew). Normalized delta is in percentage
 * points (a frame going from 10% to 12.5% of its profile gives 2.5); relative change is a ratio (0.25 =
 * its share grew by a quarter; Infinity for new frames); absolute delta is in the tree's unit.
 * A side whose whole is 0 counts as share 0.
 */
export function diffValue(tree: DiffTree, frame: FrameIndex, options: DiffMetricOptions = DEFAULT_DIFF_METRIC): number {
  const a = options.useSelf ? tree.self[frame]! : tree.total[frame]!;
  const b = options.useSelf ? tree.selfB[frame]! : tree.totalB[frame]!;
  if (options.metric === 'absolute-delta') return b - a;
  const shareA = tree.baselineTotal === 0 ? 0 : a / tree.baselineTotal;
  const shareB = tree.comparisonTotal === 0 ? 0 : b / tree.comparisonTotal;
  if (options.metric === 'normalized-delta') return (shareB - shareA) * 100;
  if (shareA === 0) return shareB === 0 ? 0 : Math.sign(shareB) * Infinity;
  return (shareB - shareA) / Math.abs(shareA);
}
