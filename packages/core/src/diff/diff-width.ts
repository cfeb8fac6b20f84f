import type { DiffTree } from './diff-tree.ts';

/** What a diff bar's width shows. */
export type DiffWidth =
  /**
   * The default: the mean of the two shares, `(total/ΣA + totalB/ΣB) / 2`, so each profile counts by its
   * share, not by its sample count; a side with ten times the samples does not dictate the shape. A frame
   * on one side only still gets half its share there, so new and removed frames stay visible.
   */
  | 'combined'
  /** The comparison's values (removed frames get no width; the baseline's values show in the tooltip). */
  | 'comparison'
  /** The baseline's values (new frames get no width). */
  | 'baseline';

/**
 * The value each frame is laid out by, for `width` (inclusive, like `total`). Every choice is a
 * non-negative linear combination of the two sides' totals, so a frame is never narrower than its
 * children together and the usual layout (x from value offsets) works unchanged. 'combined' is a fraction
 * of the whole (1 at the root), the others are in the tree's unit. A side whose whole is 0 contributes
 * nothing and the other side fills the width.
 *
 * One pass, one allocation: compute it once per tree or width setting, not per draw.
 */
export function diffLayoutValues(tree: DiffTree, width: DiffWidth = 'combined'): Float64Array {
  if (width === 'baseline') return tree.total;
  if (width === 'comparison') return tree.totalB;
  const out = new Float64Array(tree.length);
  // Each side weighs half; a side with nothing in it leaves the whole width to the other.
  const half = tree.baselineTotal === 0 || tree.comparisonTotal === 0 ? 1 : 0.5;
  const wA = tree.baselineTotal === 0 ? 0 : half / tree.baselineTotal;
  const wB = tree.comparisonTotal === 0 ? 0 : half / tree.comparisonTotal;
  for (let i = 0; i < tree.length; i++) out[i] = tree.total[i]! * wA + tree.totalB[i]! * wB;
  return out;
}
