/**
 * "Within noise": is a frame's change of share smaller than random sampling alone would often produce?
 *
 * What is tested, exactly: a two-sided two-proportion z-test per frame (or function). A sampling profiler
 * takes n samples; a frame's inclusive value is the number x of them whose stack passes through it. Under
 * the null hypothesis the frame's true share p is the same in both profiles, and
 *
 *     z = (x_B/n_B − x_A/n_A) / √( p̂ (1 − p̂) (1/n_A + 1/n_B) ),   p̂ = (x_A + x_B) / (n_A + n_B)
 *
 * is about standard normal. The change is *within noise* when |z| < z*, the two-sided critical value of
 * the stated confidence (1.96 at 95%). A change with p̂(1 − p̂) = 0 (the frame is in no sample, or in every
 * sample, on both sides) has no change of share and is within noise. There is no correction for testing
 * thousands of frames at once: at 95% about one unchanged frame in 20 still looks significant. The test
 * only fades what sampling clearly explains; it does not prove the rest is real.
 *
 * It needs sample counts, so each side's values are turned into counts first (x = value / scale):
 * - count units (`samples/count`, folded counts, `contentions/count`): the values are counts (scale 1),
 *   except when the profile's period is also a count (a Go mutex profile multiplies by its sampling rate:
 *   scale = period). Counts of a profile whose period is in bytes (Go heap `alloc_objects`) are upscaled
 *   estimates of sampled allocations, not sample counts: no test.
 * - time units (pprof CPU: `cpu/nanoseconds` = samples × period): scale = the period when the profile has
 *   one in a time unit (converted to the value's unit). Without it (Grafana frames, Chrome, JFR walls
 *   with period 0), or with one under 1 µs that no sampler uses (JFR walls with period 1 ns), a time is
 *   not a count and no test is made — we do not guess a period.
 * - byte units: scale = the period when it is in bytes (Go heap: about one sample per `period` bytes
 *   allocated; rough for objects larger than the period), else no test.
 * - a period that cannot be right (fewer samples in the whole than distinct stacks with a value, as in
 *   JFR conversions that write period 1 s) or negative values (delta profiles: shares are not
 *   proportions) also mean no test.
 */
import type { FrameIndex, ProfileInfo } from '../model/frame-tree.ts';
import { formatNumber, formatValue, nanosPerUnit, unitKind } from '../format/units.ts';
import { twoSidedCriticalZ } from './normal-quantile.ts';
import type { DiffTree } from './diff-tree.ts';

/** Default confidence of the noise test. */
export const DEFAULT_NOISE_CONFIDENCE = 0.95;

export interface NoiseOptions {
  /** Two-sided confidence level in (0, 1); default 0.95. */
  readonly confidence?: number;
}

/** A noise test that can be made: both sides' values as sample counts. */
export interface CountingNoiseModel {
  readonly kind: 'counts';
  readonly confidence: number;
  /** |z| below this is within noise. */
  readonly criticalZ: number;
  /** Value units per sample, per side (1 for counts, the period for CPU time). */
  readonly baselineScale: number;
  readonly comparisonScale: number;
  /** Samples in each whole profile (its total / its scale). */
  readonly baselineSamples: number;
  readonly comparisonSamples: number;
  /** How the counts were obtained, for the legend ("samples = cpu time / 10 ms period"). */
  readonly basis: string;
}

/** No test can be made, and why (a sentence for the legend). */
export interface UnavailableNoiseModel {
  readonly kind: 'unavailable';
  readonly reason: string;
}

export type NoiseModel = CountingNoiseModel | UnavailableNoiseModel;

/**
 * The shortest time period taken as a real sampling period: 1 µs. Samplers tick at 100 Hz – 10 kHz
 * (10 ms – 100 µs); JFR conversions that write `wall/nanoseconds` with period 1 mean "no period".
 */
const MIN_TIME_PERIOD_NANOS = 1000;

const isBytes = (unit: string) => unitKind(unit) === 'bytes';
const isTime = (unit: string) => unitKind(unit) === 'time';

/** Value units per sample for one side, or why there is none. */
function sampleScale(unit: string, info: ProfileInfo | undefined): number | string {
  const period = info?.period && info.period.value > 0 ? info.period : undefined;
  if (isTime(unit)) {
    if (!period || !isTime(period.unit)) {
      return `a time in ${unit} is not a sample count, and the profile gives no sampling period to convert it`;
    }
    const periodNanos = period.value * nanosPerUnit(period.unit)!;
    if (periodNanos < MIN_TIME_PERIOD_NANOS) {
      return `its sampling period (${formatValue(periodNanos, 'nanoseconds')}) is not a real one, so its times cannot be turned into sample counts`;
    }
    return periodNanos / nanosPerUnit(unit)!;
  }
  if (isBytes(unit)) {
    if (period && isBytes(period.unit)) return period.value;
    return 'a size in bytes is not a sample count, and the profile gives no sampling period in bytes';
  }
  if (!period) return 1;
  if (isBytes(period.unit)) return 'these counts are upscaled estimates from sampled allocations, not sample counts';
  if (isTime(period.unit)) return 1;
  return period.value;
}

/**
 * The noise test for `tree`'s chosen sample type, or why there is none. Cheap to call once per settings
 * change (one pass over the self columns); then `isWithinNoise` per frame or `noiseMask` for all.
 */
export function noiseModel(tree: DiffTree, options: NoiseOptions = {}): NoiseModel {
  const confidence = options.confidence ?? DEFAULT_NOISE_CONFIDENCE;
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), not ${confidence}`);
  const sides = [
    { name: 'baseline', scale: sampleScale(tree.unit, tree.baselineInfo), whole: tree.baselineTotal, self: tree.self },
    { name: 'comparison', scale: sampleScale(tree.unit, tree.comparisonInfo), whole: tree.comparisonTotal, self: tree.selfB },
  ] as const;
  for (const side of sides) {
    if (typeof side.scale === 'string') return { kind: 'unavailable', reason: `No noise test: ${side.scale}.` };
    let stacksWithValue = 0;
    for (let i = 0; i < tree.length; i++) {
      const v = side.self[i]!;
      if (v < 0) return { kind: 'unavailable', reason: `No noise test: the ${side.name} has negative values, so shares are not proportions.` };
      if (v !== 0) stacksWithValue++;
    }
    if (side.whole / side.scale < stacksWithValue) {
      return {
        kind: 'unavailable',
        reason:
          `No noise test: the ${side.name}'s values do not fit sample counts at ${side.scale} ${tree.unit} per sample ` +
          `(${stacksWithValue} stacks have a value, but the whole would be ${formatNumber(side.whole / side.scale)} samples).`,
      };
    }
  }
  const baselineScale = sides[0].scale as number;
  const comparisonScale = sides[1].scale as number;
  const period = (scale: number) => formatValue(scale, tree.unit);
  const basis =
    baselineScale === 1 && comparisonScale === 1 && unitKind(tree.unit) === 'count'
      ? 'the values are sample counts'
      : baselineScale === comparisonScale
        ? `samples = value ÷ sampling period of ${period(baselineScale)}`
        : `samples = value ÷ sampling period of ${period(baselineScale)} (baseline), ${period(comparisonScale)} (comparison)`;
  return {
    kind: 'counts',
    confidence,
    criticalZ: twoSidedCriticalZ(confidence),
    baselineScale,
    comparisonScale,
    baselineSamples: tree.baselineTotal / baselineScale,
    comparisonSamples: tree.comparisonTotal / comparisonScale,
    basis,
  };
}

/**
 * The z statistic of a change from `baselineValue` to `comparisonValue` (both in the tree's unit; frame or
 * function totals): positive when the share grew. 0 when neither side has a share to compare.
 */
export function noiseZ(model: CountingNoiseModel, baselineValue: number, comparisonValue: number): number {
  const nA = model.baselineSamples;
  const nB = model.comparisonSamples;
  if (nA <= 0 || nB <= 0) return 0;
  const xA = baselineValue / model.baselineScale;
  const xB = comparisonValue / model.comparisonScale;
  const pooled = (xA + xB) / (nA + nB);
  const variance = pooled * (1 - pooled) * (1 / nA + 1 / nB);
  const change = xB / nB - xA / nA;
  if (!(variance > 0)) return 0;
  return change / Math.sqrt(variance);
}

/** True when the change is within what sampling explains (|z| < z*); false when the model is unavailable. */
export function isWithinNoise(model: NoiseModel, baselineValue: number, comparisonValue: number): boolean {
  if (model.kind !== 'counts') return false;
  return Math.abs(noiseZ(model, baselineValue, comparisonValue)) < model.criticalZ;
}

/** Whether frame `frame`'s total (or self) change is within noise. */
export function isFrameWithinNoise(tree: DiffTree, frame: FrameIndex, model: NoiseModel, useSelf = false): boolean {
  return useSelf
    ? isWithinNoise(model, tree.self[frame]!, tree.selfB[frame]!)
    : isWithinNoise(model, tree.total[frame]!, tree.totalB[frame]!);
}

/**
 * One byte per frame, 1 where the change is within noise (the renderer fades those bars). Computed once per
 * settings change, never per draw. All zeros when the model is unavailable.
 */
export function noiseMask(tree: DiffTree, model: NoiseModel, useSelf = false): Uint8Array {
  const mask = new Uint8Array(tree.length);
  if (model.kind !== 'counts') return mask;
  const a = useSelf ? tree.self : tree.total;
  const b = useSelf ? tree.selfB : tree.totalB;
  for (let i = 0; i < tree.length; i++) mask[i] = isWithinNoise(model, a[i]!, b[i]!) ? 1 : 0;
  return mask;
}
