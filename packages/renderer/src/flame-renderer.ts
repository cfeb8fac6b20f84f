import { isDiffTree, noiseModel, type FrameIndex, type FrameTree, type NoiseModel } from '@flamelens/core';
import { BarColours } from './colour/bar-colours.ts';
import { DiffReader } from './colour/diff-colour.ts';
import { DiffPassJob } from './colour/diff-pass.ts';
import { THEMES } from './colour/palette.ts';
import { contentHeight, rowTop, xOf, type Geometry } from './draw/geometry.ts';
import { FlamePainter, type PaintStats } from './draw/painter.ts';
import { keepCanvas, takeCanvas } from './draw/canvas-pool.ts';
import { hitTest } from './interaction/hit-test.ts';
import { clampRange, panRange, zoomRange, type ViewRange } from './interaction/view-range.ts';
import { keepLayoutRows, LayoutJob, offsetOf, type FlameLayout } from './layout/flame-layout.ts';
import { JobRunner } from './layout/sliced-job.ts';
import { watchDevicePixelRatio } from './interaction/device-pixel-ratio.ts';
import { defaultWidthMode } from './layout/width-column.ts';
import { DEFAULT_OPTIONS, sameDiff, sameSearch, type FlameRendererOptions } from './options.ts';
import { SearchState } from './search/search-state.ts';

/** Trees up to this many frames are laid out at once; larger ones in slices (≈ 8 ms of work each). */
const SYNC_LAYOUT_FRAMES = 200_000;

/**
 * What changed, for listeners: a layout finished, search figures are final, the view moved, or the
 * colours were rebuilt (diff: the automatic saturation point and the noise mask are known).
 */
export type RendererEvent = 'layout' | 'search' | 'view' | 'colours';

/** A frame's box in CSS pixels on the canvas (may reach outside it). */
export interface FrameBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The flame graph on one canvas, without React (DESIGN §5). Give it a tree, options and a size; it lays
 * the tree out once (in slices for big trees), then every draw maps value offsets linearly to pixels.
 *
 *   const renderer = new FlameRenderer(canvas);
 *   renderer.setTree(tree);
 *   renderer.resize(800, 400);               // CSS pixels; device pixel ratio from the window
 *   renderer.setOptions({ search: { text: 'json' } });
 *   canvas.onclick = (e) => renderer.setOptions({ focus: Math.max(0, renderer.hitTest(e.offsetX, e.offsetY)) });
 *
 * Changes request one redraw per animation frame; `draw()` paints synchronously.
 */
export class FlameRenderer {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private opts: FlameRendererOptions = DEFAULT_OPTIONS;
  private tree: FrameTree | null = null;
  private layoutJob: LayoutJob | null = null;
  private current: FlameLayout | null = null;
  private readonly range: ViewRange = { start: 0, end: 1 };
  private cssWidth = 300;
  private cssHeight = 150;
  private dpr = 1;
  /** `resize` was called (the size is the caller's, not the default). */
  private sized = false;
  private colours: BarColours | null = null;
  private diffReader: DiffReader | null = null;
  private saturation = 1;
  private noise: NoiseModel | null = null;
  private noiseMask: Uint8Array | null = null;
  private noiseFor: { tree: FrameTree | null; confidence: number; model: NoiseModel | null } = { tree: null, confidence: 0, model: null };
  private readonly search = new SearchState(() => this.emit('search'));
  private readonly painter = new FlamePainter();
  private readonly jobs = new JobRunner();
  private frameRequest = 0;
  private paints = 0;
  private readonly listeners = new Set<(event: RendererEvent) => void>();
  private readyWaiters: (() => void)[] = [];
  /** The canvas was made (or taken from the kept ones) here, not given: `release` may keep it. */
  private readonly ownCanvas: boolean;
  /** `release` was called: nothing is drawn any more. */
  private released = false;

  constructor(canvas?: HTMLCanvasElement, options: Partial<FlameRendererOptions> = {}) {
    this.ownCanvas = !canvas;
    this.canvas = canvas ?? takeCanvas();
    const ctx = this.canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('This browser cannot draw on a canvas (no 2D context).');
    this.ctx = ctx;
    this.opts = { ...DEFAULT_OPTIONS, ...options };
    this.dpr = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
    // A kept canvas keeps its bitmap until the first resize: sizing it down to the default here would
    // only allocate a small bitmap, and then the real one again.
    if (this.ownCanvas && this.canvas.width > 0 && this.canvas.height > 0) {
      this.cssWidth = this.canvas.width / this.dpr;
      this.cssHeight = this.canvas.height / this.dpr;
    }
    this.applySize();
  }

  /** Shows `tree` (a FrameTree or DiffTree); null clears. Large trees are laid out in slices. */
  setTree(tree: FrameTree | null): void {
    if (tree === this.tree || this.released) return;
    this.tree = tree;
    this.startLayout();
  }

  /** Changes options; only what changed is recomputed. */
  setOptions(patch: Partial<FlameRendererOptions>): void {
    const prev = this.opts;
    const next: FlameRendererOptions = { ...prev, ...patch };
    this.opts = next;
    if (next.widthMode !== prev.widthMode) this.startLayout();
    else {
      if (next.theme !== prev.theme || next.palette !== prev.palette || next.colourMode !== prev.colourMode || !sameDiff(next.diff, prev.diff)) this.rebuildColours();
      if (!sameSearch(next.search, prev.search)) this.restartSearch();
      if (next.focus !== prev.focus) this.applyFocus();
    }
    this.requestDraw();
  }

  /** The options in force. */
  get options(): FlameRendererOptions {
    return this.opts;
  }

  /** Sets the canvas size in CSS pixels (and the device pixel ratio, default the window's). */
  resize(cssWidth: number, cssHeight: number, dpr: number = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1): void {
    if (this.released) return; // the canvas is someone else's now
    const width = Math.max(1, cssWidth);
    const height = Math.max(1, cssHeight);
    const ratio = dpr > 0 ? dpr : 1;
    // The size it has (a ResizeObserver's first report repeats the size just set on mount): the canvas
    // is drawn at it already, and a second full draw would only add to the time before the first frame.
    if (this.sized && width === this.cssWidth && height === this.cssHeight && ratio === this.dpr) return;
    this.sized = true;
    this.cssWidth = width;
    this.cssHeight = height;
    this.dpr = ratio;
    this.applySize();
    this.draw();
  }

  /** Follows device pixel ratio changes (browser zoom, moving to another screen); returns the stop function. */
  watchDevicePixelRatio(): () => void {
    return watchDevicePixelRatio((dpr) => this.resize(this.cssWidth, this.cssHeight, dpr));
  }

  /** The finished layout (null while a new tree is being laid out); read it only until another tree is shown. */
  get layout(): FlameLayout | null {
    return this.current && this.current.tree === this.tree ? this.current : null;
  }

  /** Resolves when the current tree's layout is done. */
  whenReady(): Promise<void> {
    if (this.layout || !this.tree) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Search figures: state, matched total (counted once per stack), matching frames, and the name mask. */
  get searchResult() {
    return this.search.result;
  }

  /** One byte per name id (1 = matches the search) once the name pass is done, else null. */
  get searchMatches(): Uint8Array | null {
    return this.search.result.namesReady ? this.search.nameMatches : null;
  }

  /** Subscribes to renderer events; returns the unsubscribe function. */
  subscribe(listener: (event: RendererEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Asks for a redraw at the next animation frame (many requests, one draw). */
  requestDraw(): void {
    if (this.frameRequest !== 0 || this.released || typeof requestAnimationFrame === 'undefined') return;
    this.frameRequest = requestAnimationFrame(() => {
      this.frameRequest = 0;
      this.draw();
    });
  }

  /**
   * Paints now. Until a new tree's layout is done, the previous picture stays. When only hover or
   * selection changed, the bars queued by the last paint are reused; `full` walks the rows regardless.
   */
  draw(full = false): PaintStats | null {
    if (this.released) return null;
    if (full) this.painter.invalidate();
    const layout = this.layout;
    if (!layout || !this.colours) {
      if (!this.tree) this.clear();
      return null;
    }
    const o = this.opts;
    const names = this.searchMatches;
    const started = performance.now();
    const stats = this.painter.paint(this.ctx, {
      layout,
      colours: this.colours,
      geometry: this.geometry(),
      dpr: this.dpr,
      theme: THEMES[o.theme],
      nameMatches: names,
      matchRange: names ? this.search.matchRange : null,
      diff: this.colours.mode === 'diff' ? this.diffReader : null,
      selected: o.selected < layout.tree.length ? o.selected : -1,
      hovered: o.hovered < layout.tree.length ? o.hovered : -1,
      fontSize: o.fontSize,
      fontFamily: o.fontFamily,
    });
    this.markPaint(performance.now() - started);
    return stats;
  }

  /** The frame under the CSS point (x, y) relative to the canvas, or -1. */
  hitTest(cssX: number, cssY: number): FrameIndex {
    const layout = this.layout;
    return layout ? hitTest(layout, this.geometry(), cssX, cssY) : -1;
  }

  /** Where `frame` is drawn, in CSS pixels, or null. */
  frameBox(frame: FrameIndex): FrameBox | null {
    const layout = this.layout;
    if (!layout || frame < 0 || frame >= layout.tree.length) return null;
    const g = this.geometry();
    const x = xOf(g, offsetOf(layout, frame));
    return { x, y: rowTop(g, layout.tree.depth[frame]!), width: xOf(g, offsetOf(layout, frame) + layout.width[frame]!) - x, height: g.rowHeight };
  }

  /** The visible value range (a copy). */
  get viewRange(): ViewRange {
    return { start: this.range.start, end: this.range.end };
  }

  /** Zooms by `factor` around CSS x (Ctrl/⌘+wheel, pinch). */
  zoomAt(cssX: number, factor: number): void {
    const layout = this.layout;
    if (!layout) return;
    zoomRange(this.range, layout.rootWidth, Math.min(1, Math.max(0, cssX / this.cssWidth)), factor);
    this.viewChanged();
  }

  /** Pans by CSS pixels (positive = content moves left). */
  panBy(cssDx: number): void {
    const layout = this.layout;
    if (!layout) return;
    panRange(this.range, layout.rootWidth, cssDx / this.cssWidth);
    this.viewChanged();
  }

  /** Pans (never zooms) so `frame`'s bar is in view: used when the keyboard moves the selection off screen. */
  revealFrame(frame: FrameIndex): void {
    const layout = this.layout;
    if (!layout || frame < 0 || frame >= layout.tree.length) return;
    const start = offsetOf(layout, frame);
    const end = start + layout.width[frame]!;
    const span = this.range.end - this.range.start;
    if (start >= this.range.start && end <= this.range.end) return;
    if (end - start >= span || start < this.range.start) this.range.start = start;
    else this.range.start = end - span;
    this.range.end = this.range.start + span;
    clampRange(this.range, layout.rootWidth);
    this.viewChanged();
  }

  /** Shows the focused frame's full width again (after zooming or panning). */
  resetView(): void {
    this.applyFocus();
    this.requestDraw();
  }

  /** Height of the whole tree (CSS px) and the largest useful `scrollY`. */
  get contentHeight(): number {
    const layout = this.layout;
    return layout ? contentHeight(layout, this.opts.rowHeight) : 0;
  }

  get maxScrollY(): number {
    return Math.max(0, this.contentHeight - this.cssHeight);
  }

  /** A `scrollY` that shows row `depth` with some of its ancestors before it (for focus and keyboard moves). */
  scrollToShow(depth: number, scrollY = this.opts.scrollY): number {
    const rowH = this.opts.rowHeight;
    const rowsVisible = Math.max(1, Math.floor(this.cssHeight / rowH));
    const top = depth * rowH;
    if (top >= scrollY && top + rowH <= scrollY + rowsVisible * rowH) return scrollY;
    const context = Math.min(depth, Math.floor(rowsVisible / 3));
    return Math.min(this.maxScrollY, Math.max(0, (depth - context) * rowH));
  }

  /**
   * Bytes the renderer holds on top of the tree — layout (20 B/frame, +8 for derived widths), search mask
   * and colour cache (per name), label cache and draw queues — for the memory target.
   */
  memoryBytes(): number {
    return (this.layout?.bytes ?? 0) + this.search.bytes + (this.colours?.bytes ?? 0) + (this.noiseMask?.byteLength ?? 0) + this.painter.bytes;
  }

  /** Stops pending work and listeners. */
  destroy(): void {
    this.jobs.cancelAll();
    this.search.cancel();
    if (this.frameRequest !== 0) cancelAnimationFrame(this.frameRequest);
    this.frameRequest = 0;
    this.listeners.clear();
  }

  /**
   * For good: stops like `destroy`, draws nothing any more, and hands the canvas it made to the next
   * renderer (see canvas-pool.ts: a new canvas's first picture is slow). Use nothing of it afterwards.
   */
  release(): void {
    if (this.released) return;
    this.destroy();
    this.released = true;
    if (this.current) keepLayoutRows(this.current);
    this.current = null;
    this.layoutJob = null;
    if (this.ownCanvas) keepCanvas(this.canvas);
  }

  private geometry(): Geometry {
    const o = this.opts;
    return { view: o.view, start: this.range.start, end: this.range.end, cssWidth: this.cssWidth, cssHeight: this.cssHeight, rowHeight: o.rowHeight, scrollY: o.scrollY };
  }

  private applySize(): void {
    const w = Math.round(this.cssWidth * this.dpr);
    const h = Math.round(this.cssHeight * this.dpr);
    if (this.canvas.width !== w) this.canvas.width = w;
    if (this.canvas.height !== h) this.canvas.height = h;
    this.canvas.style.width = `${this.cssWidth}px`;
    this.canvas.style.height = `${this.cssHeight}px`;
  }

  /**
   * Test and bench hooks, on the canvas because hosts (a Grafana panel loaded through SystemJS) give no
   * other way in: `data-draws` counts paints of a laid-out tree, `data-draw-ms` is the last paint's
   * JavaScript time (what the canvas calls cost before the browser rasterizes them). One write each per
   * paint, none per bar.
   */
  private markPaint(ms: number): void {
    this.paints++;
    this.canvas.dataset.draws = String(this.paints);
    this.canvas.dataset.drawMs = ms.toFixed(2);
  }

  private clear(): void {
    this.ctx.setTransform(1, 0, 0, 1, 0, 0);
    this.ctx.fillStyle = THEMES[this.opts.theme].background;
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
  }

  private startLayout(): void {
    this.jobs.cancel('layout');
    const tree = this.tree;
    if (!tree) {
      this.current = null;
      this.search.cancel();
      this.requestDraw();
      return;
    }
    const mode = this.opts.widthMode === 'auto' ? defaultWidthMode(tree) : this.opts.widthMode;
    const job = new LayoutJob(tree, mode);
    this.layoutJob = job;
    this.jobs.run('layout', job, () => {
      if (this.layoutJob !== job) return;
      const replaced = this.current;
      this.current = job.layout;
      // nothing reads a layout once another is shown: its rows go to the next layout made (see keepLayoutRows)
      if (replaced && replaced !== job.layout) keepLayoutRows(replaced);
      this.layoutJob = null;
      this.rebuildColours();
      this.restartSearch();
      this.applyFocus();
      this.emit('layout');
      for (const resolve of this.readyWaiters.splice(0)) resolve();
      this.requestDraw();
    }, tree.length <= SYNC_LAYOUT_FRAMES);
  }

  private rebuildColours(): void {
    const layout = this.layout;
    if (!layout) return;
    const tree = layout.tree;
    const o = this.opts;
    const diffMode = isDiffTree(tree) && o.colourMode !== 'package';
    this.diffReader = isDiffTree(tree) ? new DiffReader(tree, o.diff) : null;
    this.noise = null;
    this.noiseMask = null;
    if (!diffMode || !this.diffReader) {
      this.colours = new BarColours(tree, 'package', o.theme, o.palette);
      this.emit('colours');
      return;
    }
    const reader = this.diffReader;
    // The noise test is core's (as the CLI's): made only when both sides' values are sample counts.
    // Cached per tree and confidence: it walks both self columns, and metric or theme changes keep it.
    if (this.noiseFor.tree !== reader.tree || this.noiseFor.confidence !== o.diff.confidence) {
      this.noiseFor = { tree: reader.tree, confidence: o.diff.confidence, model: noiseModel(reader.tree, { confidence: o.diff.confidence }) };
    }
    const model = this.noiseFor.model!;
    this.noise = model;
    const noise = o.diff.fadeNoise && model.kind === 'counts' ? model : null;
    const job = new DiffPassJob(reader, { findLargest: o.diff.saturation === 'auto', noise });
    this.jobs.run(
      'saturation',
      job,
      () => {
        const saturation = o.diff.saturation === 'auto' ? (job.largest > 0 ? job.largest : 1) : o.diff.saturation;
        this.saturation = saturation;
        this.noiseMask = job.mask;
        this.colours = new BarColours(tree, 'diff', o.theme, o.palette, { reader, saturation, faded: job.mask });
        this.emit('colours');
        this.requestDraw();
      },
      tree.length <= SYNC_LAYOUT_FRAMES,
    );
  }

  /** The saturation point in force (diff colours): the set one, or the largest change when `auto`. */
  get diffSaturation(): number {
    return this.saturation;
  }

  /**
   * Diff trees: the noise test of the current sample type and confidence (core's `noiseModel`) — a
   * counting model, or why no test can be made. Null for plain trees. Frames are faded only when it is
   * a counting model and `diff.fadeNoise` is on.
   */
  get diffNoise(): NoiseModel | null {
    return this.noise;
  }

  /** Frames drawn faded (1 = within sampling noise), once the colours are built; null when none are faded. */
  get diffNoiseMask(): Uint8Array | null {
    return this.noiseMask;
  }

  /** The colour table of the current settings and each frame's index into it (for hosts and tests). */
  get barColours(): BarColours | null {
    return this.colours;
  }

  private restartSearch(): void {
    const layout = this.layout;
    if (!layout) return;
    this.search.start(layout.tree, this.opts.search, layout.tree.length <= SYNC_LAYOUT_FRAMES, () => this.requestDraw());
  }

  private applyFocus(): void {
    const layout = this.layout;
    if (!layout) return;
    const f = this.opts.focus;
    if (f > 0 && f < layout.tree.length && layout.width[f]! > 0) {
      this.range.start = offsetOf(layout, f);
      this.range.end = this.range.start + layout.width[f]!;
    } else {
      this.range.start = 0;
      this.range.end = layout.rootWidth;
    }
    clampRange(this.range, layout.rootWidth);
    this.emit('view');
  }

  private viewChanged(): void {
    this.emit('view');
    this.requestDraw();
  }

  private emit(event: RendererEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
