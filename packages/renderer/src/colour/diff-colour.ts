import { DEFAULT_DIFF_METRIC, DEFAULT_NOISE_CONFIDENCE, shownSelf, type DiffMetric, type DiffTree, type FrameIndex } from '@flamelens/core';
import { scaleLinear } from 'd3-scale';
import type { ThemeColours } from './palette.ts';

/** How a diff tree is coloured. */
export interface DiffColourOptions {
  /** Which change the colour follows (core's DiffMetric; default normalized delta, in percentage points). */
  readonly metric: DiffMetric;
  /** Self values instead of totals. */
  readonly useSelf: boolean;
  /**
   * |change| at which the colour is fully red or blue. `'auto'`: the largest |change| of any frame, so
   * the strongest change is fully saturated.
   */
  readonly saturation: number | 'auto';
  /**
   * Draw frames whose change is within sampling noise faded (core's two-proportion z-test on the values
   * the colour follows). Only when the test can be made — both sides' values are sample counts (see
   * core's `noiseModel`); otherwise nothing is faded and the legend says why. Default on.
   */
  readonly fadeNoise: boolean;
  /** Two-sided confidence of the noise test, in (0, 1); default 0.95. */
  readonly confidence: number;
}

export const DEFAULT_DIFF_COLOURS: DiffColourOptions = {
  metric: DEFAULT_DIFF_METRIC.metric,
  useSelf: DEFAULT_DIFF_METRIC.useSelf,
  saturation: 'auto',
  fadeNoise: true,
  confidence: DEFAULT_NOISE_CONFIDENCE,
};

/**
 * Colour steps on each side of neutral. 16 steps per side are more than the eye separates on a bar, and
 * a bar's colour is then one array lookup: bucket = 16 + round(16 · clamp(d / saturation, −1, 1)).
 */
export const DIFF_STEPS = 16;
/** Number of diff colour buckets: shrank … neutral … grew. */
export const DIFF_BUCKETS = 2 * DIFF_STEPS + 1;

/**
 * The symmetric diverging scale (blue ← grey → red), domain [−s, 0, s]: equal |d| gives equal intensity
 * either way. Built once per settings change, never per bar.
 */
export function diffScale(theme: ThemeColours, saturation: number) {
  const s = saturation > 0 && Number.isFinite(saturation) ? saturation : 1;
  return scaleLinear<string>()
    .domain([-s, 0, s])
    .range([theme.diffShrank, theme.diffNeutral, theme.diffGrew])
    .clamp(true);
}

/** The colour of each bucket, sampled from `diffScale` at the bucket's value. */
export function diffBucketColours(theme: ThemeColours): string[] {
  const scale = diffScale(theme, DIFF_STEPS);
  const out: string[] = [];
  for (let b = 0; b < DIFF_BUCKETS; b++) out.push(scale(b - DIFF_STEPS));
  return out;
}

/**
 * Reads one frame's change without allocating (the draw loop calls it per visible bar). Same maths as
 * core's `diffValue`, with the divisions by the wholes done once.
 */
export class DiffReader {
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  /** By self in an inverted view: self as a user reads it (core's `shownSelf`), not as stored. */
  private readonly shown: boolean;
  private readonly invA: number;
  private readonly invB: number;
  private readonly metric: DiffMetric;

  constructor(
    readonly tree: DiffTree,
    options: Pick<DiffColourOptions, 'metric' | 'useSelf'>,
  ) {
    this.a = options.useSelf ? tree.self : tree.total;
    this.b = options.useSelf ? tree.selfB : tree.totalB;
    this.shown = options.useSelf && tree.info.inverted === true;
    this.invA = tree.baselineTotal === 0 ? 0 : 1 / tree.baselineTotal;
    this.invB = tree.comparisonTotal === 0 ? 0 : 1 / tree.comparisonTotal;
    this.metric = options.metric;
  }

  /** The baseline's value of `frame` the change follows (total, or self as shown). */
  baseline(frame: FrameIndex): number {
    return this.shown ? shownSelf(this.tree, frame, this.a, this.tree.total) : this.a[frame]!;
  }

  /** The comparison's value of `frame` the change follows. */
  comparison(frame: FrameIndex): number {
    return this.shown ? shownSelf(this.tree, frame, this.b, this.tree.totalB) : this.b[frame]!;
  }

  /** The signed change of `frame` (positive = grew); see core's `diffValue`. */
  value(frame: FrameIndex): number {
    const a = this.baseline(frame);
    const b = this.comparison(frame);
    if (this.metric === 'absolute-delta') return b - a;
    const shareA = a * this.invA;
    const shareB = b * this.invB;
    if (this.metric === 'normalized-delta') return (shareB - shareA) * 100;
    if (shareA === 0) return shareB === 0 ? 0 : shareB > 0 ? Infinity : -Infinity;
    return (shareB - shareA) / Math.abs(shareA);
  }

  /** Colour bucket of `frame` for `saturation` (0 … DIFF_BUCKETS-1; DIFF_STEPS is neutral). */
  bucket(frame: FrameIndex, saturation: number): number {
    const d = this.value(frame);
    if (d !== d || saturation <= 0) return DIFF_STEPS;
    const t = d >= saturation ? 1 : d <= -saturation ? -1 : d / saturation;
    return DIFF_STEPS + Math.round(t * DIFF_STEPS);
  }

  /** 1 when only the comparison has the frame (new), 2 when only the baseline has it (removed), else 0. */
  status(frame: FrameIndex): number {
    const a = this.tree.total[frame]!;
    const b = this.tree.totalB[frame]!;
    if (a === 0 && b !== 0) return 1;
    if (b === 0 && a !== 0) return 2;
    return 0;
  }
}
