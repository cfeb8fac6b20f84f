import type { DiffTree, NoiseModel } from '@flamelens/core';
import {
  DEFAULT_DIFF_COLOURS,
  describeDiffFormula,
  describeNoise,
  diffBucketColours,
  diffTotals,
  fadedColour,
  formatChange,
  THEMES,
  type DiffColourOptions,
  type ThemeName,
} from '@flamelens/renderer';
import { useMemo, type CSSProperties } from 'react';
import { diffLegendFigures } from './diff-settings.ts';
import { SaturationControl } from './SaturationControl.tsx';
import { CHROME } from './styles.ts';

export interface DiffLegendProps {
  readonly tree: DiffTree;
  /** The colour options in force (defaults for what is left out). */
  readonly diff?: Partial<DiffColourOptions>;
  /**
   * The saturation point in force (the largest change when `auto`) and the noise test. `<FlameGraph>`
   * passes its renderer's; a host that leaves them out gets them computed here (one pass over the frames).
   */
  readonly saturation?: number;
  readonly noise?: NoiseModel | null;
  /** Names of the two sides; default the tree's file names, else "baseline" / "comparison". */
  readonly sideNames?: readonly [string, string];
  readonly theme?: ThemeName;
  /** Shows the saturation control when set: a value in the metric's unit, or `auto`. */
  readonly onSaturationChange?: (saturation: number | 'auto') => void;
  readonly style?: CSSProperties;
}

/** Width of the colour scale, CSS px. */
const SCALE_WIDTH = 220;
/** Tick positions on the scale, as fractions of the saturation point (ends and middle: room for long numbers). */
const TICKS = [-1, 0, 1];

/**
 * What the colours of a diff mean, always on screen in diff mode: the scale (blue ← 0 → red) with ticks
 * in the metric's unit, the formula in words, both sides' totals with their names, the saturation point
 * (and a control to set it), the marks of new and removed frames, and what is faded for noise — or why
 * nothing can be. Plain DOM, inline styles, no canvas.
 */
export function DiffLegend(props: DiffLegendProps) {
  const { tree } = props;
  const theme = props.theme ?? 'light';
  const colours = THEMES[theme];
  const c = CHROME[theme];
  const diff = useMemo(() => ({ ...DEFAULT_DIFF_COLOURS, ...props.diff }), [props.diff]);
  const computed = useMemo(
    () => (props.saturation === undefined || props.noise === undefined ? diffLegendFigures(tree, diff) : null),
    [tree, diff, props.saturation, props.noise],
  );
  const saturation = props.saturation ?? computed!.saturation;
  const noise = props.noise === undefined ? computed!.noise : props.noise;
  const buckets = useMemo(() => diffBucketColours(colours), [colours]);
  const names = props.sideNames ?? [tree.baselineName ?? 'baseline', tree.comparisonName ?? 'comparison'];
  const totals = diffTotals(tree);
  const fading = diff.fadeNoise && noise?.kind === 'counts';
  const muted = { color: c.muted };
  return (
    <div
      role="group"
      aria-label="Diff legend"
      data-testid="diff-legend"
      style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: 16, rowGap: 4, padding: '4px 0', fontSize: 12, colorScheme: theme, ...props.style }}
    >
      <div data-testid="diff-legend-scale" style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
        <span style={muted}>shrank</span>
        <span style={{ display: 'inline-block', width: SCALE_WIDTH }}>
          <span
            aria-hidden
            style={{ display: 'block', height: 10, borderRadius: 2, background: `linear-gradient(to right, ${buckets.join(', ')})`, border: `1px solid ${c.line}` }}
          />
          <span style={{ position: 'relative', display: 'block', height: 14 }}>
            {TICKS.map((t) => (
              <span
                key={t}
                data-testid="diff-legend-tick"
                style={{ position: 'absolute', left: `${((t + 1) / 2) * 100}%`, transform: `translateX(${t === -1 ? 0 : t === 1 ? -100 : -50}%)`, whiteSpace: 'nowrap', ...muted }}
              >
                {t === 0 ? '0' : formatChange(t * saturation, diff.metric, tree.unit)}
              </span>
            ))}
          </span>
        </span>
        <span style={muted}>grew</span>
      </div>
      <div data-testid="diff-legend-formula">{describeDiffFormula(diff.metric, diff.useSelf)}</div>
      <div data-testid="diff-legend-totals" style={{ display: 'inline-flex', gap: 12 }}>
        <span data-testid="diff-legend-baseline-total">
          <span style={muted}>baseline</span> {names[0]}: <strong>{totals.baseline}</strong>
        </span>
        <span data-testid="diff-legend-comparison-total">
          <span style={muted}>comparison</span> {names[1]}: <strong>{totals.comparison}</strong>
        </span>
      </div>
      <div data-testid="diff-legend-saturation" style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
        {props.onSaturationChange ? (
          <SaturationControl value={diff.saturation} inForce={saturation} metric={diff.metric} unit={tree.unit} onChange={props.onSaturationChange} colours={c} />
        ) : (
          <span>full colour at ±{formatChange(saturation, diff.metric, tree.unit).replace(/^[+−]/, '')}</span>
        )}
        <span style={muted}>{diff.saturation === 'auto' ? '(auto: the largest change)' : '(set)'}</span>
      </div>
      <div style={{ display: 'inline-flex', alignItems: 'center', gap: 10 }}>
        <Swatch label="new (comparison only)" background={hatch(colours.diffNeutral, colours.hatch, -45)} testId="diff-legend-new" line={c.line} />
        <Swatch label="removed (baseline only)" background={hatch(colours.diffNeutral, colours.hatch, 45)} testId="diff-legend-removed" line={c.line} />
      </div>
      <div data-testid="diff-legend-noise" style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
        {fading && <Swatch label="" background={`linear-gradient(to right, ${fadedColour(buckets[0]!, colours)}, ${fadedColour(buckets[buckets.length - 1]!, colours)})`} line={c.line} />}
        <span style={fading ? undefined : muted}>{describeNoise(noise, diff.fadeNoise)}</span>
      </div>
    </div>
  );
}

/**
 * Hatching as the canvas draws it: lines 1 px wide, 6 px tiles (≈ 4.24 px apart across the lines);
 * −45° gives "/" (new), 45° gives "\" (removed).
 */
function hatch(fill: string, line: string, angle: number): string {
  return `repeating-linear-gradient(${angle}deg, ${line} 0 1px, transparent 1px 4.24px), ${fill}`;
}

function Swatch({ label, background, testId, line }: { label: string; background: string; testId?: string; line: string }) {
  return (
    <span data-testid={testId} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
      <span aria-hidden style={{ display: 'inline-block', width: 28, height: 12, borderRadius: 2, background, border: `1px solid ${line}` }} />
      {label && <span>{label}</span>}
    </span>
  );
}
