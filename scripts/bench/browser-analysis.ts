/**
 * Browser bench page for the analyses: parses a generated file in the real worker (which keeps the
 * tree), then times each request from the page — function tables, every case of analysis-cases.ts — up to
 * the result on the page (copy and transfer included), and the longest main-thread task meanwhile (Long
 * Tasks API): the page must stay responsive while the worker computes. Results are handed back to the
 * worker after each run (`recycle`), as the UI does with a view it replaced. Driven by scripts/bench.mjs.
 */
import type { FrameTree } from '../../packages/core/src/index.ts';
import { ProfileParser } from '../../packages/core/src/worker/client.ts';
import { analysisCases } from './analysis-cases.ts';

export interface AnalysisBenchResult {
  error?: string;
  frames?: number;
  rows?: { label: string; ms: number; computeMs: number | null; copyMs: number | null; frames: number; longestTaskMs: number }[];
}

declare global {
  interface Window {
    benchAnalysis(url: string, runs: number): Promise<AnalysisBenchResult>;
  }
}

window.benchAnalysis = async (url: string, runs: number) => {
  const parser = new ProfileParser();
  const parsed = await parser.parse(await (await fetch(url)).blob());
  if (!parsed.ok) return { error: parsed.error.message };
  const { tree, handle } = parsed.profile;
  // choosing the cases walks the tree on this thread: done before anything is timed, and its long task
  // reported before the observer starts
  const cases = analysisCases(tree);
  await new Promise((resolve) => setTimeout(resolve, 100));
  let longestTask = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestTask = Math.max(longestTask, entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  const rows: NonNullable<AnalysisBenchResult['rows']> = [];
  // The worker keeps the last view: before each run, make it keep another one (a transform that matches
  // nothing keeps the original, at no cost), so every run computes its view. Not timed.
  const reset = async () => {
    await parser.functionTables(handle, { transforms: [{ kind: 'drop', match: { name: '\u0000bench' } }] });
  };
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  /**
   * `request` returns the frames it got, the worker's own timing (compute, copy for the page), and the
   * trees it got, which are handed back to the worker after the run (as the UI does with a replaced view).
   */
  type Got = { frames: number; timing: { computeMs: number; copyMs: number } | null; trees?: FrameTree[] };
  const time = async (label: string, request: () => Promise<Got>) => {
    const ms: number[] = [];
    const compute: number[] = [];
    const copy: number[] = [];
    let timed = false;
    let frames = 0;
    longestTask = 0;
    for (let r = 0; r < runs; r++) {
      await reset();
      const t0 = performance.now();
      const result = await request();
      ms.push(performance.now() - t0);
      for (const t of result.trees ?? []) parser.recycle(t);
      frames = result.frames;
      if (result.timing) {
        timed = true;
        compute.push(result.timing.computeMs);
        copy.push(result.timing.copyMs);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the observer report the last task
    rows.push({ label, ms: median(ms), computeMs: timed ? median(compute) : null, copyMs: timed ? median(copy) : null, frames, longestTaskMs: longestTask });
  };
  const fail = (error: { message: string }): never => {
    throw new Error(error.message);
  };
  await time('function tables (every sample type)', async () => {
    const r = await parser.functionTables(handle, { transforms: [] });
    return r.ok ? { frames: r.value[0]!.nameId.length, timing: null } : fail(r.error);
  });
  /** One case: the exact view or sandwich, or with `preview` its first answer (a preview if large). */
  const run = async (c: (typeof cases)[number], preview: boolean): Promise<Got> => {
    if (c.sandwich) {
      const r = await parser.sandwich(handle, c.spec, c.sandwich, { preview });
      return r.ok ? { frames: r.value.callers.length + r.value.callees.length, timing: r.value.timing, trees: [r.value.callers, r.value.callees] } : fail(r.error);
    }
    const r = await parser.view(handle, c.spec, { withFunctions: false, preview });
    return r.ok ? { frames: r.value.tree.length, timing: r.value.timing, trees: [r.value.tree] } : fail(r.error);
  };
  for (const c of cases) await time(c.label, () => run(c, false));
  // The first answers of the views (what the page draws first): previews where the view is large.
  for (const c of cases) await time(`${c.label} (first answer)`, () => run(c, true));
  observer.disconnect();
  parser.dispose();
  return { frames: tree.length, rows };
};
