import { noiseModel, type DiffMetric, type DiffTree, type NoiseModel } from '@flamelens/core';
import { DEFAULT_DIFF_COLOURS, DiffPassJob, DiffReader, runToEnd, type DiffColourOptions, type WidthMode } from '@flamelens/renderer';
import { useMemo, useState } from 'react';

/** Bar widths of a diff: both sides normalized and added (default), or one side's values. */
export type DiffWidthMode = 'combined' | 'comparison' | 'baseline';

/** Labels of the metrics, as the options and the legend name them. */
export const METRIC_LABELS: Readonly<Record<DiffMetric, string>> = {
  'normalized-delta': 'normalized delta (pp)',
  'relative-change': 'relative change (%)',
  'absolute-delta': 'absolute delta',
};

export const WIDTH_LABELS: Readonly<Record<DiffWidthMode, string>> = {
  combined: 'combined',
  comparison: 'comparison only',
  baseline: 'baseline only',
};

/**
 * A saturation point as the user reads and types it: percentage points and the tree's unit as they are,
 * relative change in percent (the option holds a ratio: 0.25 = 25%).
 */
export function saturationToInput(value: number, metric: DiffMetric): number {
  return metric === 'relative-change' ? value * 100 : value;
}

export function saturationFromInput(value: number, metric: DiffMetric): number {
  return metric === 'relative-change' ? value / 100 : value;
}

/** The unit the saturation input is in, shown beside it. */
export function saturationUnit(metric: DiffMetric, unit: string): string {
  if (metric === 'normalized-delta') return 'pp';
  if (metric === 'relative-change') return '%';
  return unit === 'count' ? '' : unit;
}

/**
 * The saturation point and noise model a legend shows, for hosts that place `<DiffLegend>` without a
 * renderer at hand (FlameGraph passes the renderer's own). One pass over the frames when `auto`.
 */
export function diffLegendFigures(tree: DiffTree, options: DiffColourOptions): { saturation: number; noise: NoiseModel } {
  return { saturation: saturationOf(tree, options), noise: noiseModel(tree, { confidence: options.confidence }) };
}

/** The saturation point in force: the one set, or the largest change (one pass over the frames) when `auto`. */
export function saturationOf(tree: DiffTree, options: DiffColourOptions): number {
  if (options.saturation !== 'auto') return options.saturation;
  const job = new DiffPassJob(new DiffReader(tree, options), { findLargest: true, noise: null });
  runToEnd(job);
  return job.largest > 0 ? job.largest : 1;
}

/**
 * The diff settings of one `<FlameGraph>`: its own state for the built-in controls, with the host's props
 * winning field by field (controlled when set), and every change reported to the host.
 */
export function useDiffSettings(props: {
  readonly diff?: Partial<DiffColourOptions>;
  readonly onDiffChange?: (next: DiffColourOptions) => void;
  readonly widthMode?: WidthMode | 'auto';
  readonly onWidthModeChange?: (mode: DiffWidthMode) => void;
}) {
  const [ownDiff, setOwnDiff] = useState<DiffColourOptions>(DEFAULT_DIFF_COLOURS);
  const [ownWidth, setOwnWidth] = useState<WidthMode | 'auto'>('auto');
  const diff = useMemo(() => ({ ...ownDiff, ...props.diff }), [ownDiff, props.diff]);
  return {
    diff,
    widthMode: props.widthMode ?? ownWidth,
    changeDiff: (next: DiffColourOptions) => {
      setOwnDiff(next);
      props.onDiffChange?.(next);
    },
    changeWidth: (mode: DiffWidthMode) => {
      setOwnWidth(mode);
      props.onWidthModeChange?.(mode);
    },
  };
}
