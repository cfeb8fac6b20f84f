import type { DiffMetric } from '@flamelens/core';
import { DEFAULT_DIFF_COLOURS, type DiffColourOptions, type ThemeName } from '@flamelens/renderer';
import type { CSSProperties } from 'react';
import { METRIC_LABELS, WIDTH_LABELS, type DiffWidthMode } from './diff-settings.ts';
import { SaturationControl } from './SaturationControl.tsx';
import { buttonStyle, CHROME, inputStyle } from './styles.ts';

export interface DiffOptionsProps {
  /** The colour options (controlled); what is left out shows its default. */
  readonly diff: Partial<DiffColourOptions>;
  /** Called with the whole next set of colour options on any change. */
  readonly onDiffChange: (next: DiffColourOptions) => void;
  /** Bar widths (controlled); `auto` shows as `combined`. */
  readonly widthMode: DiffWidthMode | 'auto';
  readonly onWidthModeChange: (mode: DiffWidthMode) => void;
  /**
   * Show the saturation control here too (auto or a value). Needs `saturationInForce` and `unit`; off in
   * `<FlameGraph>`'s toolbar, where the legend holds it.
   */
  readonly saturation?: { readonly inForce: number; readonly unit: string } | null;
  readonly theme?: ThemeName;
  readonly style?: CSSProperties;
}

const METRICS = Object.keys(METRIC_LABELS) as DiffMetric[];
const WIDTHS = Object.keys(WIDTH_LABELS) as DiffWidthMode[];

/**
 * The diff view's settings as one compact group for a toolbar: colour metric, total or self, bar widths,
 * noise fading on/off (and optionally the saturation point). Controlled: the host keeps the values (in its
 * URL, say) and gets every change through the callbacks.
 */
export function DiffOptions(props: DiffOptionsProps) {
  const c = CHROME[props.theme ?? 'light'];
  const diff: DiffColourOptions = { ...DEFAULT_DIFF_COLOURS, ...props.diff };
  const set = (patch: Partial<DiffColourOptions>) => {
    // A set saturation point is in the metric's unit: switching metric goes back to auto.
    const next = { ...diff, ...patch };
    if (patch.metric && patch.metric !== diff.metric) next.saturation = 'auto';
    props.onDiffChange(next);
  };
  const select = { ...inputStyle(c, false), width: 'auto' };
  return (
    <span role="group" aria-label="Diff options" data-testid="diff-options" style={{ display: 'inline-flex', flexWrap: 'wrap', alignItems: 'center', gap: 6, colorScheme: props.theme ?? 'light', ...props.style }}>
      <label style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
        colour
        <select value={diff.metric} onChange={(e) => set({ metric: e.target.value as DiffMetric })} style={select} data-testid="diff-metric">
          {METRICS.map((m) => (
            <option key={m} value={m}>
              {METRIC_LABELS[m]}
            </option>
          ))}
        </select>
      </label>
      <span role="group" aria-label="Values compared" style={{ display: 'inline-flex' }}>
        {([false, true] as const).map((self) => (
          <button
            key={String(self)}
            type="button"
            aria-pressed={diff.useSelf === self}
            onClick={() => set({ useSelf: self })}
            style={buttonStyle(c, diff.useSelf === self)}
            data-testid={self ? 'diff-self' : 'diff-total'}
          >
            {self ? 'self' : 'total'}
          </button>
        ))}
      </span>
      <label style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
        width
        <select
          value={props.widthMode === 'auto' ? 'combined' : props.widthMode}
          onChange={(e) => props.onWidthModeChange(e.target.value as DiffWidthMode)}
          style={select}
          data-testid="diff-width"
        >
          {WIDTHS.map((w) => (
            <option key={w} value={w}>
              {WIDTH_LABELS[w]}
            </option>
          ))}
        </select>
      </label>
      <label style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }} title="Draw frames whose change is within sampling noise faded">
        <input type="checkbox" checked={diff.fadeNoise} onChange={(e) => set({ fadeNoise: e.target.checked })} data-testid="diff-fade-noise" />
        fade noise
      </label>
      {props.saturation && (
        <SaturationControl
          value={diff.saturation}
          inForce={props.saturation.inForce}
          metric={diff.metric}
          unit={props.saturation.unit}
          onChange={(saturation) => set({ saturation })}
          colours={c}
        />
      )}
    </span>
  );
}
