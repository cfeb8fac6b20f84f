import { decodeTransforms, diffFunctionTable, encodeTransforms, isDiffTree, withSampleType, type FrameTree, type FunctionTable as Table, type Transform } from '@flamelens/core';
import type { ProfileParser } from '@flamelens/core/client';
import type { DiffColourOptions } from '@flamelens/renderer';
import {
  FlameGraph,
  FunctionTable,
  SandwichView,
  TransformBar,
  transformForAction,
  useProfileView,
  useSandwich,
  type FrameAction,
  type FrameActionInfo,
} from '@flamelens/react';
import { memo, useLayoutEffect, useMemo, useState } from 'react';
import type { Shown } from '../loading/use-workspace.ts';
import type { ViewState } from '../state/url-state.ts';
import { useElementHeight } from '../use-element-height.ts';
import { SplitPane } from './SplitPane.tsx';

export interface ProfileViewProps {
  readonly shown: Shown;
  readonly parser: ProfileParser;
  readonly typeIndex: number;
  readonly hash: ViewState;
  readonly setHash: (patch: Partial<ViewState>) => void;
  readonly theme: 'light' | 'dark';
  /** The focus path the first picture opens with (from the link). */
  readonly initialFocus: readonly string[];
  /** Receives the element holding the flame graph's canvas (for the PNG export). */
  readonly graphRef: (element: HTMLDivElement | null) => void;
}

const NO_TRANSFORMS: readonly Transform[] = [];
/** Column heads of a diff table: the file names are in the bar above, and too long for a head. */
const TABLE_SIDE_NAMES = ['Baseline', 'Comparison'] as const;

/**
 * What is on screen for a profile or a diff: transform chips, the flame graph (with its context menu),
 * the function table and, when a function is chosen, its sandwich. Transforms and the inverted view are
 * computed in the worker (useProfileView); without them the page's own tree and tables are used as they
 * are. Everything a link should keep goes through the hash.
 */
export const ProfileView = memo(function ProfileView({ shown, parser, typeIndex, hash, setHash, theme, initialFocus, graphRef }: ProfileViewProps) {
  const decoded = useMemo(() => decodeTransforms(hash.transforms ?? ''), [hash.transforms]);
  const transforms = decoded.ok ? decoded.transforms : NO_TRANSFORMS;
  const inverted = !!hash.inverted;
  const spec = useMemo(() => ({ transforms, inverted }), [transforms, inverted]);
  const plain = transforms.length === 0 && !inverted;
  const handle = shown.kind === 'single' ? shown.profile.handle : shown.diff.handle;
  const own = shown.kind === 'single' ? shown.profile : shown.diff;

  const view = useProfileView(parser, plain ? null : handle, spec);
  const sandwichName = hash.sandwich ?? null;
  const sandwich = useSandwich(parser, sandwichName ? handle : null, spec, sandwichName);

  // Until the first view of a transform lands, the profile itself stays on screen (never a blank graph).
  const base: FrameTree | null = plain ? own.tree : (view.tree ?? own.tree);
  const tree = useMemo(() => (base ? withSampleType(base, Math.min(typeIndex, base.sampleTypes.length - 1)) : null), [base, typeIndex]);
  // The table's own tree: while a preview of a large view is drawn, the table is still the last exact
  // view's (the profile's own, when the view is the first transform).
  const viewTables = !plain && view.functionsOf !== null;
  const tablesBase: FrameTree | null = viewTables ? view.functionsOf : own.tree;
  const tables = viewTables ? view.functions : own.functions;
  const tablesTree = useMemo(
    () => (tablesBase ? (tablesBase === base ? tree : withSampleType(tablesBase, Math.min(typeIndex, tablesBase.sampleTypes.length - 1))) : null),
    [tablesBase, base, tree, typeIndex],
  );
  const table = useMemo(() => tableOf(tables, tablesBase, tablesTree), [tables, tablesBase, tablesTree]);
  // dimmed while the table is not the one of the graph on screen (a preview is drawn)
  const tableStale = tablesBase !== base;

  // A name scan of every row: only when the table or the chosen function changes, not on every render.
  const selectedNameId = useMemo(() => (sandwichName && tablesTree ? nameIdOf(tablesTree, table, sandwichName) : null), [sandwichName, tablesTree, table]);

  const setTransforms = (next: readonly Transform[]) => setHash({ transforms: next.length ? encodeTransforms(next) : undefined });
  const onFrameAction = (action: FrameAction, info: FrameActionInfo) => {
    if (action === 'show-sandwich') return setHash({ sandwich: info.name });
    const t = transformForAction(action, info);
    if (t) setTransforms([...transforms, t]);
  };

  const sideNames = shown.kind === 'diff' ? diffSideNames(shown) : undefined;
  const [graphPaneHeight, graphPaneRef, graphPane] = useElementHeight<HTMLDivElement>();
  const [bottomHeight, bottomRef] = useElementHeight<HTMLDivElement>();
  // The graph's own chrome (toolbar, legend, breadcrumbs) sits above its scroll area: the area gets the rest.
  const [chrome, setChrome] = useState(76);
  useLayoutEffect(() => {
    const area = graphPane?.querySelector('[data-testid=flame-area]');
    if (!graphPane || !area) return;
    const top = Math.round(area.getBoundingClientRect().top - graphPane.getBoundingClientRect().top);
    if (Math.abs(top - chrome) > 1) setChrome(top);
  });

  const diffOptions = useMemo(
    () => ({
      metric: hash.metric ?? 'normalized-delta',
      useSelf: !!hash.useSelf,
      saturation: hash.saturation ?? ('auto' as const),
      fadeNoise: hash.fadeNoise ?? true,
    }),
    [hash.metric, hash.useSelf, hash.saturation, hash.fadeNoise],
  );
  const onDiffChange = (next: DiffColourOptions) =>
    setHash({
      metric: next.metric === 'normalized-delta' ? undefined : next.metric,
      useSelf: next.useSelf || undefined,
      saturation: next.saturation === 'auto' ? undefined : next.saturation,
      fadeNoise: next.fadeNoise === false ? false : undefined,
    });

  const graph = (
    <div className="graph-column">
      <TransformBar
        transforms={transforms}
        {...(view.pending || plain ? {} : { applied: view.applied })}
        onChange={setTransforms}
        inverted={inverted}
        onInvertedChange={(on) => setHash({ inverted: on })}
        pending={!plain && view.pending}
        refining={!plain && view.pending && !view.exact}
        error={decoded.ok ? (view.error?.message ?? null) : `The link's transforms could not be read: ${decoded.error.message}`}
        theme={theme}
      />
      <div className="graph-pane" ref={(e) => (graphPaneRef(e), graphRef(e))} data-testid="graph-pane">
        <FlameGraph
          key={shown.id}
          profile={tree}
          theme={theme}
          view={hash.view ?? 'icicle'}
          onViewChange={(v) => setHash({ view: v === 'icicle' ? undefined : v })}
          search={hash.search ?? ''}
          onSearchChange={(search) => setHash({ search })}
          searchMode={hash.regex ? 'regex' : 'substring'}
          onSearchModeChange={(mode) => setHash({ regex: mode === 'regex' })}
          caseSensitive={!!hash.caseSensitive}
          onCaseSensitiveChange={(on) => setHash({ caseSensitive: on })}
          defaultFocusPath={shown.id === 1 ? initialFocus : []}
          onFocusChange={(path) => setHash({ focusPath: path.length ? [...path] : undefined })}
          highlightName={sandwichName}
          onFrameAction={onFrameAction}
          onTreeShown={view.treeShown}
          diff={diffOptions}
          onDiffChange={onDiffChange}
          widthMode={hash.widthMode ?? 'auto'}
          onWidthModeChange={(mode) => setHash({ widthMode: mode === 'combined' ? undefined : mode })}
          {...(sideNames ? { sideNames } : {})}
          height={Math.max(120, graphPaneHeight - chrome - 2)}
        />
      </div>
    </div>
  );
  const bottom = (
    <div className={`bottom-pane${sandwichName ? ' with-sandwich' : ''}`} ref={bottomRef}>
      <FunctionTable
        key={`${shown.kind}-${shown.id}`}
        table={table}
        names={tablesTree?.names ?? null}
        unit={tablesTree?.unit ?? ''}
        stale={tableStale}
        theme={theme}
        height={Math.max(120, bottomHeight - 40)}
        selectedNameId={selectedNameId}
        onSelect={(_, name) => setHash({ sandwich: name === sandwichName ? undefined : name })}
        {...(sideNames ? { sideNames: TABLE_SIDE_NAMES } : {})}
        {...(shown.kind === 'diff' ? { defaultSort: { by: 'delta' as const }, diffMetric: diffOptions.metric } : {})}
      />
      {sandwichName && (
        <SandwichView
          name={sandwichName}
          sandwich={sandwich.sandwich}
          pending={sandwich.pending}
          error={sandwich.error?.message ?? null}
          theme={theme}
          maxHeight={Math.max(80, Math.floor((bottomHeight - 60) / 2))}
          diff={diffOptions}
          {...(sideNames ? { sideNames } : {})}
          onClose={() => setHash({ sandwich: undefined })}
          onTreeShown={sandwich.treeShown}
        />
      )}
    </div>
  );
  return <SplitPane show={hash.layout ?? 'both'} top={graph} bottom={bottom} />;
});

/** The table of the sample type on screen: the view's tables are per type, a diff view's only for its own type. */
function tableOf(tables: readonly Table[], base: FrameTree | null, tree: FrameTree | null): Table | null {
  if (!base || !tree) return null;
  if (tables.length === base.sampleTypes.length) return tables[tree.sampleTypeIndex] ?? null;
  if (isDiffTree(tree)) return tree.sampleTypeIndex === base.sampleTypeIndex && tables[0] ? tables[0] : diffFunctionTable(tree);
  return tables[0] ?? null;
}

function nameIdOf(tree: FrameTree, table: Table | null, name: string): number | null {
  if (!table) return null;
  for (let r = 0; r < table.nameId.length; r++) if (tree.names.get(table.nameId[r]!) === name) return table.nameId[r]!;
  return null;
}

function diffSideNames(shown: Extract<Shown, { kind: 'diff' }>): [string, string] {
  if (shown.comparison) return [shown.baseline.name, shown.comparison.name];
  return shown.swapped ? ['after', 'before'] : ['before', 'after'];
}
