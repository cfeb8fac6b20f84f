/**
 * Browser bench page for the analysis views as a user meets them: the React components (FlameGraph,
 * FunctionTable, SandwichView) on a profile parsed in the real worker, timed from the request to the
 * result drawn on screen — function table rows in the DOM, both sandwich halves laid out and painted, a
 * transformed view laid out and painted in the graph with its table — plus the longest main-thread task
 * meanwhile (Long Tasks API). Driven by scripts/bench.mjs (`--only views`).
 */
import type { ViewSpec } from '../../packages/core/src/index.ts';
import { ProfileParser, type ProfileHandle } from '../../packages/core/src/worker/client.ts';
import { FlameGraph, FunctionTable, SandwichView, useProfileView, useSandwich } from '../../packages/react/src/index.ts';
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { analysisCases, type AnalysisCase } from './analysis-cases.ts';

export interface ViewsBenchResult {
  error?: string;
  frames?: number;
  /**
   * `ms`: request → first picture on screen (a preview on large views); `landedMs`: request → that result
   * committed on the page (worker compute + copy); `workerMs`: of which computing it in the worker;
   * `arrivedMs`: request → that result received by the page (before React renders it); `exactMs`: request → the exact view (and its table)
   * drawn, equal to `ms` when no preview was needed.
   */
  rows?: { label: string; ms: number; maxMs: number; landedMs: number; workerMs: number | null; arrivedMs: number | null; exactMs: number; longestTaskMs: number }[];
}

/** One case used once, on a profile just loaded in a new page and worker (see `benchFirstUse`). */
export interface FirstUseResult {
  error?: string;
  /** How many cases there are (`index` runs from 0 to `cases - 1`). */
  cases?: number;
  label?: string;
  /** Graph on screen → the worker's idle preparation finished. */
  prepareMs?: number;
  /** As ViewsBenchResult's rows, for this one use. */
  ms?: number;
  landedMs?: number;
  workerMs?: number | null;
  exactMs?: number;
  longestTaskMs?: number;
}

declare global {
  interface Window {
    benchViews(url: string, runs: number): Promise<ViewsBenchResult>;
    benchFirstUse(url: string, index: number, eager?: boolean): Promise<FirstUseResult>;
    /** Only the cases whose label matches this regular expression (`--case`). */
    benchOnly?: string;
  }
}

/** Resolves the next time `event` is signalled. */
const signals = new Map<string, () => void>();
const next = (event: string) => new Promise<void>((resolve) => signals.set(event, resolve));
const signal = (event: string) => {
  const resolve = signals.get(event);
  signals.delete(event);
  resolve?.();
};
/** Two animation frames: the requested draw has run and the frame was presented. */
const painted = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

interface HostProps {
  readonly parser: ProfileParser;
  readonly handle: ProfileHandle;
  readonly spec: ViewSpec;
  readonly graph: boolean;
  readonly sandwichOf: string | null;
}

/** When the latest view / sandwich result was committed on the page (the first one of a request). */
let landedAt = 0;
let landedFirst = false;
/** The worker's compute time of the first answer of a request, and when it arrived (recorded by `timed`). */
let workerMs: number | null = null;
let arrivedAt = 0;

/** Records the worker's timing of the first answer after `workerMs` was reset. */
function timed(parser: ProfileParser): void {
  const note = (r: { ok: boolean; value?: { timing?: { computeMs: number } | null } }) => {
    if (workerMs === null && r.ok && r.value?.timing) {
      workerMs = r.value.timing.computeMs;
      arrivedAt = performance.now();
    }
  };
  const view = parser.view.bind(parser);
  const sandwich = parser.sandwich.bind(parser);
  parser.view = async (...args) => {
    const r = await view(...args);
    note(r);
    return r;
  };
  parser.sandwich = async (...args) => {
    const r = await sandwich(...args);
    note(r);
    return r;
  };
}

/** Sandwich halves laid out so far. */
const shownHalves = new WeakSet<object>();

function Host(p: HostProps) {
  const view = useProfileView(p.parser, p.handle, p.spec);
  const s = useSandwich(p.parser, p.handle, p.spec, p.sandwichOf);
  const tree = view.tree;
  useEffect(() => {
    if (landedFirst) return;
    landedFirst = true;
    landedAt = performance.now();
  }, [view.tree, s.sandwich]);
  const tablesTree = view.functionsOf;
  const table = tablesTree ? (view.functions[tablesTree.sampleTypeIndex] ?? null) : null;
  return (
    <div>
      {p.graph && (
        <FlameGraph
          profile={tree}
          height={500}
          onTreeShown={(t) => {
            view.treeShown(t);
            if (t !== view.tree) return;
            signal('graph');
            if (view.exact && view.functionsOf === t) signal('graph-exact');
          }}
        />
      )}
      {p.sandwichOf && s.sandwich && (
        <SandwichView
          name={p.sandwichOf}
          sandwich={s.sandwich}
          onClose={() => {}}
          onTreeShown={(half, t) => {
            s.treeShown(half, t);
            shownHalves.add(t);
            if (s.sandwich && shownHalves.has(s.sandwich.callers) && shownHalves.has(s.sandwich.callees)) {
              signal('sandwich');
              if (s.sandwich.exact) signal('sandwich-exact');
            }
          }}
        />
      )}
      {/* as the app: the table with the names of the tree it was computed from (a preview keeps the last exact view's) */}
      <FunctionTable table={table} names={tablesTree?.names ?? null} unit={tablesTree?.unit ?? ''} stale={tablesTree !== tree} height={400} />
      {table && <TableMark />}
    </div>
  );
}

/** Signals once the table has rows (rendered in the same commit). */
function TableMark() {
  queueMicrotask(() => document.querySelector('[data-testid="function-table"] [aria-rowindex="2"]') && signal('table'));
  return null;
}

/**
 * Asks for case `c` (its sandwich in the plain profile, or its view) with the graph on screen; resolves
 * once its first picture is painted, with a promise of the exact one (wrapped: a promise would be flattened).
 */
async function askFor(c: AnalysisCase, render: (props: Omit<HostProps, 'parser' | 'handle'>) => void): Promise<{ exact: Promise<void> }> {
  const kind = c.sandwich ? 'sandwich' : 'graph';
  const drawn = next(kind);
  const exact = next(`${kind}-exact`);
  render(c.sandwich ? { spec: { transforms: [] }, graph: true, sandwichOf: c.sandwich } : { spec: c.spec, graph: true, sandwichOf: null });
  await drawn;
  await painted();
  return { exact };
}

/** How long a user looks at the picture before asking for more (after the worker's preparation). */
const SETTLE_MS = 500;

/**
 * A user's first use of one analysis: the profile parsed in a new worker on a new page, the graph and the
 * table drawn as the app draws them, the worker's idle preparation left to finish and `SETTLE_MS` more
 * (someone reading the picture), then case `index` asked for once and timed to its first picture, as
 * `benchViews` times its runs. Each call needs a fresh page: the code is cold except what loading ran.
 * `eager`: a user who asks at once, 50 ms after the picture, whatever the worker is doing.
 */
window.benchFirstUse = async (url: string, index: number, eager = false) => {
  const parser = new ProfileParser();
  timed(parser);
  const parsed = await parser.parse(await (await fetch(url)).blob());
  if (!parsed.ok) return { error: parsed.error.message };
  const { tree, handle } = parsed.profile;
  const cases = analysisCases(tree);
  const c = cases[index];
  if (!c) return { error: `no case ${index} (${cases.length} cases)` };
  const root = createRoot(document.getElementById('root')!);
  const render = (props: Omit<HostProps, 'parser' | 'handle'>) => flushSync(() => root.render(<Host parser={parser} handle={handle} {...props} />));
  const none: ViewSpec = { transforms: [] };
  const shown = Promise.all([next('graph'), next('table')]);
  render({ spec: none, graph: true, sandwichOf: null });
  await shown;
  await painted();
  const t = performance.now();
  for (let waited = 0; !eager && (await parser.preparing()) > 0; waited += 20) {
    if (waited > 60_000) return { error: 'the worker was still preparing after 60 s' };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const prepareMs = performance.now() - t;
  await new Promise((resolve) => setTimeout(resolve, eager ? 50 : SETTLE_MS));
  let longestTask = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestTask = Math.max(longestTask, entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  landedFirst = false;
  workerMs = null;
  const t0 = performance.now();
  const { exact } = await askFor(c, render);
  const ms = performance.now() - t0;
  const landedMs = landedAt - t0;
  await exact;
  await painted();
  const exactMs = performance.now() - t0;
  await new Promise((resolve) => setTimeout(resolve, 50)); // let the observer report the last task
  observer.disconnect();
  root.unmount();
  parser.dispose();
  return { cases: cases.length, label: c.label, prepareMs, ms, landedMs, workerMs, exactMs, longestTaskMs: longestTask };
};

window.benchViews = async (url: string, runs: number) => {
  const parser = new ProfileParser();
  timed(parser);
  const parsed = await parser.parse(await (await fetch(url)).blob());
  if (!parsed.ok) return { error: parsed.error.message };
  const { tree, handle } = parsed.profile;
  const only = window.benchOnly ? new RegExp(window.benchOnly) : null;
  const cases = analysisCases(tree).filter((c) => !only || only.test(c.label));
  const container = document.getElementById('root')!;
  let root = createRoot(container);
  const render = (props: Omit<HostProps, 'parser' | 'handle'>) => flushSync(() => root.render(<Host parser={parser} handle={handle} {...props} />));
  await new Promise((resolve) => setTimeout(resolve, 100));
  let longestTask = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestTask = Math.max(longestTask, entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  const rows: NonNullable<ViewsBenchResult['rows']> = [];
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  /** `run` resolves when the first picture is on screen, with a promise of the exact one (wrapped: a promise would be flattened). */
  const time = async (label: string, before: () => Promise<void>, run: () => Promise<{ exact: Promise<void> }>) => {
    const ms: number[] = [];
    const landed: number[] = [];
    const worker: number[] = [];
    const arrived: number[] = [];
    const exact: number[] = [];
    let longest = 0;
    for (let r = 0; r < runs; r++) {
      await before();
      await new Promise((resolve) => setTimeout(resolve, 50));
      longestTask = 0;
      landedFirst = false;
      workerMs = null;
      const t0 = performance.now();
      const { exact: exactDrawn } = await run();
      ms.push(performance.now() - t0);
      landed.push(landedAt - t0);
      if (workerMs !== null) {
        worker.push(workerMs);
        arrived.push(arrivedAt - t0);
      }
      await exactDrawn;
      await painted();
      exact.push(performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, 50)); // let the observer report the last task
      longest = Math.max(longest, longestTask);
    }
    rows.push({ label, ms: median(ms), maxMs: Math.max(...ms), landedMs: median(landed), workerMs: worker.length ? median(worker) : null, arrivedMs: arrived.length ? median(arrived) : null, exactMs: median(exact), longestTaskMs: longest });
  };
  const none: ViewSpec = { transforms: [] };
  // Another view for the worker to keep between runs (a transform that matches nothing), so every run computes.
  const other: ViewSpec = { transforms: [{ kind: 'drop', match: { name: '\u0000bench' } }] };

  await time(
    'function table: mounted → rows on screen (tables computed in the worker)',
    async () => {
      root.unmount();
      root = createRoot(container);
      await parser.functionTables(handle, other);
    },
    async () => {
      const ready = next('table');
      render({ spec: none, graph: false, sandwichOf: null });
      await ready;
      await painted();
      return { exact: Promise.resolve() };
    },
  );

  // The graph on screen from here on.
  let shown = next('graph');
  render({ spec: none, graph: true, sandwichOf: null });
  await shown;
  for (const c of cases.filter((x) => x.sandwich)) {
    await time(
      c.label.replace('sandwich:', 'sandwich drawn:'),
      async () => render({ spec: none, graph: true, sandwichOf: null }),
      () => askFor(c, render),
    );
  }
  render({ spec: none, graph: true, sandwichOf: null });
  for (const c of cases.filter((x) => !x.sandwich)) {
    await time(
      `${c.label}: applied → graph and table redrawn`,
      async () => {
        shown = next('graph');
        render({ spec: other, graph: true, sandwichOf: null });
        await shown;
      },
      () => askFor(c, render),
    );
  }
  observer.disconnect();
  root.unmount();
  parser.dispose();
  return { frames: tree.length, rows };
};
