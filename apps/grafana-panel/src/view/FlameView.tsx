import { useCallback, useMemo, useRef, useState } from 'react';
import { diffFunctionTable, functionTable, isDiffTree, viewKey, type AppliedTransform, type FrameTree, type FunctionTable as Table, type Transform } from '@flamelens/core';
import { FlameGraph, FunctionTable, SandwichView, TransformBar, transformForAction, useProfileView, useSandwich, type FrameAction, type FrameActionInfo } from '@flamelens/react';
import { panelParser, useTreeHandle } from '../analysis/panel-parser.ts';
import type { PanelOptions, ViewOrientation } from '../options.ts';
import { DiffLegend } from './DiffLegend.tsx';
import { graphSettings } from './graph-settings.ts';
import { useBoxHeight, useFillHeight } from './use-fill-height.ts';
import { useViewState } from './use-view-state.ts';
import type { ViewTheme } from './view-theme.ts';

/** Diff legend line height in CSS px. */
const LEGEND_PX = 22;
/** First guess of the transform bar's height (one line), corrected before the first paint. */
const BAR_GUESS_PX = 30;
/** First guess of the table's filter bar, corrected before the first paint. */
const TABLE_CHROME_GUESS_PX = 34;
/** Below this panel width the table goes under the graph instead of beside it. */
const SIDE_BY_SIDE_MIN_PX = 800;
/** Below this height (stacked layout) there is no room for a table. */
const STACKED_TABLE_MIN_PX = 320;
/** Share of the width (side by side) or height (stacked) the flame graph gets when the table is shown. */
const GRAPH_SHARE = 0.62;
/** Side by side, a diff's table gets half the width: its baseline, comparison and two Δ columns need it. */
const DIFF_GRAPH_SHARE = 0.5;
/** Share of the graph's box the flame graph keeps while a sandwich is open under it. */
const GRAPH_SHARE_WITH_SANDWICH = 0.45;
/**
 * Below this box height the graph's toolbar, breadcrumbs and status line (wrapped on narrow panels) would
 * leave its share no rows: an open sandwich takes the whole box, the graph staying mounted (its zoom kept)
 * but out of sight until the sandwich is closed.
 */
const SPLIT_MIN_PX = 420;
const SIDE_NAMES = ['Baseline', 'Comparison'] as const;

export interface FlameViewProps {
  /** Grafana's panel id: names the panel's parameters in the dashboard's URL. */
  readonly panelId: number;
  readonly tree: FrameTree;
  readonly options: PanelOptions;
  readonly tokens: ViewTheme;
  readonly formatValue: (value: number) => string;
  readonly width: number;
  readonly height: number;
}

/**
 * A converted tree in the panel's box: the transform bar (inverted view, runtime presets, merge
 * recursion, a regex filter, the applied transforms as removable chips), `<FlameGraph>` (toolbar,
 * breadcrumbs, graph, tooltip, keyboard, and a context menu that focuses, hides or drops a function or
 * opens its sandwich) sized to fill its share of the panel, the diff legend for diff trees, and the
 * function table beside the graph on wide panels or under it on narrow ones. A table row highlights its
 * function in the graph and opens its sandwich under the graph.
 *
 * Transforms, the inverted view and sandwiches are computed in the page's analysis worker
 * (`panel-parser.ts`); until a transformed view lands, the panel's own tree stays on screen. They are
 * the viewer's, kept in the dashboard's URL (`use-view-state.ts`): a shared link shows the same, and a
 * dashboard refresh keeps them. They are not saved with the dashboard.
 */
export function FlameView({ panelId, tree, options, tokens, formatValue, width, height }: FlameViewProps) {
  const settings = useMemo(() => graphSettings(options, tree, tokens.mode), [options, tree, tokens.mode]);
  const view = useViewFromOption(options.view);
  const [search, setSearch] = useState('');
  const url = useViewState(panelId);
  const { transforms, inverted, sandwich: chosen } = url.state;
  const { set } = url;

  const parser = panelParser();
  const handle = useTreeHandle(parser, tree);
  const spec = useMemo(() => ({ transforms, inverted }), [transforms, inverted]);
  const plain = transforms.length === 0 && !inverted;
  const analysed = useProfileView(parser, plain ? null : handle, spec);
  // The panel's trees are small: the sandwich's halves are left to the garbage collector rather than
  // recycled, so a refresh can keep them on screen (below) without their memory being handed back.
  const sandwich = useSandwich(parser, chosen ? handle : null, spec, chosen, { recycle: false });
  // A dashboard refresh replaces the tree, and with it the handle: the view and the sandwich of the
  // previous data stay on screen until the new data's land, instead of flashing the whole profile.
  const key = plain ? null : viewKey(spec);
  const landed = useMemo(
    () => (analysed.tree ? { tree: analysed.tree, functions: analysed.functions, functionsOf: analysed.functionsOf, applied: analysed.applied } : null),
    [analysed.tree, analysed.functions, analysed.functionsOf, analysed.applied],
  );
  const held = useHeld<LandedView>(landed, key, analysed.error !== null);
  const halves = useHeld(sandwich.sandwich, chosen ? JSON.stringify([viewKey(spec), chosen]) : null, sandwich.error !== null);
  // Until the first view of a transform lands, the panel's own tree stays on screen (never a blank graph).
  const shown = plain ? tree : (held?.tree ?? tree);
  const { table, tablesTree } = useTable(tree, plain, held?.functions ?? NO_TABLES, held?.functionsOf ?? null);
  const selectedNameId = useMemo(() => (chosen && table && tablesTree ? nameIdOf(tablesTree, table, chosen) : null), [chosen, table, tablesTree]);

  const setTransforms = useCallback((next: readonly Transform[]) => set({ transforms: next }), [set]);
  const onFrameAction = useCallback(
    (action: FrameAction, info: FrameActionInfo) => {
      if (action === 'show-sandwich') return set({ sandwich: info.name });
      const t = transformForAction(action, info);
      if (t) set({ transforms: [...transforms, t] });
    },
    [set, transforms],
  );
  const onSelect = useCallback((_id: number, name: string) => set({ sandwich: chosen === name ? null : name }), [set, chosen]);
  const formatCell = useCallback((value: number) => formatValue(value), [formatValue]);

  const legend = isDiffTree(tree) ? LEGEND_PX : 0;
  const bar = useRef<HTMLDivElement>(null);
  const barHeight = useBoxHeight(bar, options.showToolbar ? BAR_GUESS_PX : 0);
  const bodyHeight = Math.max(0, Math.floor(height - legend - barHeight));
  const sideBySide = options.showTable && width >= SIDE_BY_SIDE_MIN_PX;
  const stacked = options.showTable && !sideBySide && bodyHeight >= STACKED_TABLE_MIN_PX;
  const diff = isDiffTree(tree);
  const columnWidth = sideBySide ? Math.floor(width * (diff ? DIFF_GRAPH_SHARE : GRAPH_SHARE)) : width;
  const columnHeight = stacked ? Math.floor(bodyHeight * GRAPH_SHARE) : bodyHeight;
  const graphHeight = !chosen ? columnHeight : columnHeight >= SPLIT_MIN_PX ? Math.floor(columnHeight * GRAPH_SHARE_WITH_SANDWICH) : 0;
  const sandwichHeight = columnHeight - graphHeight;
  const box = useRef<HTMLDivElement>(null);
  const areaHeight = useFillHeight(box, graphHeight);
  const tableBox = useRef<HTMLDivElement>(null);
  const tableHeight = sideBySide ? bodyHeight : bodyHeight - columnHeight;
  const gridHeight = useFillHeight(tableBox, tableHeight, TABLE_CHROME_GUESS_PX, 0);

  return (
    <div style={{ width, height, display: 'flex', flexDirection: 'column', color: tokens.text, fontFamily: tokens.fontFamily }}>
      {legend > 0 && <DiffLegend diff={settings.diff} theme={settings.theme} tokens={tokens} formatValue={formatValue} />}
      <div ref={bar} style={{ flex: 'none' }}>
        {options.showToolbar && (
          <TransformBar
            transforms={transforms}
            {...(analysed.pending || plain || !held ? {} : { applied: held.applied })}
            onChange={setTransforms}
            inverted={inverted}
            onInvertedChange={(on) => set({ inverted: on })}
            pending={!plain && analysed.pending}
            refining={!plain && analysed.pending && !analysed.exact}
            error={url.error ?? (plain ? null : (analysed.error?.message ?? null))}
            theme={settings.theme}
            style={{ fontFamily: tokens.fontFamily, background: 'transparent' }}
          />
        )}
      </div>
      <div style={{ display: 'flex', flexDirection: sideBySide ? 'row' : 'column', flex: 1, minHeight: 0 }}>
        <div style={{ width: columnWidth, height: columnHeight, flex: 'none', display: 'flex', flexDirection: 'column' }}>
          <div ref={box} style={{ height: graphHeight, overflow: 'hidden', flex: 'none', visibility: graphHeight > 0 ? undefined : 'hidden' }}>
            <FlameGraph
              profile={shown}
              view={view.value}
              onViewChange={view.set}
              search={search}
              onSearchChange={setSearch}
              highlightName={chosen}
              onFrameAction={onFrameAction}
              onTreeShown={analysed.treeShown}
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
          {chosen && (
            <div style={{ height: sandwichHeight, overflow: 'auto', flex: 'none' }} data-testid="flamelens-sandwich">
              <SandwichView
                name={chosen}
                sandwich={halves}
                pending={sandwich.pending}
                error={sandwich.error?.message ?? null}
                theme={settings.theme}
                palette={settings.palette}
                diff={settings.diff}
                sideNames={SIDE_NAMES}
                formatValue={formatValue}
                // the header and the two half labels take about 80 px; each half gets half the rest
                maxHeight={Math.max(54, Math.floor((sandwichHeight - 80) / 2))}
                onClose={() => set({ sandwich: null })}
                onTreeShown={sandwich.treeShown}
                style={{ fontFamily: tokens.fontFamily, background: 'transparent' }}
              />
            </div>
          )}
        </div>
        {(sideBySide || stacked) && (
          <div ref={tableBox} style={{ width: sideBySide ? width - columnWidth : width, height: tableHeight, overflow: 'hidden', flex: 'none' }} data-testid="flamelens-table">
            <FunctionTable
              table={table}
              names={tablesTree?.names ?? null}
              unit={tablesTree?.unit ?? ''}
              formatValue={formatCell}
              stale={tablesTree !== shown}
              theme={settings.theme}
              height={gridHeight}
              selectedNameId={selectedNameId}
              onSelect={onSelect}
              {...(diff ? { sideNames: SIDE_NAMES, defaultSort: { by: 'delta' as const }, diffMetric: settings.diff.metric } : {})}
              style={{ fontFamily: tokens.fontFamily, background: 'transparent', padding: sideBySide ? '0 0 0 8px' : 0, boxSizing: 'border-box' }}
            />
          </div>
        )}
      </div>
    </div>
  );
}

interface LandedView {
  readonly tree: FrameTree;
  readonly functions: readonly Table[];
  readonly functionsOf: FrameTree | null;
  readonly applied: readonly AppliedTransform[];
}

const NO_TABLES: readonly Table[] = [];

/**
 * `value` while there is one; while there is none (a new tree's answer is on its way), the last value
 * given under the same `key`, unless the new answer failed. A null key (nothing asked) forgets it.
 */
function useHeld<T>(value: T | null, key: string | null, failed: boolean): T | null {
  const last = useRef<{ key: string; value: T } | null>(null);
  if (key === null) {
    last.current = null;
    return value;
  }
  if (value !== null) {
    last.current = { key, value };
    return value;
  }
  return !failed && last.current?.key === key ? last.current.value : null;
}

/**
 * The table shown: the panel's own (computed here, no worker needed) without transforms; with them, the
 * last exact view's tables from the worker (the panel's own until the first one lands).
 */
function useTable(tree: FrameTree, plain: boolean, functions: readonly Table[], functionsOf: FrameTree | null) {
  const own = useMemo(() => (isDiffTree(tree) ? diffFunctionTable(tree) : functionTable(tree)), [tree]);
  if (plain || functionsOf === null) return { table: own, tablesTree: tree };
  return { table: functions[functionsOf.sampleTypeIndex] ?? functions[0] ?? null, tablesTree: functionsOf };
}

function nameIdOf(tree: FrameTree, table: Table, name: string): number | null {
  for (let r = 0; r < table.nameId.length; r++) if (tree.names.get(table.nameId[r]!) === name) return table.nameId[r]!;
  return null;
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
