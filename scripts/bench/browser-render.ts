/**
 * Render bench page: parses a generated profile in the real worker, lays it out with FlameRenderer on a
 * 1600×900 CSS-pixel canvas at the page's device pixel ratio, and times full redraws (whole view and
 * zoomed deep: zoom step, pan, search change, hover highlight) and hit tests. Driven by scripts/bench.mjs.
 * A draw is timed up to a 1-pixel getImageData, which makes Chromium rasterize what was drawn.
 */
import { ProfileParser } from '../../packages/core/src/worker/client.ts';
import type { FrameTree } from '../../packages/core/src/index.ts';
import { FlameRenderer } from '../../packages/renderer/src/index.ts';

export interface RenderBench {
  error?: string;
  frames?: number;
  dpr?: number;
  layoutMs?: number;
  firstDrawMs?: number;
  firstDrawTaskMs?: number;
  longestLayoutTaskMs?: number;
  bytesPerFrame?: number;
  rows?: Record<string, { medianMs: number; maxMs: number; jsMs: number; bars?: number; labels?: number }>;
  hitTestUs?: Record<string, number>;
  searchMs?: { namesMs: number; totalMs: number; longestTaskMs: number };
}

declare global {
  interface Window {
    benchRender(url: string, runs: number): Promise<RenderBench>;
  }
}

const WIDTH = 1600;
const HEIGHT = 900;

/** Waits until earlier long tasks have been reported to observers (they are delivered late). */
const settle = () => new Promise((r) => setTimeout(r, 300));

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

/** The frame `depth` levels down the heaviest path (a "zoomed deep" focus target). */
function heavyPathFrame(tree: FrameTree, depth: number): number {
  let frame = 0;
  for (let d = 0; d < depth; d++) {
    let best = -1;
    for (let c = frame + 1; c < tree.subtreeEnd[frame]!; c = tree.subtreeEnd[c]!) if (best < 0 || tree.total[c]! > tree.total[best]!) best = c;
    if (best < 0) break;
    frame = best;
  }
  return frame;
}

window.benchRender = async (url: string, runs: number) => {
  const blob = await (await fetch(url)).blob();
  const parser = new ProfileParser();
  const outcome = await parser.parse(blob);
  parser.dispose();
  if (!outcome.ok) return { error: outcome.error.message };
  // Let the tasks of receiving the parse result finish and be reported before observing the layout.
  await settle();
  const tree = outcome.profile.tree;
  const canvas = document.createElement('canvas');
  document.body.append(canvas);
  const renderer = new FlameRenderer(canvas);
  const dpr = window.devicePixelRatio;
  renderer.resize(WIDTH, HEIGHT, dpr);
  let longest = 0;
  const longTasks: { start: number; duration: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      longest = Math.max(longest, e.duration);
      longTasks.push({ start: e.startTime, duration: e.duration });
    }
  });
  observer.observe({ type: 'longtask', buffered: false });
  const t0 = performance.now();
  renderer.setTree(tree);
  await renderer.whenReady();
  const readyAt = performance.now();
  const layoutMs = readyAt - t0;
  await settle();
  // Tasks that ended by the time the layout was done are layout slices; the first draw comes after.
  const longestLayoutTaskMs = Math.max(0, ...longTasks.filter((t) => t.start >= t0 && t.start + t.duration <= readyAt + 1).map((t) => t.duration));
  const firstDrawTaskMs = Math.max(0, ...longTasks.filter((t) => t.start + t.duration > readyAt + 1).map((t) => t.duration));
  // The first draw runs cold code (the JIT has not optimized the loop yet): reported on its own.
  const f0 = performance.now();
  renderer.draw();
  canvas.getContext('2d')!.getImageData(0, 0, 1, 1);
  const firstDrawMs = performance.now() - f0;
  const ctx = canvas.getContext('2d')!;
  const timed = (name: string, change: (i: number) => void, rows: RenderBench['rows'], full = false) => {
    const times: number[] = [];
    const js: number[] = [];
    let stats = null;
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      change(i);
      stats = renderer.draw(full);
      js.push(performance.now() - s);
      ctx.getImageData(0, 0, 1, 1);
      times.push(performance.now() - s);
    }
    rows![name] = { medianMs: median(times), maxMs: Math.max(...times), jsMs: median(js), bars: stats?.bars, labels: stats?.labels };
  };
  const hitTests = (label: string, out: Record<string, number>) => {
    const n = 20000;
    const s = performance.now();
    let sink = 0;
    for (let i = 0; i < n; i++) sink += renderer.hitTest((i * 7919) % WIDTH, (i * 104729) % HEIGHT);
    out[label] = ((performance.now() - s) / n) * 1000 + (sink === -Infinity ? 1 : 0);
  };
  const rows: RenderBench['rows'] = {};
  const hitTestUs: Record<string, number> = {};
  const deep = heavyPathFrame(tree, Math.min(tree.maxDepth, 24));
  for (const place of ['whole', 'deep'] as const) {
    renderer.setOptions({ focus: place === 'whole' ? 0 : deep, search: null, hovered: -1 });
    if (place === 'deep') renderer.setOptions({ scrollY: renderer.scrollToShow(tree.depth[deep]!) });
    timed(`${place}: full redraw`, () => undefined, rows, true);
    timed(`${place}: zoom step`, (i) => renderer.zoomAt(WIDTH / 2, i % 2 === 0 ? 1.25 : 0.8), rows);
    timed(`${place}: pan`, (i) => renderer.panBy(i % 2 === 0 ? 40 : -40), rows);
    timed(`${place}: hover highlight`, (i) => renderer.setOptions({ hovered: renderer.hitTest((i * 97) % WIDTH, (i * 31) % HEIGHT) }), rows);
    hitTests(place, hitTestUs);
  }
  // Search: the names pass and the once-per-stack share run in slices; then the redraw.
  renderer.setOptions({ focus: 0, scrollY: 0, hovered: -1 });
  await settle();
  longest = 0;
  const s0 = performance.now();
  let namesMs = 0;
  await new Promise<void>((resolve) => {
    const off = renderer.subscribe((e) => {
      if (e === 'search' && renderer.searchResult.state === 'done') {
        off();
        resolve();
      }
    });
    renderer.setOptions({ search: { text: 'Grape' } });
    const poll = () => {
      if (renderer.searchMatches && namesMs === 0) namesMs = performance.now() - s0;
      else requestAnimationFrame(poll);
    };
    poll();
  });
  const totalMs = performance.now() - s0;
  await new Promise((r) => setTimeout(r, 100));
  const searchMs = { namesMs, totalMs, longestTaskMs: longest };
  // A search change: starting it (its first slice runs at once), then the redraw once names are marked.
  const starts: number[] = [];
  const redraws: number[] = [];
  let stats = null;
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    renderer.setOptions({ search: { text: i % 2 === 0 ? 'Zel' : 'Grape' } });
    starts.push(performance.now() - s);
    while (!renderer.searchMatches) await new Promise((r) => setTimeout(r, 0));
    const d = performance.now();
    stats = renderer.draw(true);
    ctx.getImageData(0, 0, 1, 1);
    redraws.push(performance.now() - d);
  }
  rows['whole: search change (start)'] = { medianMs: median(starts), maxMs: Math.max(...starts), jsMs: median(starts) };
  rows['whole: search change (redraw)'] = { medianMs: median(redraws), maxMs: Math.max(...redraws), jsMs: NaN, bars: stats?.bars, labels: stats?.labels };
  observer.disconnect();
  return { frames: tree.length, dpr, layoutMs, firstDrawTaskMs, firstDrawMs, longestLayoutTaskMs, bytesPerFrame: renderer.memoryBytes() / tree.length, rows, hitTestUs, searchMs };
};
