import type { FrameIndex, FrameTree } from '@flamelens/core';
import { ITEMS_PER_CLOCK_CHECK, type SlicedJob } from './sliced-job.ts';
import { existingWidthColumn, fillDerivedWidth, hasNegative, type DerivedWidth, type WidthMode } from './width-column.ts';

/**
 * The flame graph's layout as data, computed once per tree (and width mode). Bars are grouped in rows by
 * depth; inside a row they are in pre-order, which is also left-to-right order. A bar's x is its value
 * offset from the root's left edge, so zooming and panning is a linear map of these numbers and never a
 * re-layout.
 *
 *   depth 0  |all...............................|      rowStart = [0, 1, 3, 5]
 *   depth 1  |main..................|gc....|           rowFrames = [0 | 1 4 | 2 3]   (frame indices)
 *   depth 2  |parse....|render..|                      rowX      = [0 | 0 7 | 0 3]   (value offsets)
 *
 * Memory: 4 bytes (rowFrames) + 8 (rowX) + 8 (rowWidth) per frame, plus 8 more when the width column
 * is derived (diff `combined` widths, trees with negative values): 20–28 bytes per frame.
 */
export interface FlameLayout {
  readonly tree: FrameTree;
  /** Width of every frame in value units (≥ 0), indexed by FrameIndex. Often `tree.total` itself. */
  readonly width: Float64Array;
  /** Row d is `rowFrames[rowStart[d], rowStart[d + 1])`; length = depth count + 1. */
  readonly rowStart: Uint32Array;
  /** Frames by depth, each row in pre-order (= left to right). */
  readonly rowFrames: Uint32Array;
  /** Value offset of `rowFrames[k]` from the root's left edge (ascending within a row). */
  readonly rowX: Float64Array;
  /**
   * Width of `rowFrames[k]`, in row order: the draw loop reads widths of neighbouring bars, and
   * `width[rowFrames[k]]` would be a cache miss per bar at millions of frames.
   */
  readonly rowWidth: Float64Array;
  /** Width of the root: the whole x range in value units. */
  readonly rootWidth: number;
  /** Number of rows (max depth + 1). */
  readonly depthCount: number;
  /** Bytes this layout allocated on top of the tree. */
  readonly bytes: number;
}

type Phase = 'scan' | 'derive' | 'count' | 'place' | 'done';

/**
 * Builds a FlameLayout in slices (see SlicedJob): scan for negative values → derive the width column if
 * needed → count frames per depth → place every frame in its row with its offset. Each phase is one
 * linear pass over the columns; nothing recurses.
 */
export class LayoutJob implements SlicedJob {
  private phase: Phase = 'scan';
  private cursor = 0;
  private derived: DerivedWidth | null = null;
  private width: Float64Array;
  private readonly rowStart: Uint32Array;
  private rowFill: Uint32Array | null = null;
  private rowFrames: Uint32Array | null = null;
  private rowX: Float64Array | null = null;
  private rowWidth: Float64Array | null = null;
  /** Per depth: where the next bar of that row starts (offset of the last placed parent, then siblings). */
  private readonly nextX: Float64Array;
  private result: FlameLayout | null = null;

  constructor(
    readonly tree: FrameTree,
    mode: WidthMode,
  ) {
    const existing = existingWidthColumn(tree, mode);
    this.width = existing ?? new Float64Array(tree.length);
    if (!existing) {
      this.derived = 'combined';
      this.phase = 'derive';
    } else if (existing !== tree.total) this.phase = 'count';
    this.rowStart = new Uint32Array(tree.maxDepth + 2);
    this.nextX = new Float64Array(tree.maxDepth + 2);
  }

  /** The finished layout, or null while the job runs. */
  get layout(): FlameLayout | null {
    return this.result;
  }

  step(deadline: number): boolean {
    const n = this.tree.length;
    while (this.phase !== 'done') {
      const to = Math.min(n, this.cursor + ITEMS_PER_CLOCK_CHECK);
      if (!this.runPhase(this.cursor, to)) {
        this.cursor = to;
        if (to >= n) this.nextPhase();
      }
      if ((this.phase as Phase) !== 'done' && performance.now() >= deadline) return false;
    }
    return true;
  }

  /** Runs the current phase on frames [from, to); true when the phase replaced itself (restart at 0). */
  private runPhase(from: number, to: number): boolean {
    const tree = this.tree;
    switch (this.phase) {
      case 'scan':
        if (!hasNegative(tree.self, from, to)) return false;
        this.derived = 'magnitude';
        this.width = new Float64Array(tree.length);
        this.phase = 'derive';
        this.cursor = 0;
        return true;
      case 'derive':
        fillDerivedWidth(tree, this.derived!, this.width, from, to);
        return false;
      case 'count': {
        const depth = tree.depth;
        const counts = this.rowStart;
        for (let i = from; i < to; i++) counts[depth[i]! + 1]!++;
        return false;
      }
      case 'place':
        this.place(from, to);
        return false;
      default:
        return false;
    }
  }

  private nextPhase(): void {
    this.cursor = 0;
    if (this.phase === 'scan' || this.phase === 'derive') this.phase = 'count';
    else if (this.phase === 'count') this.startPlacing();
    else if (this.phase === 'place') this.finish();
  }

  private startPlacing(): void {
    const counts = this.rowStart;
    for (let d = 1; d < counts.length; d++) counts[d] = counts[d]! + counts[d - 1]!;
    this.rowFill = counts.slice(0, counts.length - 1);
    // every position is written by place(): kept arrays need no clearing
    const n = this.tree.length;
    const kept = takeKeptRows(n);
    this.rowFrames = kept ? kept.rowFrames.subarray(0, n) : new Uint32Array(n);
    this.rowX = kept ? kept.rowX.subarray(0, n) : new Float64Array(n);
    this.rowWidth = kept ? kept.rowWidth.subarray(0, n) : new Float64Array(n);
    this.phase = 'place';
  }

  /**
   * Pre-order placement: a frame starts where the next bar of its row starts; its first child will start
   * at the frame's own offset, its next sibling right after it (children are contiguous at the left of
   * their parent; the parent's self value is the gap at the right).
   */
  private place(from: number, to: number): void {
    const { depth } = this.tree;
    const width = this.width;
    const fill = this.rowFill!;
    const frames = this.rowFrames!;
    const xs = this.rowX!;
    const ws = this.rowWidth!;
    const nextX = this.nextX;
    for (let i = from; i < to; i++) {
      const d = depth[i]!;
      const x = nextX[d]!;
      const w = width[i]!;
      const k = fill[d]!;
      fill[d] = k + 1;
      frames[k] = i;
      xs[k] = x;
      ws[k] = w;
      nextX[d] = x + w;
      nextX[d + 1] = x;
    }
  }

  private finish(): void {
    const tree = this.tree;
    this.phase = 'done';
    const derivedBytes = this.derived ? this.width.byteLength : 0;
    const bytes = this.rowFrames!.byteLength + this.rowX!.byteLength + this.rowWidth!.byteLength + this.rowStart.byteLength + derivedBytes;
    this.result = {
      tree,
      width: this.width,
      rowStart: this.rowStart,
      rowFrames: this.rowFrames!,
      rowX: this.rowX!,
      rowWidth: this.rowWidth!,
      rootWidth: tree.length > 0 ? this.width[0]! : 0,
      depthCount: this.rowStart.length - 1,
      bytes,
    };
    this.rowFill = null;
  }
}

/** The row arrays of a layout nobody reads any more, kept for the next layout (see keepLayoutRows). */
interface KeptRows {
  readonly rowFrames: Uint32Array;
  readonly rowX: Float64Array;
  readonly rowWidth: Float64Array;
}

/**
 * On the benchmark machine fresh memory costs 3–11 ms per MB to touch, and the next layouts are often of
 * a tree of about the size of one just dropped: a sandwich reopened (its preview's rows, dropped when its
 * exact halves came, and its halves'), a preview replaced by a view's next preview. Kept: the last few
 * sets, up to 2 million frames (40 MB) in all; sets of small trees are not worth it.
 */
const MAX_KEPT_FRAMES = 2_000_000;
const MIN_KEPT_FRAMES = 1024;
const keptRows: KeptRows[] = [];

/**
 * Keeps the row arrays of `layout` for the next LayoutJob of a tree of about its size. Only for a layout
 * that nothing reads any more (replaced, or its renderer released): the next layout overwrites them.
 */
export function keepLayoutRows(layout: FlameLayout): void {
  const frames = layout.rowFrames.buffer.byteLength / Uint32Array.BYTES_PER_ELEMENT;
  if (frames < MIN_KEPT_FRAMES || frames > MAX_KEPT_FRAMES || keptRows.some((k) => k.rowFrames.buffer === layout.rowFrames.buffer)) return;
  // whole buffers: a layout made on kept arrays uses the start of them
  keptRows.push({ rowFrames: new Uint32Array(layout.rowFrames.buffer), rowX: new Float64Array(layout.rowX.buffer), rowWidth: new Float64Array(layout.rowWidth.buffer) });
  let kept = 0;
  for (const k of keptRows) kept += k.rowFrames.length;
  while (kept > MAX_KEPT_FRAMES) kept -= keptRows.shift()!.rowFrames.length;
}

/** The last kept row arrays with room for `n` frames and not more than four times that, or null. */
function takeKeptRows(n: number): KeptRows | null {
  for (let i = keptRows.length - 1; i >= 0; i--) {
    const room = keptRows[i]!.rowFrames.length;
    if (room >= n && room <= 4 * n) return keptRows.splice(i, 1)[0]!;
  }
  return null;
}

/**
 * First position k in row `depth` whose bar ends after `valueX`, or the row's end. Bars in a row do not
 * overlap, so their right edges ascend too: bisection, O(log n).
 */
export function firstBarEndingAfter(layout: FlameLayout, depth: number, valueX: number): number {
  const { rowStart, rowX, rowWidth } = layout;
  let lo = rowStart[depth]!;
  let hi = rowStart[depth + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rowX[mid]! + rowWidth[mid]! <= valueX) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * First position ≥ `from` in row `depth` whose bar starts at or after `valueX`. Galloping search: probes
 * from+1, +2, +4, … then bisects the last gap, so a skip of s bars costs O(log s) reads close to `from`
 * (cache hits) instead of a bisection over the whole row (a cache miss per step at millions of frames).
 */
export function firstBarStartingFrom(layout: FlameLayout, depth: number, from: number, valueX: number): number {
  const { rowX } = layout;
  const end = layout.rowStart[depth + 1]!;
  let lo = from;
  let step = 1;
  while (lo + step < end && rowX[lo + step]! < valueX) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(end, lo + step);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rowX[mid]! < valueX) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The frame whose bar covers `valueX` in row `depth`, or -1 (a gap, or outside the tree). */
export function frameAtValue(layout: FlameLayout, depth: number, valueX: number): FrameIndex {
  if (depth < 0 || depth >= layout.depthCount || !(valueX >= 0)) return -1;
  const k = firstBarEndingAfter(layout, depth, valueX);
  if (k >= layout.rowStart[depth + 1]! || layout.rowX[k]! > valueX) return -1;
  return layout.rowFrames[k]!;
}

/** Position of `frame` in its row (rows are sorted by frame index: bisection), for its offset. */
export function rowPositionOf(layout: FlameLayout, frame: FrameIndex): number {
  const d = layout.tree.depth[frame]!;
  const { rowStart, rowFrames } = layout;
  let lo = rowStart[d]!;
  let hi = rowStart[d + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rowFrames[mid]! < frame) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Value offset of `frame`'s left edge. */
export function offsetOf(layout: FlameLayout, frame: FrameIndex): number {
  return layout.rowX[rowPositionOf(layout, frame)]!;
}
