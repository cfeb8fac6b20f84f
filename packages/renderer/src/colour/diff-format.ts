import { formatValue, type DiffMetric, type DiffTree, type NoiseModel } from '@flamelens/core';

/** Digits after the point for a magnitude: 3 under 1, 2 under 10, 1 above — the precision of `formatPercent`. */
function digitsFor(abs: number): number {
  return abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
}

const sign = (v: number) => (v > 0 ? '+' : v < 0 ? '−' : '');

/**
 * A signed change as text in the metric's unit: `+2.5 pp` (normalized delta, percentage points),
 * `+25%` (relative change of the share), `+1.2 s` (absolute delta, the tree's unit). `±∞` relative
 * changes (a share from 0) read `new` / `gone`. Used by the tooltip and the legend's ticks alike.
 */
export function formatChange(value: number, metric: DiffMetric, unit: string): string {
  if (value !== value) return '–';
  if (metric === 'absolute-delta') return `${sign(value)}${formatValue(Math.abs(value), unit)}`;
  if (metric === 'relative-change' && !Number.isFinite(value)) return value > 0 ? 'new' : 'gone';
  const abs = Math.abs(metric === 'relative-change' ? value * 100 : value);
  const text = String(Number(abs.toFixed(digitsFor(abs))));
  return `${sign(value)}${text}${metric === 'relative-change' ? '%' : ' pp'}`;
}

/**
 * The colour formula in words, for the legend: what the colour of a bar is, for `metric` and total/self.
 *   normalized delta: "share of comparison total − share of baseline total, in percentage points"
 */
export function describeDiffFormula(metric: DiffMetric, useSelf: boolean): string {
  const what = useSelf ? 'self' : 'total';
  if (metric === 'normalized-delta') {
    return `colour = share of comparison ${what} − share of baseline ${what}, in percentage points of each whole profile`;
  }
  if (metric === 'relative-change') {
    return `colour = (share of comparison ${what} − share of baseline ${what}) ÷ share of baseline ${what}, in percent`;
  }
  return `colour = comparison ${what} − baseline ${what}, not normalized (for windows of equal length)`;
}

/**
 * The noise sentence of the legend: what is faded and why, or why nothing is. `fading` = the option is on.
 */
export function describeNoise(noise: NoiseModel | null, fading: boolean): string {
  if (!noise) return '';
  if (noise.kind === 'unavailable') return noise.reason;
  const confidence = `${Number((noise.confidence * 100).toFixed(2))}%`;
  if (!fading) return `Noise fading off (a test at ${confidence} confidence is available: ${noise.basis}).`;
  return `faded: within sampling noise at ${confidence} confidence (two-proportion z-test; ${noise.basis})`;
}

/** Totals of the two sides as text, in the tree's unit. */
export function diffTotals(tree: DiffTree): { readonly baseline: string; readonly comparison: string } {
  return { baseline: formatValue(tree.baselineTotal, tree.unit), comparison: formatValue(tree.comparisonTotal, tree.unit) };
}
