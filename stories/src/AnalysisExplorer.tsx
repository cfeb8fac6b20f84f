/**
 * How a host wires the analysis views together (the reference for apps/web and the Grafana panel): the
 * worker keeps the profile; transforms and the inverted toggle make a ViewSpec; useProfileView gets the
 * view and its function tables; a table row highlights the function in the graph and opens its
 * sandwich; the graph's context menu adds transforms or opens a sandwich.
 */
import type { Transform } from '@flamelens/core';
import { ProfileParser, type ProfileHandle } from '@flamelens/core/client';
import { FlameGraph, FunctionTable, SandwichView, TransformBar, transformForAction, useProfileView, useSandwich, type FrameAction, type FrameActionInfo } from '@flamelens/react';
import { useEffect, useMemo, useState } from 'react';

export interface ExplorerProps {
  /** Where the profile comes from: a URL to fetch, or bytes made in the story. */
  readonly load: () => Promise<ArrayBuffer | Uint8Array>;
  readonly initialTransforms?: readonly Transform[];
  readonly theme?: 'light' | 'dark';
}

export function AnalysisExplorer({ load, initialTransforms = [], theme = 'light' }: ExplorerProps) {
  const [parser] = useState(() => new ProfileParser());
  const [handle, setHandle] = useState<ProfileHandle | string>('loading…');
  useEffect(() => {
    let live = true;
    void load()
      .then((bytes) => parser.parse(bytes))
      .then((outcome) => live && setHandle(outcome.ok ? outcome.profile.handle : outcome.error.message));
    return () => {
      live = false;
    };
  }, [load, parser]);
  useEffect(() => () => parser.dispose(), [parser]);

  const [transforms, setTransforms] = useState<readonly Transform[]>(initialTransforms);
  const [inverted, setInverted] = useState(false);
  const spec = useMemo(() => ({ transforms, inverted }), [transforms, inverted]);
  const ready = typeof handle === 'number';
  const view = useProfileView(parser, typeof handle === 'number' ? handle : null, spec);
  const [selected, setSelected] = useState<{ id: number; name: string } | null>(null);
  const [sandwichOf, setSandwichOf] = useState<string | null>(null);
  const sandwich = useSandwich(parser, typeof handle === 'number' ? handle : null, spec, sandwichOf);

  const onFrameAction = (action: FrameAction, info: FrameActionInfo) => {
    if (action === 'show-sandwich') {
      setSelected({ id: info.nameId, name: info.name });
      setSandwichOf(info.name);
      return;
    }
    const t = transformForAction(action, info);
    if (t) setTransforms([...transforms, t]);
  };
  const tree = view.tree;
  // while a preview is drawn, the table is still the last exact view's (names from its own tree)
  const tablesTree = view.functionsOf;
  const table = tablesTree ? (view.functions[tablesTree.sampleTypeIndex] ?? view.functions[0] ?? null) : null;
  if (typeof handle === 'string') return <p data-testid="story-status">{handle}</p>;
  return (
    <div data-testid="analysis-explorer" data-pending={view.pending} style={{ display: 'grid', gap: 8 }}>
      <TransformBar transforms={transforms} applied={view.pending ? undefined : view.applied} onChange={setTransforms} inverted={inverted} onInvertedChange={setInverted} pending={view.pending} refining={view.pending && !view.exact} error={view.error?.message} theme={theme} />
      <FlameGraph profile={tree} theme={theme} highlightName={selected?.name ?? null} onFrameAction={onFrameAction} onTreeShown={view.treeShown} maxHeight={420} />
      {sandwichOf && (
        <SandwichView
          name={sandwichOf}
          sandwich={sandwich.sandwich}
          pending={sandwich.pending}
          error={sandwich.error?.message}
          theme={theme}
          onClose={() => {
            setSandwichOf(null);
            setSelected(null);
          }}
          onTreeShown={sandwich.treeShown}
        />
      )}
      <FunctionTable
        table={table}
        names={tablesTree?.names ?? null}
        unit={tablesTree?.unit ?? ''}
        stale={tablesTree !== tree}
        theme={theme}
        selectedNameId={selected?.id ?? null}
        onSelect={(id, name) => {
          const same = selected?.id === id;
          setSelected(same ? null : { id, name });
          setSandwichOf(same ? null : name);
        }}
      />
    </div>
  );
}
