import { isDiffTree, type FrameTree } from '@flamelens/core';
import type { DiffColourOptions, PaletteName, ThemeName, WidthMode } from '@flamelens/renderer';
import type { PanelOptions } from '../options.ts';

/** The `<FlameGraph>` props that follow the panel's options and Grafana's theme. */
export interface GraphSettings {
  readonly theme: ThemeName;
  readonly palette: PaletteName;
  readonly diff: Pick<DiffColourOptions, 'metric' | 'useSelf' | 'saturation'>;
  readonly widthMode: WidthMode | 'auto';
  readonly toolbar: boolean;
}

/**
 * Panel options → `<FlameGraph>` props. A saturation of 0 means "the largest change in the profile"
 * (`'auto'`); the diff width applies to diff trees only (a single profile is always as wide as its totals).
 */
export function graphSettings(options: PanelOptions, tree: FrameTree, theme: ThemeName): GraphSettings {
  return {
    theme,
    palette: options.palette,
    diff: { metric: options.diffMetric, useSelf: options.diffSelf, saturation: options.diffSaturation > 0 ? options.diffSaturation : 'auto' },
    widthMode: isDiffTree(tree) ? options.diffWidth : 'auto',
    toolbar: options.showToolbar,
  };
}

/** A diff change in the metric's own words, as the tooltip writes it (+2 pp of the whole, +25% share, +1.2 s). */
export function describeChange(change: number, diff: Pick<DiffColourOptions, 'metric'>, formatValue: (v: number) => string): string {
  if (diff.metric === 'normalized-delta') return `${Number(change.toFixed(2))} pp of the whole`;
  if (diff.metric === 'relative-change') return `${Number((change * 100).toFixed(1))}% share`;
  return formatValue(change);
}
