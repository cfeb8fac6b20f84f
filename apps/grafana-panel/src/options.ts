import type { PanelOptionsEditorBuilder, DataFrame } from '@grafana/data';
import type { DiffMetric } from '@flamelens/core';

/** How bars stack: icicle (root on top, Grafana's default) or flame (root at the bottom). */
export type ViewOrientation = 'icicle' | 'flame';
/** Bar colours of a single profile, by package: the default hues, or a palette safe for colour-blind eyes. */
export type Palette = 'default' | 'colorblind';
/** What a bar's width stands for in a diff: both sides' shares combined, or one side only. */
export type DiffWidth = 'combined' | 'baseline' | 'comparison';

/** The panel's options (panel JSON `options`); defaults are the builder's `defaultValue`s. */
export interface PanelOptions {
  /** The orientation the panel opens with (the toolbar can switch it while viewing). */
  readonly view: ViewOrientation;
  readonly palette: Palette;
  /** The transform bar and the flame graph's toolbar (view switch, back/forward/reset, search box). */
  readonly showToolbar: boolean;
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
  palette: 'default',
  showToolbar: true,
  showTable: true,
  diffMetric: 'normalized-delta',
  diffSelf: false,
  diffWidth: 'combined',
  diffSaturation: 0,
};

/**
 * Options saved by 0.1.x, whose own canvas offered `colorScheme` ('package' or 'value', a heat scale by
 * self value) and `showSearch` (a search box of its own).
 */
interface OptionsBefore020 {
  readonly colorScheme?: unknown;
  readonly showSearch?: unknown;
}

/** True when saved options still carry 0.1.x keys (whatever `pluginVersion` the panel JSON claims). */
export const hasOldOptions = (options: unknown): boolean =>
  typeof options === 'object' && options !== null && ('colorScheme' in options || 'showSearch' in options);

/**
 * Brings saved options up to date; options already current come back unchanged.
 * - `colorScheme` goes: bars are coloured by package (`palette` picks the hues). "Self value" colouring
 *   went with the panel's own canvas — the shared renderer colours by package or, for diffs, by change —
 *   so such panels now show package colours; the self values are in the tooltip and the table.
 * - `showSearch` becomes `showToolbar`: the search box now lives in the flame graph's toolbar.
 */
export function migrateOptions(panel: { readonly options?: Partial<PanelOptions> & OptionsBefore020 }): Partial<PanelOptions> {
  const { colorScheme: _colorScheme, showSearch, ...rest } = panel.options ?? {};
  return typeof showSearch === 'boolean' && rest.showToolbar === undefined ? { ...rest, showToolbar: showSearch } : rest;
}

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
      path: 'palette',
      name: 'Colours',
      description: 'Bars are coloured by package: frames of one module share a hue, in every profile.',
      category: flame,
      defaultValue: DEFAULT_OPTIONS.palette,
      settings: { options: [{ value: 'default', label: 'Default' }, { value: 'colorblind', label: 'Colour-blind safe' }] },
    })
    .addBooleanSwitch({
      path: 'showToolbar',
      name: 'Toolbar',
      description: 'Above the graph: the transform bar (inverted view, runtime presets, applied transforms), the orientation switch, back/forward/reset and the search box.',
      category: flame,
      defaultValue: DEFAULT_OPTIONS.showToolbar,
    })
    .addBooleanSwitch({
      path: 'showTable',
      name: 'Function table',
      description: 'Every function with self and total, sortable and filterable; a row opens its sandwich.',
      category: flame,
      defaultValue: DEFAULT_OPTIONS.showTable,
    })
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
