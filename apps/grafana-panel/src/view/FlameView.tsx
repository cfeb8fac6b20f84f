import { useCallback, useMemo, useRef, useState } from 'react';
import { isDiffTree, type FrameTree } from '@flamelens/core';
import { FlameGraph } from '@flamelens/react';
import type { PanelOptions, ViewOrientation } from '../options.ts';
import { DiffLegend } from './DiffLegend.tsx';
import { FunctionTable } from './FunctionTable.tsx';
import { graphSettings } from './graph-settings.ts';
import { useGraphHeight } from './use-graph-height.ts';
import type { ViewTheme } from './view-theme.ts';

/** Diff legend line height in CSS px. */
const LEGEND_PX = 22;
/** Below this panel width the table goes under the graph instead of beside it. */
const SIDE_BY_SIDE_MIN_PX = 800;
/** Below this height (stacked layout) there is no room for a table. */
const STACKED_TABLE_MIN_PX = 320;
/** Share of the width (side by side) or height (stacked) the flame graph gets when the table is shown. */
const GRAPH_SHARE = 0.62;
const SIDE_NAMES = ['Baseline', 'Comparison'] as const;

export interface FlameViewProps {
  readonly tree: FrameTree;
  readonly options: PanelOptions;
  readonly tokens: ViewTheme;
  readonly formatValue: (value: number) => string;
  readonly width: number;
  readonly height: number;
}

/**
 * A converted tree in the panel's box: `<FlameGraph>` (toolbar, breadcrumbs, graph, tooltip, keyboard)
 * sized to fill its share of the panel, the diff legend for diff trees, and the top-functions table
 * beside the graph on wide panels or under it on narrow ones.
 */
export function FlameView({ tree, options, tokens, formatValue, width, height }: FlameViewProps) {
  const settings = useMemo(() => graphSettings(options, tree, tokens.mode), [options, tree, tokens.mode]);
  const view = useViewFromOption(options.view);
  const [search, setSearch] = useState('');
  const onPick = useCallback((name: string) => setSearch((current) => (current === name ? '' : name)), []);

  const legend = isDiffTree(tree) ? LEGEND_PX : 0;
  const bodyHeight = Math.max(0, height - legend);
  const sideBySide = options.showTable && width >= SIDE_BY_SIDE_MIN_PX;
  const stacked = options.showTable && !sideBySide && bodyHeight >= STACKED_TABLE_MIN_PX;
  const graphWidth = sideBySide ? Math.floor(width * GRAPH_SHARE) : width;
  const graphHeight = stacked ? Math.floor(bodyHeight * GRAPH_SHARE) : bodyHeight;
  const box = useRef<HTMLDivElement>(null);
  const areaHeight = useGraphHeight(box, graphHeight);

  return (
    <div style={{ width, height, display: 'flex', flexDirection: 'column', color: tokens.text }}>
      {legend > 0 && <DiffLegend diff={settings.diff} theme={settings.theme} tokens={tokens} formatValue={formatValue} />}
      <div style={{ display: 'flex', flexDirection: sideBySide ? 'row' : 'column', flex: 1, minHeight: 0 }}>
        <div ref={box} style={{ width: graphWidth, height: graphHeight, overflow: 'hidden', flex: 'none' }}>
          <FlameGraph
            profile={tree}
            view={view.value}
            onViewChange={view.set}
            search={search}
            onSearchChange={setSearch}
            theme={settings.theme}
            palette={settings.palette}
            diff={settings.diff}
            widthMode={settings.widthMode}
            toolbar={settings.toolbar}
            // the panel draws its own legend above the graph and takes diff options from the panel editor
            diffLegend={false}
            diffOptions={false}
            sideNames={SIDE_NAMES}
            formatValue={formatValue}
            height={areaHeight}
            style={{ fontFamily: tokens.fontFamily }}
          />
        </div>
        {(sideBySide || stacked) && (
          <FunctionTable
            tree={tree}
            width={sideBySide ? width - graphWidth : width}
            height={sideBySide ? bodyHeight : bodyHeight - graphHeight}
            theme={tokens}
            formatValue={formatValue}
            metric={settings.diff}
            picked={search}
            onPick={onPick}
          />
        )}
      </div>
    </div>
  );
}

/** The orientation shown: the panel option, switched locally by the toolbar until the option changes. */
function useViewFromOption(option: ViewOrientation) {
  const [value, set] = useState(option);
  const [seen, setSeen] = useState(option);
  if (seen !== option) {
    setSeen(option);
    set(option);
  }
  return { value, set };
}
