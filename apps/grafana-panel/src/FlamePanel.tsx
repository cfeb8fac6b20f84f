import { useCallback, useContext, useMemo, useState } from 'react';
import { formattedValueToString, getValueFormat, LoadingState, ThemeContext, type PanelProps } from '@grafana/data';
import { isDiffTree, pickNestedSetFrame, type FieldLike, type FrameLike } from '@flamelens/core';
import { useFrameTree } from './frame/use-frame-tree.ts';
import { DEFAULT_OPTIONS, type PanelOptions } from './options.ts';
import { FlameCanvas } from './view/FlameCanvas.tsx';
import { FunctionTable } from './view/FunctionTable.tsx';
import { PanelMessage } from './view/PanelMessage.tsx';
import { viewTheme } from './view/view-theme.ts';
import { describeChange } from './view/Tooltip.tsx';

/** Toolbar (search box, diff legend) height in CSS px. */
const TOOLBAR_PX = 32;
/** Below this panel width the table goes under the graph instead of beside it. */
const SIDE_BY_SIDE_MIN_PX = 800;
/** Below this height (stacked layout) there is no room for a table. */
const STACKED_TABLE_MIN_PX = 320;

/**
 * The panel: finds the flame graph frame among the query's frames, converts it to a tree (in a worker
 * when large), and draws it with the search box and the top-functions table, in Grafana's theme and the
 * panel's size. Anything it cannot draw becomes a sentence in the panel.
 */
export function FlamePanel({ data, options: saved, width, height }: PanelProps<PanelOptions>) {
  const theme = useContext(ThemeContext);
  const tokens = useMemo(() => viewTheme(theme), [theme]);
  const options = { ...DEFAULT_OPTIONS, ...saved };
  const frame = useMemo(() => pickNestedSetFrame(data.series as unknown as readonly FrameLike[]), [data.series]);
  const state = useFrameTree(frame);
  const formatValue = useMemo(() => valueFormatter(frame?.fields.find((f) => f.name === 'value')), [frame]);
  const [search, setSearch] = useState('');
  const diff = useMemo(
    () => ({ metric: { metric: options.diffMetric, useSelf: options.diffSelf }, width: options.diffWidth, saturation: options.diffSaturation }),
    [options.diffMetric, options.diffSelf, options.diffWidth, options.diffSaturation],
  );
  const onPick = useCallback((name: string) => setSearch(name), []);

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

  const tree = state.tree;
  const toolbar = options.showSearch || isDiffTree(tree) ? TOOLBAR_PX : 0;
  const bodyHeight = Math.max(0, height - toolbar);
  const sideBySide = options.showTable && width >= SIDE_BY_SIDE_MIN_PX;
  const stacked = options.showTable && !sideBySide && bodyHeight >= STACKED_TABLE_MIN_PX;
  const graphWidth = sideBySide ? Math.floor(width * 0.62) : width;
  const graphHeight = stacked ? Math.floor(bodyHeight * 0.62) : bodyHeight;
  return (
    <div style={{ width, height, display: 'flex', flexDirection: 'column', background: tokens.background, color: tokens.text }}>
      {toolbar > 0 && (
        <div style={{ height: toolbar, display: 'flex', alignItems: 'center', gap: 12, font: `12px ${tokens.fontFamily}` }}>
          {options.showSearch && (
            <input
              type="search"
              aria-label="Search functions"
              placeholder="Search functions…"
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              style={{ width: 240, height: 24, padding: '0 6px', background: tokens.background, color: tokens.text, border: `1px solid ${tokens.border}`, borderRadius: 2 }}
            />
          )}
          {isDiffTree(tree) && (
            <span data-testid="flamelens-legend" style={{ color: tokens.secondaryText }}>
              <span style={{ color: '#4393c3' }}>■</span> shrank · <span style={{ color: '#d6604d' }}>■</span> grew (comparison vs baseline, by{' '}
              {diff.metric.useSelf ? 'self' : 'total'}; full colour at{' '}
              {diff.saturation > 0 ? describeChange(diff.saturation, diff.metric, formatValue) : 'the largest change'})
            </span>
          )}
        </div>
      )}
      <div style={{ display: 'flex', flexDirection: sideBySide ? 'row' : 'column', flex: 1, minHeight: 0 }}>
        <FlameCanvas
          tree={tree}
          width={graphWidth}
          height={graphHeight}
          orientation={options.view}
          colorScheme={options.colorScheme}
          search={search}
          diff={diff}
          theme={tokens}
          formatValue={formatValue}
        />
        {(sideBySide || stacked) && (
          <FunctionTable
            tree={tree}
            width={sideBySide ? width - graphWidth : width}
            height={sideBySide ? bodyHeight : bodyHeight - graphHeight}
            theme={tokens}
            formatValue={formatValue}
            onPick={onPick}
          />
        )}
      </div>
    </div>
  );
}

/** Values in the unit and decimals of the value field's config (Grafana's own formatters: ns → "1.50 s"). */
function valueFormatter(field: FieldLike | undefined): (value: number) => string {
  const config = field?.config as { unit?: string; decimals?: number } | null | undefined;
  const format = getValueFormat(config?.unit || 'short');
  const decimals = config?.decimals ?? undefined;
  return (value) => formattedValueToString(format(value, decimals));
}
