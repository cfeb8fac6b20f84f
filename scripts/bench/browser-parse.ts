/**
 * Browser bench page: parses a generated file in the real parser worker and reports the time from the
 * start of the parse to the tree on the page, the longest main-thread task meanwhile (Long Tasks API),
 * and the tree size. Driven by scripts/bench.mjs through Playwright.
 */
import { ProfileParser } from '../../packages/core/src/worker/client.ts';

/** One measurement, or the error that stopped it. */
export interface BenchResult {
  error?: string;
  ms?: number;
  frames?: number;
  bytesPerFrame?: number;
  longestTaskMs?: number;
  progressEvents?: number;
}

declare global {
  interface Window {
    benchParse(url: string): Promise<BenchResult>;
  }
}

window.benchParse = async (url: string) => {
  const blob = await (await fetch(url)).blob();
  const parser = new ProfileParser();
  let longestTask = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestTask = Math.max(longestTask, entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  let progressEvents = 0;
  const t0 = performance.now();
  const outcome = await parser.parse(blob, { onProgress: () => progressEvents++ });
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 50));
  observer.disconnect();
  parser.dispose();
  if (!outcome.ok) return { error: outcome.error.message };
  const tree = outcome.profile.tree;
  const columns = [tree.parent, tree.subtreeEnd, tree.depth, tree.nameId, ...tree.totalByType, ...tree.selfByType];
  const treeBytes = columns.reduce((n, c) => n + c.byteLength, 0);
  return { ms, frames: tree.length, bytesPerFrame: treeBytes / tree.length, longestTaskMs: longestTask, progressEvents };
};
