import { useContext, useMemo } from 'react';
import { formattedValueToString, getValueFormat, LoadingState, ThemeContext, type PanelProps } from '@grafana/data';
import { pickNestedSetFrame, type FieldLike, type FrameLike } from '@flamelens/core';
import { useFrameTree } from './frame/use-frame-tree.ts';
import { DEFAULT_OPTIONS, type PanelOptions } from './options.ts';
import { FlameView } from './view/FlameView.tsx';
import { PanelBoundary } from './view/PanelBoundary.tsx';
import { PanelMessage } from './view/PanelMessage.tsx';
import { viewTheme, type ViewTheme } from './view/view-theme.ts';

/**
 * The panel: finds the flame graph frame among the query's frames, converts it to a tree (in a worker
 * when large), and shows it with `<FlameGraph>` in Grafana's theme and the panel's size. Anything it
 * cannot draw becomes a sentence in the panel; data nothing foresaw is caught by a boundary, which says so.
 */
export function FlamePanel(props: PanelProps<PanelOptions>) {
  const theme = useContext(ThemeContext);
  const tokens = useMemo(() => viewTheme(theme), [theme]);
  return (
    <PanelBoundary theme={tokens} width={props.width} height={props.height} data={props.data.series}>
      <PanelBody {...props} tokens={tokens} />
    </PanelBoundary>
  );
}

function PanelBody({ id, data, options: saved, width, height, tokens }: PanelProps<PanelOptions> & { readonly tokens: ViewTheme }) {
  const options = useMemo(() => ({ ...DEFAULT_OPTIONS, ...saved }), [saved]);
  const frame = useMemo(() => pickNestedSetFrame((data.series ?? []).filter(isFrameLike)), [data.series]);
  const state = useFrameTree(frame);
  const formatValue = useMemo(() => valueFormatter(frame?.fields.find((f) => f.name === 'value')), [frame]);

  const message = (title: string, detail?: string, tone: 'info' | 'error' = 'info') => (
    <PanelMessage title={title} tone={tone} theme={tokens} width={width} height={height} {...(detail ? { detail } : {})} />
  );
  if (!frame) {
    if (data.state === LoadingState.Loading) return message('Loading…');
    if (!data.series?.length) return message('No data');
    return message(
      'No flame graph in this data',
      'The query returned frames, but none with the flame graph fields level, value, self and label (a Pyroscope query of type "Profile" returns one).',
    );
  }
  if (state.status === 'error') return message('This frame cannot be drawn as a flame graph', state.error.message, 'error');
  if (state.status !== 'ready') return message(state.status === 'converting' ? `Reading ${state.rows.toLocaleString('en-US')} rows…` : 'No data');
  return <FlameView panelId={id} tree={state.tree} options={options} tokens={tokens} formatValue={formatValue} width={width} height={height} />;
}

/** Values in the unit and decimals of the value field's config (Grafana's own formatters: ns → "1.50 s"). */
function valueFormatter(field: FieldLike | undefined): (value: number) => string {
  const config = field?.config as { unit?: string; decimals?: number } | null | undefined;
  const format = getValueFormat(config?.unit || 'short');
  const decimals = config?.decimals ?? undefined;
  return (value) => formattedValueToString(format(value, decimals));
}

/** A frame whose fields can be read at all: a list of fields, each with a name and a list of values. */
function isFrameLike(frame: unknown): frame is FrameLike {
  const fields = (frame as { fields?: unknown } | null)?.fields;
  return (
    Array.isArray(fields) &&
    fields.every((f: { name?: unknown; values?: { length?: unknown } } | null) => typeof f?.name === 'string' && typeof f.values?.length === 'number')
  );
}
