import type { PanelOptionsEditorBuilder, DataFrame } from '@grafana/data';
import type { DiffMetric } from '@flamelens/core';

/** How bars stack: icicle (root on top, Grafana's default) or flame (root at the bottom). */
export type ViewOrientation = 'icicle' | 'flame';
/** Bar colours of a single profile: by package (the same module keeps its hue) or by self value (heat). */
export type ColorScheme = 'package' | 'value';
/** What a bar's width stands for in a diff: both sides' shares combined, or one side only. */
export type DiffWidth = 'combined' | 'baseline' | 'comparison';

/** The panel's options (panel JSON `options`); defaults are the builder's `defaultValue`s. */
export interface PanelOptions {
  readonly view: ViewOrientation;
  readonly colorScheme: ColorScheme;
  readonly showSearch: boolean;
  readonly showTable: boolean;
  readonly diffMetric: DiffMetric;
  /** Colour diffs by self values instead of totals. */
  readonly diffSelf: boolean;
  readonly diffWidth: DiffWidth;
  /**
   * The change at which diff colours are fully saturated, in the metric's unit (percentage points for the
   * normalized delta, a ratio for the relative change, the value unit for the absolute delta); 0 = the
   * largest change in the profile.
   */
  readonly diffSaturation: number;
}

export const DEFAULT_OPTIONS: PanelOptions = {
  view: 'icicle',
  colorScheme: 'package',
  showSearch: true,
  showTable: true,
  diffMetric: 'normalized-delta',
  diffSelf: false,
  diffWidth: 'combined',
  diffSaturation: 0,
};

/** True when some frame carries a comparison side, so the diff options matter. */
const hasDiff = (data?: DataFrame[]) => !data || data.length === 0 || data.some((frame) => frame.fields.some((f) => f.name === 'valueRight'));

/** Adds the panel's options to Grafana's options editor. */
export function buildOptions(builder: PanelOptionsEditorBuilder<PanelOptions>): void {
  const flame = ['Flame graph'];
  const diff = ['Diff (frames with valueRight / selfRight)'];
  builder
    .addRadio({
      path: 'view',
      name: 'Orientation',
      category: flame,
      defaultValue: DEFAULT_OPTIONS.view,
      settings: { options: [{ value: 'icicle', label: 'Icicle (root on top)' }, { value: 'flame', label: 'Flame (root at the bottom)' }] },
    })
    .addRadio({
      path: 'colorScheme',
      name: 'Colour by',
      category: flame,
      defaultValue: DEFAULT_OPTIONS.colorScheme,
      settings: { options: [{ value: 'package', label: 'Package' }, { value: 'value', label: 'Self value' }] },
    })
    .addBooleanSwitch({ path: 'showSearch', name: 'Search box', category: flame, defaultValue: DEFAULT_OPTIONS.showSearch })
    .addBooleanSwitch({ path: 'showTable', name: 'Top functions table', category: flame, defaultValue: DEFAULT_OPTIONS.showTable })
    .addRadio({
      path: 'diffMetric',
      name: 'Colour by change in',
      description: 'Normalized delta: share of the comparison minus share of the baseline, in percentage points.',
      category: diff,
      defaultValue: DEFAULT_OPTIONS.diffMetric,
      showIf: (_options, data) => hasDiff(data),
      settings: {
        options: [
          { value: 'normalized-delta', label: 'Share (pp)' },
          { value: 'relative-change', label: 'Relative' },
          { value: 'absolute-delta', label: 'Absolute' },
        ],
      },
    })
    .addBooleanSwitch({ path: 'diffSelf', name: 'Compare self values', category: diff, defaultValue: DEFAULT_OPTIONS.diffSelf, showIf: (_o, data) => hasDiff(data) })
    .addRadio({
      path: 'diffWidth',
      name: 'Bar width',
      category: diff,
      defaultValue: DEFAULT_OPTIONS.diffWidth,
      showIf: (_options, data) => hasDiff(data),
      settings: {
        options: [
          { value: 'combined', label: 'Both sides' },
          { value: 'baseline', label: 'Baseline' },
          { value: 'comparison', label: 'Comparison' },
        ],
      },
    })
    .addNumberInput({
      path: 'diffSaturation',
      name: 'Full colour at',
      description: 'The change drawn in full red or blue, in the metric’s unit; 0 = the largest change.',
      category: diff,
      defaultValue: DEFAULT_OPTIONS.diffSaturation,
      showIf: (_options, data) => hasDiff(data),
      settings: { min: 0 },
    });
}
