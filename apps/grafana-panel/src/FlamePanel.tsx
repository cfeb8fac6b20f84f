import { useContext, useMemo } from 'react';
import { formattedValueToString, getValueFormat, LoadingState, ThemeContext, type PanelProps } from '@grafana/data';
import { pickNestedSetFrame, type FieldLike, type FrameLike } from '@flamelens/core';
import { useFrameTree } from './frame/use-frame-tree.ts';
import { DEFAULT_OPTIONS, type PanelOptions } from './options.ts';
import { FlameView } from './view/FlameView.tsx';
import { PanelMessage } from './view/PanelMessage.tsx';
import { viewTheme } from './view/view-theme.ts';

/**
 * The panel: finds the flame graph frame among the query's frames, converts it to a tree (in a worker
 * when large), and shows it with `<FlameGraph>` in Grafana's theme and the panel's size. Anything it
 * cannot draw becomes a sentence in the panel.
 */
export function FlamePanel({ data, options: saved, width, height }: PanelProps<PanelOptions>) {
  const theme = useContext(ThemeContext);
  const tokens = useMemo(() => viewTheme(theme), [theme]);
  const options = useMemo(() => ({ ...DEFAULT_OPTIONS, ...saved }), [saved]);
  const frame = useMemo(() => pickNestedSetFrame(data.series as unknown as readonly FrameLike[]), [data.series]);
  const state = useFrameTree(frame);
  const formatValue = useMemo(() => valueFormatter(frame?.fields.find((f) => f.name === 'value')), [frame]);

  const message = (title: string, detail?: string, tone: 'info' | 'error' = 'info') => (
    <PanelMessage title={title} tone={tone} theme={tokens} width={width} height={height} {...(detail ? { detail } : {})} />
  );
  if (!frame) {
    if (data.state === LoadingState.Loading) return message('Loading…');
    if (data.series.length === 0) return message('No data');
    return message(
      'No flame graph in this data',
      'The query returned frames, but none with the flame graph fields level, value, self and label (a Pyroscope query of type "Profile" returns one).',
    );
  }
  if (state.status === 'error') return message('This frame cannot be drawn as a flame graph', state.error.message, 'error');
  if (state.status !== 'ready') return message(state.status === 'converting' ? `Reading ${state.rows.toLocaleString('en-US')} rows…` : 'No data');
  return <FlameView tree={state.tree} options={options} tokens={tokens} formatValue={formatValue} width={width} height={height} />;
}

/** Values in the unit and decimals of the value field's config (Grafana's own formatters: ns → "1.50 s"). */
function valueFormatter(field: FieldLike | undefined): (value: number) => string {
  const config = field?.config as { unit?: string; decimals?: number } | null | undefined;
  const format = getValueFormat(config?.unit || 'short');
  const decimals = config?.decimals ?? undefined;
  return (value) => formattedValueToString(format(value, decimals));
}
