/**
 * Browser bench page for diffs: the larger file parsed alone (what showing it costs), then the pair
 * compared (both files parsed at once in two workers, merged in one, DiffTree transferred to the page).
 * Reports both times, their ratio and the longest main-thread task. Driven by scripts/bench.mjs.
 */
import { ProfileParser } from '../../packages/core/src/worker/client.ts';

/** One measurement, or the error that stopped it. */
export interface DiffBenchResult {
  error?: string;
  aloneMs?: number;
  diffMs?: number;
  frames?: number;
  longestTaskMs?: number;
}

declare global {
  interface Window {
    benchDiff(baselineUrl: string, comparisonUrl: string): Promise<DiffBenchResult>;
  }
}

window.benchDiff = async (baselineUrl: string, comparisonUrl: string) => {
  const [baseline, comparison] = await Promise.all([baselineUrl, comparisonUrl].map(async (url) => (await fetch(url)).blob()));
  const larger = baseline!.size >= comparison!.size ? baseline! : comparison!;

  const single = new ProfileParser();
  let t0 = performance.now();
  const alone = await single.parse(larger);
  const aloneMs = performance.now() - t0;
  single.dispose();
  if (!alone.ok) return { error: alone.error.message };

  let longestTask = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestTask = Math.max(longestTask, entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  const parser = new ProfileParser();
  t0 = performance.now();
  const outcome = await parser.diff({ baseline: baseline!, comparison: comparison! });
  const diffMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 50));
  observer.disconnect();
  parser.dispose();
  if (!outcome.ok) return { error: outcome.error.message };
  return { aloneMs, diffMs, frames: outcome.diff.tree.length, longestTaskMs: longestTask };
};
