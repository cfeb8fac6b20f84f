/**
 * Browser bench page for the first diff paint: from the two files (Blobs already in memory) to the
 * painted diff flame graph — both parsed at once in two workers, merged, the DiffTree on the page, laid
 * out (combined widths), coloured (auto saturation and the noise mask, one sliced pass), painted on a
 * 1600×900 CSS-px canvas and rasterized (a 1-px getImageData). The same for the larger file alone. Each
 * is measured on a fresh page (driven by scripts/bench.mjs), so neither warms the JIT for the other.
 * With `redraws`, the diff page then times redraws of the painted diff (whole view, zoom, hover) and a
 * colour settings change (metric), as the render bench does for one profile.
 */
import { ProfileParser } from '../../packages/core/src/worker/client.ts';
import type { FrameTree } from '../../packages/core/src/index.ts';
import { FlameRenderer } from '../../packages/renderer/src/index.ts';

export interface DiffPaintResult {
  error?: string;
  /** File(s) → painted picture, ms. */
  ms?: number;
  /** Of which: parse (and merge), layout + colours, the first paint. */
  parseMs?: number;
  layoutMs?: number;
  paintMs?: number;
  frames?: number;
  longestTaskMs?: number;
  faded?: number;
  redraws?: Record<string, { medianMs: number; maxMs: number }>;
}

declare global {
  interface Window {
    benchDiffPaint(baselineUrl: string, comparisonUrl: string | null, redraws: number): Promise<DiffPaintResult>;
  }
}

const WIDTH = 1600;
const HEIGHT = 900;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Resolves once the renderer has a layout and the colours of the current tree (diff: after the sliced pass). */
function whenPaintable(renderer: FlameRenderer): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      const colours = renderer.barColours;
      const layout = renderer.layout;
      if (layout && colours && (colours.mode === 'diff') === ('totalB' in layout.tree)) {
        off();
        resolve();
      }
    };
    const off = renderer.subscribe(check);
    check();
  });
}

window.benchDiffPaint = async (baselineUrl, comparisonUrl, redraws) => {
  const blobs = await Promise.all([baselineUrl, comparisonUrl].filter((u): u is string => !!u).map(async (u) => (await fetch(u)).blob()));
  const canvas = document.createElement('canvas');
  document.body.append(canvas);
  const renderer = new FlameRenderer(canvas);
  renderer.resize(WIDTH, HEIGHT, window.devicePixelRatio);
  const ctx = canvas.getContext('2d')!;
  let longest = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  const parser = new ProfileParser();
  const t0 = performance.now();
  let tree: FrameTree;
  if (blobs.length === 2) {
    const outcome = await parser.diff({ baseline: blobs[0]!, comparison: blobs[1]! });
    if (!outcome.ok) return { error: outcome.error.message };
    tree = outcome.diff.tree;
  } else {
    const outcome = await parser.parse(blobs[0]!);
    if (!outcome.ok) return { error: outcome.error.message };
    tree = outcome.profile.tree;
  }
  const t1 = performance.now();
  renderer.setTree(tree);
  await whenPaintable(renderer);
  const t2 = performance.now();
  renderer.draw();
  ctx.getImageData(0, 0, 1, 1);
  const t3 = performance.now();
  await new Promise((r) => setTimeout(r, 100));
  observer.disconnect();
  parser.dispose();
  const result: DiffPaintResult = {
    ms: t3 - t0,
    parseMs: t1 - t0,
    layoutMs: t2 - t1,
    paintMs: t3 - t2,
    frames: tree.length,
    longestTaskMs: longest,
    faded: renderer.diffNoiseMask?.reduce((n, v) => n + v, 0) ?? 0,
  };
  if (redraws > 0) result.redraws = timeRedraws(renderer, ctx, redraws);
  if (redraws > 0 && 'totalB' in tree) result.redraws!['colour settings change (metric), to repainted'] = await timeMetricChange(renderer, ctx);
  return result;
};

/** Full redraws (rows walked again), zoom steps and hover highlights, each up to a rasterized pixel. */
function timeRedraws(renderer: FlameRenderer, ctx: CanvasRenderingContext2D, runs: number) {
  const out: Record<string, { medianMs: number; maxMs: number }> = {};
  const timed = (name: string, change: (i: number) => void, full: boolean) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      change(i);
      renderer.draw(full);
      ctx.getImageData(0, 0, 1, 1);
      times.push(performance.now() - s);
    }
    out[name] = { medianMs: median(times), maxMs: Math.max(...times) };
  };
  timed('whole: full redraw', () => undefined, true);
  timed('zoom step', (i) => renderer.zoomAt(WIDTH / 2, i % 2 === 0 ? 1.25 : 0.8), false);
  timed('pan', (i) => renderer.panBy(i % 2 === 0 ? 40 : -40), false);
  timed('hover highlight', (i) => renderer.setOptions({ hovered: renderer.hitTest((i * 97) % WIDTH, (i * 31) % HEIGHT) }), false);
  return out;
}

/** A metric change: the sliced colour pass (saturation, noise mask) runs again, then the repaint. */
async function timeMetricChange(renderer: FlameRenderer, ctx: CanvasRenderingContext2D) {
  const times: number[] = [];
  for (const metric of ['relative-change', 'normalized-delta', 'absolute-delta', 'normalized-delta'] as const) {
    const before = renderer.barColours;
    const s = performance.now();
    renderer.setOptions({ diff: { ...renderer.options.diff, metric } });
    await new Promise<void>((resolve) => {
      const check = () => {
        if (renderer.barColours !== before) {
          off();
          resolve();
        }
      };
      const off = renderer.subscribe(check);
      check();
    });
    renderer.draw();
    ctx.getImageData(0, 0, 1, 1);
    times.push(performance.now() - s);
  }
  return { medianMs: median(times), maxMs: Math.max(...times) };
}
