import { isDiffTree, type FrameTree } from '@flamelens/core';

/**
 * Which value a bar's width follows.
 * - `total`: the frame's total (plain trees).
 * - `combined` (diff trees, the default): each side normalized to its whole and added,
 *   `total/ΣA + totalB/ΣB`, so a comparison with 10× more samples does not dictate the shape and frames
 *   present on one side only keep a width.
 * - `comparison` / `baseline`: one side's totals only (frames missing on that side get no width).
 */
export type WidthMode = 'total' | 'combined' | 'comparison' | 'baseline';

/** The width mode a tree gets when none is asked for. */
export function defaultWidthMode(tree: FrameTree): WidthMode {
  return isDiffTree(tree) ? 'combined' : 'total';
}

/**
 * Decides the width column without touching the frames when the answer is an existing column. Returns
 * the column, or `null` when it must be derived (`deriveWidthColumn`), which is the case for diff
 * `combined` widths and for trees with negative values (delta profiles).
 */
export function existingWidthColumn(tree: FrameTree, mode: WidthMode): Float64Array | null {
  if (isDiffTree(tree)) {
    if (mode === 'comparison') return tree.totalB;
    if (mode === 'baseline' || mode === 'total') return tree.total;
    return null;
  }
  return tree.total;
}

/**
 * A derived width column, filled in slices by the layout job:
 *
 * - diff `combined`: `total/ΣA + totalB/ΣB` per frame (a side whose whole is 0 contributes 0);
 * - `magnitude`: Σ|self| over the subtree. Used when a tree has negative values (delta profiles): then a
 *   parent's total can be smaller than its children's, and bars would overflow their parent. With
 *   magnitudes every child fits inside its parent and the widths stay additive; the tooltip still shows
 *   the signed values.
 */
export type DerivedWidth = 'combined' | 'magnitude';

/** Fills `out[from, to)` for `kind` (combined is per frame; magnitude needs `finishMagnitude` after). */
export function fillDerivedWidth(tree: FrameTree, kind: DerivedWidth, out: Float64Array, from: number, to: number): void {
  if (kind === 'combined' && isDiffTree(tree)) {
    const invA = tree.baselineTotal > 0 ? 1 / tree.baselineTotal : 0;
    const invB = tree.comparisonTotal > 0 ? 1 / tree.comparisonTotal : 0;
    const a = tree.total;
    const b = tree.totalB;
    for (let i = from; i < to; i++) out[i] = Math.max(0, a[i]!) * invA + Math.max(0, b[i]!) * invB;
    return;
  }
  // Magnitude: children come after their parent in pre-order, so a reverse pass adds each finished
  // subtree into its parent. `from`/`to` count from the end (the job walks backwards).
  const self = tree.self;
  const parent = tree.parent;
  for (let n = tree.length - 1 - from; n > tree.length - 1 - to; n--) {
    const value = out[n]! + Math.abs(self[n]!);
    out[n] = value;
    const p = parent[n]!;
    if (p >= 0) out[p] = out[p]! + value;
  }
}

/** True when some self value is negative in `self[from, to)`. */
export function hasNegative(self: Float64Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (self[i]! < 0) return true;
  return false;
}
