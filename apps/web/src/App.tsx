import { findSampleType, isDiffTree, withSampleType, type FrameTree } from '@flamelens/core';
import type { DiffSide } from '@flamelens/core/client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorBanner } from './components/ErrorBanner.tsx';
import { Header } from './components/Header.tsx';
import { PasteDialog } from './components/PasteDialog.tsx';
import { ProfileBar } from './components/ProfileBar.tsx';
import { ProgressBar } from './components/ProgressBar.tsx';
import { ProfileView } from './components/ProfileView.tsx';
import { DropZone, type DropTarget } from './DropZone.tsx';
import exampleUrl from './examples/go-json-gogc100.cpu.pb.gz?url';
import exampleGogc25Url from './examples/go-json-gogc25.cpu.pb.gz?url';
import { canvasPng, download, exportName, foldedBlob } from './export/export.ts';
import { describeFailure } from './loading/messages.ts';
import { bundledRef, fileRef, textRef, urlRef } from './loading/sources.ts';
import { useWorkspace, type Shown } from './loading/use-workspace.ts';
import { useHashState } from './state/use-hash-state.ts';
import { useSystemTheme } from './state/use-theme.ts';
import { parseLinkedProfiles } from './state/url-state.ts';

const EXAMPLE = bundledRef(exampleUrl, 'example: Go encoding/json CPU profile');
const NO_PATH: readonly string[] = [];
const EXAMPLE_GOGC25 = bundledRef(exampleGogc25Url, 'example: the same at GOGC=25');

export function App() {
  const ws = useWorkspace();
  const { state } = ws;
  const [hash, setHash] = useHashState();
  const systemTheme = useSystemTheme();
  const theme = hash.theme ?? systemTheme;
  const [pasteOpen, setPasteOpen] = useState(false);
  const initialFocus = useRef(hash.focusPath);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  // What the link asks for, else the built-in example.
  useEffect(() => {
    const params = new URLSearchParams(location.search);
    const linked = parseLinkedProfiles(location.search, location.href);
    if ((params.has('url') && !linked.url) || (params.has('base') && !linked.base)) {
      ws.report('This link could not be followed.', { kind: 'unsupported-format', message: 'Its url= or base= is not an http(s) address.' });
    }
    if (linked.url && linked.base) void ws.openFiles([urlRef(linked.base), urlRef(linked.url)]);
    else if (linked.url ?? linked.base) void ws.open(urlRef((linked.url ?? linked.base)!));
    else void ws.open(EXAMPLE);
    // once, at start
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Text or files pasted anywhere but into a text field open as a profile.
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, [contenteditable="true"]')) return;
      const files = [...(e.clipboardData?.files ?? [])];
      const text = e.clipboardData?.getData('text/plain') ?? '';
      if (files.length) void ws.openFiles(files.map(fileRef));
      else if (text.trim()) void ws.open(textRef(text));
      else return;
      e.preventDefault();
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [ws.open, ws.openFiles]);

  const shown = state.shown;
  const base: FrameTree | null = shown ? (shown.kind === 'single' ? shown.profile.tree : shown.diff.tree) : null;
  const typeIndex = base ? sampleTypeIndex(base, hash.sampleType) : 0;
  const tree = useMemo(() => (base ? withSampleType(base, typeIndex) : null), [base, typeIndex]);

  // A new picture starts unfocused (a swap keeps the focus: paths are names).
  const shownId = shown?.id ?? 0;
  const lastId = useRef(0);
  useEffect(() => {
    if (shownId > 1 && lastId.current !== shownId && lastId.current !== 0) setHash({ focusPath: undefined });
    if (shownId) lastId.current = shownId;
  }, [shownId, setHash]);

  const [graphPane, setGraphPane] = useState<HTMLDivElement | null>(null);
  const layout = hash.layout ?? 'both';
  const name = shown ? shownName(shown) : '';

  const onFiles = useCallback(
    (files: File[], target: string) => {
      const refs = files.map(fileRef);
      if (target === 'compare' && refs.length === 1) void ws.compareWith(refs[0]!, 'comparison');
      else if ((target === 'baseline' || target === 'comparison') && refs.length === 1) void ws.compareWith(refs[0]!, target);
      else void ws.openFiles(refs);
    },
    [ws.compareWith, ws.openFiles],
  );

  const exportPng = async () => {
    try {
      if (!graphPane) throw new Error('There is no flame graph on screen to export.');
      download(await canvasPng(graphPane), exportName(name, 'png'));
    } catch (error) {
      ws.report('Could not export the image.', describeFailure(error));
    }
  };
  const exportFolded = async () => {
    if (!tree) return;
    try {
      download(await foldedBlob(tree), exportName(name, isDiffTree(tree) ? 'diff.folded.txt' : 'folded.txt'));
    } catch (error) {
      ws.report('Could not export the folded text.', describeFailure(error));
    }
  };

  return (
    <DropZone targets={dropTargets(shown)} onFiles={onFiles}>
      <main data-ready={tree !== null && state.loading === null ? 'true' : 'false'} className="app">
        <Header
          hasProfile={shown !== null}
          isDiff={shown?.kind === 'diff'}
          sampleTypes={base?.sampleTypes ?? []}
          sampleTypeIndex={typeIndex}
          onSampleType={(i) => setHash({ sampleType: sampleTypeKey(base!, i) })}
          onOpen={(files) => void ws.openFiles(files.map(fileRef))}
          onCompare={(files) => files[0] && void ws.compareWith(fileRef(files[0]), 'comparison')}
          onPaste={() => setPasteOpen(true)}
          onExampleDiff={() => void ws.openFiles([EXAMPLE, EXAMPLE_GOGC25])}
          layout={layout}
          onLayout={(l) => setHash({ layout: l === 'both' ? undefined : l })}
          theme={hash.theme ?? 'system'}
          onTheme={(t) => setHash({ theme: t === 'system' ? undefined : t })}
          onExportPng={() => void exportPng()}
          onExportFolded={() => void exportFolded()}
        />
        {state.loading && <ProgressBar loading={state.loading} onCancel={ws.cancel} />}
        {state.error && <ErrorBanner title={state.error.title} error={state.error.error} keptName={shown ? name : null} onDismiss={ws.dismissError} />}
        {shown && tree && (
          <ProfileBar
            shown={shown}
            tree={tree}
            onSwap={ws.swap}
            onReplace={(side: DiffSide, file) => void ws.compareWith(fileRef(file), side)}
            onAlone={ws.showSide}
          />
        )}
        {shown && tree ? (
          <ProfileView
            shown={shown}
            parser={ws.parser}
            typeIndex={typeIndex}
            hash={hash}
            setHash={setHash}
            theme={theme}
            initialFocus={initialFocus.current ?? NO_PATH}
            graphRef={setGraphPane}
          />
        ) : (
          !state.loading && <EmptyState />
        )}
        <PasteDialog open={pasteOpen} onClose={() => setPasteOpen(false)} onText={(text) => void ws.open(textRef(text))} />
      </main>
    </DropZone>
  );
}

function EmptyState() {
  return (
    <section className="empty" data-testid="empty">
      <h2>Drop a profile anywhere on this page</h2>
      <p>One file to view it, two to compare them. pprof (protobuf, gzipped or not) and folded stacks; nothing leaves your machine.</p>
    </section>
  );
}

/** Where a drop goes, by what is on screen. */
function dropTargets(shown: Shown | null): DropTarget[] {
  if (!shown) return [{ id: 'open', label: 'Drop to open', detail: 'one profile to view it, two to compare them' }];
  if (shown.kind === 'single') {
    return [
      { id: 'open', label: 'Open', detail: `instead of ${shown.source.name}` },
      { id: 'compare', label: 'Compare', detail: `with ${shown.source.name} as the baseline` },
    ];
  }
  return [
    { id: 'open', label: 'Open', detail: 'instead of this comparison' },
    { id: 'baseline', label: 'Replace the baseline', detail: shown.baseline.name },
    { id: 'comparison', label: 'Replace the comparison', detail: shown.comparison?.name ?? 'the after column' },
  ];
}

function shownName(shown: Shown): string {
  if (shown.kind === 'single') return shown.source.name;
  return shown.comparison ? `${shown.baseline.name}-vs-${shown.comparison.name}` : shown.baseline.name;
}

/** The sample type the hash names (by type, or type/unit), else the profile's default. */
function sampleTypeIndex(tree: FrameTree, key: string | undefined): number {
  if (!key) return tree.sampleTypeIndex;
  const i = findSampleType(tree.sampleTypes, key);
  return i >= 0 && !/^\d+$/.test(key.trim()) ? i : tree.sampleTypeIndex;
}

/** How the hash names sample type `i`: its type, or type/unit when the type alone is ambiguous. */
function sampleTypeKey(tree: FrameTree, i: number): string {
  const t = tree.sampleTypes[i]!;
  return tree.sampleTypes.filter((x) => x.type === t.type).length > 1 ? `${t.type}/${t.unit}` : t.type;
}
