import { formatPercent, formatValue, summarize, topRows, withSampleType } from '@flamelens/core';
import { FlameGraph } from '@flamelens/react';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import exampleUrl from './examples/go-json-gogc100.cpu.pb.gz?url';
import { DropZone } from './DropZone.tsx';
import { useProfileLoader } from './use-profile-loader.ts';

/** Rows shown in the heaviest-functions table. */
const TOP_FUNCTIONS = 25;
const EXAMPLE_NAME = 'example: Go encoding/json CPU profile';

export function App() {
  const theme = usePreferredTheme();
  const { state, load, cancel } = useProfileLoader();
  const [sampleType, setSampleType] = useState<number | null>(null);

  useEffect(() => {
    void load(EXAMPLE_NAME, fetch(exampleUrl).then((r) => r.arrayBuffer()));
  }, [load]);
  useEffect(() => setSampleType(null), [state.profile]);

  const openFiles = (files: readonly File[]) => {
    const file = files[0];
    if (file) void load(file.name, file);
  };

  const profile = state.profile;
  const view = useMemo(() => {
    if (!profile) return null;
    const index = sampleType ?? profile.tree.sampleTypeIndex;
    const tree = withSampleType(profile.tree, index);
    const table = profile.functions[index]!;
    return { tree, table, rows: topRows(table, 'self', TOP_FUNCTIONS), summary: summarize(tree) };
  }, [profile, sampleType]);

  return (
    <DropZone onFiles={openFiles}>
      <main data-ready={view !== null && state.loading === null ? 'true' : 'false'}>
        <header className="toolbar">
          <h1>Flamelens</h1>
          <label className="button">
            Open profile…
            <input type="file" data-testid="file-input" onChange={(e) => openFiles([...(e.target.files ?? [])])} />
          </label>
          <span className="hint">or drop a pprof or folded-stacks file anywhere</span>
        </header>

        {state.loading && (
          <div className="progress" role="status" data-testid="progress">
            Reading {state.loading.name}
            {state.loading.progress && <ProgressText progress={state.loading.progress} />}
            <button onClick={cancel}>Cancel</button>
          </div>
        )}
        {state.error && (
          <div className="error" role="alert" data-testid="error">
            <strong>Could not open {state.error.name}.</strong> {state.error.error.message}
          </div>
        )}

        {view && (
          <section className="profile">
            <h2 data-testid="source-name">{state.sourceName}</h2>
            <dl className="facts">
              <dt>Format</dt>
              <dd data-testid="format">{view.summary.format}</dd>
              <dt>Sample type</dt>
              <dd>
                <select
                  data-testid="sample-type"
                  value={view.tree.sampleTypeIndex}
                  onChange={(e) => setSampleType(Number(e.target.value))}
                >
                  {view.tree.sampleTypes.map((t, i) => (
                    <option key={i} value={i}>
                      {t.type}
                      {t.unit ? ` (${t.unit})` : ''} — total {formatValue(t.total, t.unit)}
                    </option>
                  ))}
                </select>
              </dd>
              <dt>Functions</dt>
              <dd>{view.summary.functions.toLocaleString('en-US')}</dd>
              <dt>Stacks</dt>
              <dd>{view.summary.stacks.toLocaleString('en-US')}</dd>
              <dt>Max depth</dt>
              <dd>{view.summary.maxDepth}</dd>
            </dl>
            <FlameGraph profile={view.tree} theme={theme} />
            <h3>Heaviest functions (self)</h3>
            <table className="functions" data-testid="functions">
              <thead>
                <tr>
                  <th>Function</th>
                  <th className="num">Self</th>
                  <th className="num">Self %</th>
                  <th className="num">Total</th>
                  <th className="num">Total %</th>
                </tr>
              </thead>
              <tbody>
                {view.rows.map((r) => {
                  const whole = view.tree.total[0]!;
                  const unit = view.tree.unit;
                  return (
                    <tr key={view.table.nameId[r]}>
                      <td className="name">{view.tree.names.get(view.table.nameId[r]!)}</td>
                      <td className="num">{formatValue(view.table.self[r]!, unit)}</td>
                      <td className="num">{formatPercent(view.table.self[r]!, whole)}</td>
                      <td className="num">{formatValue(view.table.total[r]!, unit)}</td>
                      <td className="num">{formatPercent(view.table.total[r]!, whole)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        )}
      </main>
    </DropZone>
  );
}

function ProgressText({ progress }: { progress: NonNullable<ReturnType<typeof useProfileLoader>['state']['loading']>['progress'] }) {
  if (!progress) return null;
  const pct = progress.totalBytes ? ` ${Math.round((progress.bytesRead / progress.totalBytes) * 100)}%` : '';
  return (
    <span>
      {pct} · {formatValue(progress.bytesRead, 'bytes')} read · {progress.stacks.toLocaleString('en-US')} stacks
    </span>
  );
}

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

/** The system's light or dark preference, followed live (the page's CSS follows it too). */
function usePreferredTheme(): 'light' | 'dark' {
  const dark = useSyncExternalStore(
    (onChange) => {
      const query = darkQuery();
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },
    () => darkQuery().matches,
  );
  return dark ? 'dark' : 'light';
}
