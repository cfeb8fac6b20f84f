import { displayName, type FrameIndex } from '@flamelens/core';
import type { BarColours } from '../colour/bar-colours.ts';
import type { DiffReader } from '../colour/diff-colour.ts';
import type { ThemeColours } from '../colour/palette.ts';
import { firstBarEndingAfter, firstBarStartingFrom, offsetOf, type FlameLayout } from '../layout/flame-layout.ts';
import { TextFitter } from '../text/text-fitter.ts';
import { LabelQueue, RectBatches } from './buffers.ts';
import { rowTop, visibleDepths, type Geometry } from './geometry.ts';
import { hatchPattern } from './hatch.ts';

/** What one paint needs besides the canvas. */
export interface PaintInput {
  readonly layout: FlameLayout;
  readonly colours: BarColours;
  readonly geometry: Geometry;
  readonly dpr: number;
  readonly theme: ThemeColours;
  /** One byte per name id, 1 = matches the search; null when not searching (nothing dimmed). */
  readonly nameMatches: Uint8Array | null;
  /** Where the search matches inside a name, to keep it visible in trimmed labels. */
  readonly matchRange: ((name: string) => readonly [number, number] | null) | null;
  /** Set for diff trees: frames on one side only get hatched. */
  readonly diff: DiffReader | null;
  readonly selected: FrameIndex;
  readonly hovered: FrameIndex;
  /** CSS font size and family of labels. */
  readonly fontSize: number;
  readonly fontFamily: string;
}

/** Counts of one paint (bench and tests). */
export interface PaintStats {
  bars: number;
  mergedRuns: number;
  labels: number;
}

/** Bars narrower than this many device pixels are "tiny": merged into runs, never drawn alone. */
const MIN_BAR_DEVICE_PX = 1;
/** Bars at least this wide (device px) get a 1-px gap on the right so neighbours stay apart. */
const GAP_FROM_DEVICE_PX = 3;
/** Label padding inside a bar, CSS px. */
const LABEL_PADDING = 4;
/** Bars with less label room than this (CSS px) get no label: two characters would not fit. */
const MIN_LABEL_ROOM = 14;

/**
 * Paints a FlameLayout: per visible row, one bisection finds the first visible bar; wide bars are queued
 * by colour; runs of tiny bars are skipped a device pixel at a time (bisection again) and queued as one
 * merged bar. Then one fill per colour, hatching for diff-only frames, labels, and the outlines.
 */
export class FlamePainter {
  private readonly rects = new RectBatches();
  /** Index 0: new frames (comparison only), 1: removed frames (baseline only). */
  private readonly sided = new RectBatches();
  private readonly labels = new LabelQueue();
  private fitter: TextFitter | null = null;
  private fitterKey = '';
  private cacheRoom = new Float32Array(0);
  private cacheText: string[] = [];
  private cacheKey = '';
  private cacheSearch: unknown = null;
  private cacheNames: unknown = null;
  readonly stats: PaintStats = { bars: 0, mergedRuns: 0, labels: 0 };

  paint(ctx: CanvasRenderingContext2D, input: PaintInput): PaintStats {
    const { geometry: g, dpr, theme } = input;
    const deviceWidth = Math.round(g.cssWidth * dpr);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = theme.background;
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    // Hover and selection only change the outlines: the queued bars and labels of the last paint are
    // still right, so the rows are not walked again.
    if (!this.sameScene(input)) {
      this.rects.clear();
      this.sided.clear();
      this.labels.length = 0;
      this.stats.bars = 0;
      this.stats.mergedRuns = 0;
      if (input.layout.rootWidth > 0 && g.end > g.start) {
        const [first, last] = visibleDepths(g, input.layout);
        for (let d = first; d <= last; d++) this.queueRow(input, d, deviceWidth);
      }
    }
    const barHeight = Math.max(1, Math.round(g.rowHeight * dpr) - Math.max(1, Math.round(dpr)));
    const { colours } = input;
    for (let c = 0; c < colours.fills.length; c++) {
      if ((this.rects.counts[c] ?? 0) === 0) continue;
      ctx.fillStyle = colours.fills[c]!;
      this.rects.fill(ctx, c, barHeight);
    }
    if (input.diff) {
      ctx.fillStyle = hatchPattern(ctx, theme.hatch, dpr, 'new');
      this.sided.fill(ctx, 0, barHeight);
      ctx.fillStyle = hatchPattern(ctx, theme.hatch, dpr, 'removed');
      this.sided.fill(ctx, 1, barHeight);
    }
    this.drawLabels(ctx, input);
    this.outline(ctx, input, input.hovered, theme.hover, 1);
    this.outline(ctx, input, input.selected, theme.selection, 2);
    return this.stats;
  }

  private last: PaintInput | null = null;
  private lastGeometry: Geometry | null = null;

  /** True when `input` draws the same bars as the last paint (only hover/selection may differ). */
  private sameScene(input: PaintInput): boolean {
    const a = this.last;
    const g = input.geometry;
    const h = this.lastGeometry;
    this.last = input;
    this.lastGeometry = g;
    if (!a || !h) return false;
    return (
      a.layout === input.layout && a.colours === input.colours && a.nameMatches === input.nameMatches && a.diff === input.diff &&
      a.dpr === input.dpr && a.fontSize === input.fontSize && a.fontFamily === input.fontFamily && a.theme === input.theme &&
      h.view === g.view && h.start === g.start && h.end === g.end && h.cssWidth === g.cssWidth && h.cssHeight === g.cssHeight &&
      h.rowHeight === g.rowHeight && h.scrollY === g.scrollY
    );
  }

  /** Bytes held between paints: the label cache (per name) and the queues (per visible bar). */
  get bytes(): number {
    return this.cacheRoom.byteLength + 8 * this.cacheText.length + this.rects.bytes + this.sided.bytes + this.labels.frames.length * 18;
  }

  /** Forgets the last scene (the next paint walks the rows again). */
  invalidate(): void {
    this.last = null;
  }

  /** Queues the visible bars of row `depth`. The hot loop: no allocation, integer colour indices. */
  private queueRow(input: PaintInput, depth: number, deviceWidth: number): void {
    const { layout, colours, geometry: g, dpr, nameMatches, diff } = input;
    const { rowX, rowFrames, rowWidth } = layout;
    const nameId = layout.tree.nameId;
    const rowEnd = layout.rowStart[depth + 1]!;
    const scale = deviceWidth / (g.end - g.start);
    const start = g.start;
    const y = Math.round(rowTop(g, depth) * dpr);
    const labelRoomMin = MIN_LABEL_ROOM * dpr;
    const padding = LABEL_PADDING * dpr;
    const dim = colours.dimOffset;
    const diffRuns = colours.mode === 'diff';
    // Runs of tiny bars are followed one CSS pixel at a time: finer steps would only add visits.
    const mergeStep = Math.max(1, Math.round(dpr));
    let runStart = -1;
    let runEnd = -1;
    let runColour = 0;
    let runStrength = -1;
    let runMatched = false;
    let k = firstBarEndingAfter(layout, depth, start);
    while (k < rowEnd) {
      const x = rowX[k]!;
      const px0 = (x - start) * scale;
      if (px0 >= deviceWidth) break;
      const frame = rowFrames[k]!;
      const px1 = px0 + rowWidth[k]! * scale;
      if (px1 - px0 >= MIN_BAR_DEVICE_PX) {
        const matched = nameMatches === null || nameMatches[nameId[frame]!] === 1;
        if (runStart >= 0) this.flushRun(input, runStart, runEnd, y, runColour, runMatched);
        runStart = -1;
        const colour = colours.of(frame);
        const left = Math.round(Math.max(px0, -1));
        const right = Math.round(Math.min(px1, deviceWidth + 1));
        const w = right - left >= GAP_FROM_DEVICE_PX ? right - left - 1 : Math.max(1, right - left);
        this.rects.add(matched ? colour : colour + dim, left, y, w);
        this.stats.bars++;
        if (diff) {
          const side = diff.status(frame);
          if (side !== 0) this.sided.add(side - 1, left, y, w);
        }
        const labelLeft = Math.max(px0, 0) + padding;
        const room = Math.min(px1, deviceWidth) - padding - labelLeft;
        if (room >= labelRoomMin) this.labels.push(frame, labelLeft, y, room, matched ? colour : colour + dim);
        k++;
        continue;
      }
      // A tiny bar: extend (or start) the merged run, then jump to the next device pixel.
      if (runStart >= 0 && px0 - runEnd >= MIN_BAR_DEVICE_PX) {
        this.flushRun(input, runStart, runEnd, y, runColour, runMatched);
        runStart = -1;
      }
      // Package mode draws runs in the merged colour: no need to look up a tiny bar's own colour.
      const colour = diffRuns ? colours.of(frame) : 0;
      const strength = diffRuns ? colours.strength(colour) : 0;
      // Whether the run holds a match: a name lookup (a cache miss at millions of frames) only until one is found.
      if (runStart < 0) {
        runStart = px0;
        runEnd = px1;
        runColour = colour;
        runStrength = strength;
        runMatched = nameMatches === null || nameMatches[nameId[frame]!] === 1;
      } else {
        if (px1 > runEnd) runEnd = px1;
        if (strength > runStrength) {
          runColour = colour;
          runStrength = strength;
        }
        if (!runMatched) runMatched = nameMatches !== null && nameMatches[nameId[frame]!] === 1;
      }
      const nextPixel = start + (Math.floor(px0 / mergeStep) + 1) * (mergeStep / scale);
      let next = k + 1;
      if (next < rowEnd && rowX[next]! < nextPixel) {
        next = firstBarStartingFrom(layout, depth, next, nextPixel);
        // Only the last skipped bar can reach past the pixel boundary: visit it if it is wide.
        const lastSkipped = next - 1;
        const lastEnd = (rowX[lastSkipped]! + rowWidth[lastSkipped]! - start) * scale;
        if (lastEnd - (rowX[lastSkipped]! - start) * scale >= MIN_BAR_DEVICE_PX) next = lastSkipped;
        else if (lastEnd > runEnd) runEnd = lastEnd;
        if (next === k) next = k + 1;
      }
      k = next;
    }
    if (runStart >= 0) this.flushRun(input, runStart, runEnd, y, runColour, runMatched);
  }

  /** Queues a merged run if it covers at least a device pixel (its colour: merged grey, or the strongest diff). */
  private flushRun(input: PaintInput, from: number, to: number, y: number, colour: number, matched: boolean): void {
    if (to - from < MIN_BAR_DEVICE_PX) return;
    const { colours } = input;
    const base = colours.mode === 'diff' ? colour : colours.merged;
    const left = Math.round(from);
    this.rects.add(matched ? base : base + colours.dimOffset, left, y, Math.max(1, Math.round(to) - left));
    this.stats.mergedRuns++;
  }

  private drawLabels(ctx: CanvasRenderingContext2D, input: PaintInput): void {
    const q = this.labels;
    this.stats.labels = 0;
    if (q.length === 0) return;
    const { layout, dpr, geometry: g } = input;
    const font = `${Math.round(input.fontSize * dpr * 10) / 10}px ${input.fontFamily}`;
    ctx.font = font;
    if (!this.fitter || this.fitterKey !== font) {
      this.fitter = new TextFitter((text) => ctx.measureText(text).width);
      this.fitterKey = font;
    }
    this.resetLabelCache(layout, font, input.matchRange);
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    const half = (Math.round(g.rowHeight * dpr) - Math.max(1, Math.round(dpr))) / 2;
    const names = layout.tree.names;
    const nameId = layout.tree.nameId;
    let style = -1;
    for (let i = 0; i < q.length; i++) {
      const id = nameId[q.frames[i]!]!;
      const room = Math.floor(q.room[i]!);
      let text = this.cacheText[id];
      if (this.cacheRoom[id] !== room || text === undefined) {
        const name = names.get(id);
        text = this.fitter.label(displayName(name), room, input.matchRange ? input.matchRange(name) : null);
        this.cacheText[id] = text;
        this.cacheRoom[id] = room;
      }
      if (text === '') continue;
      if (q.colour[i] !== style) {
        style = q.colour[i]!;
        ctx.fillStyle = input.colours.labels[style]!;
      }
      ctx.fillText(text, q.x[i]!, q.y[i]! + half);
      this.stats.labels++;
    }
  }

  /** Fitted labels are cached per name and room; a new tree, font or search empties the cache. */
  private resetLabelCache(layout: FlameLayout, font: string, search: unknown): void {
    const key = font;
    if (this.cacheNames === layout.tree.names && this.cacheKey === key && this.cacheSearch === search) return;
    this.cacheNames = layout.tree.names;
    this.cacheRoom = new Float32Array(layout.tree.names.length).fill(-1);
    this.cacheText = new Array<string>(layout.tree.names.length);
    this.cacheKey = key;
    this.cacheSearch = search;
  }

  private outline(ctx: CanvasRenderingContext2D, input: PaintInput, frame: FrameIndex, colour: string, cssLine: number): void {
    const { layout, geometry: g, dpr } = input;
    if (frame < 0 || frame >= layout.tree.length || g.end <= g.start) return;
    const deviceWidth = Math.round(g.cssWidth * dpr);
    const scale = deviceWidth / (g.end - g.start);
    const px0 = (offsetOf(layout, frame) - g.start) * scale;
    const px1 = px0 + layout.width[frame]! * scale;
    if (px1 < 0 || px0 > deviceWidth) return;
    const line = cssLine * dpr;
    const top = Math.round(rowTop(g, layout.tree.depth[frame]!) * dpr);
    const height = Math.round(g.rowHeight * dpr) - Math.max(1, Math.round(dpr));
    const left = Math.max(px0, -line) + line / 2;
    const right = Math.min(px1, deviceWidth + line) - line / 2;
    ctx.strokeStyle = colour;
    ctx.lineWidth = line;
    ctx.strokeRect(left, top + line / 2, Math.max(right - left, 1), height - line);
  }
}
