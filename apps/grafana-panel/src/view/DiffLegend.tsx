import { THEMES, type DiffColourOptions, type ThemeName } from '@flamelens/renderer';
import { describeChange } from './graph-settings.ts';
import type { ViewTheme } from './view-theme.ts';

export interface DiffLegendProps {
  readonly diff: Pick<DiffColourOptions, 'metric' | 'useSelf' | 'saturation'>;
  readonly theme: ThemeName;
  readonly tokens: ViewTheme;
  readonly formatValue: (value: number) => string;
}

/** What the diff colours mean: the renderer's own shrank/grew colours, the metric, and where colour saturates. */
export function DiffLegend({ diff, theme, tokens, formatValue }: DiffLegendProps) {
  const colours = THEMES[theme];
  const full = diff.saturation === 'auto' ? 'the largest change' : `±${describeChange(diff.saturation, diff, formatValue)}`;
  const metric = diff.metric === 'absolute-delta' ? 'value' : diff.metric === 'relative-change' ? 'relative share' : 'share';
  return (
    <div data-testid="flamelens-legend" style={{ font: `12px ${tokens.fontFamily}`, color: tokens.secondaryText, padding: '2px 0 4px', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
      <span style={{ color: colours.diffShrank }}>■</span> shrank · <span style={{ color: colours.diffGrew }}>■</span> grew — comparison vs baseline,{' '}
      {metric} of {diff.useSelf ? 'self' : 'total'}; full colour at {full}; hatched: on one side only
    </div>
  );
}
