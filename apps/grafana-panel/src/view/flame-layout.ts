import { isDiffTree, type FrameIndex, type FrameTree } from '@flamelens/core';
import type { DiffWidth } from '../options.ts';

/**
 * Horizontal layout of a tree as data: each frame's left edge (`start`) and `width` in one value space,
 * computed once per tree and width mode; zoom is a linear map of this space, never a re-layout.
 *
 *   all   [0 ───────────────── 10)
 *   main  [0 ───────────────── 10)
 *   parse [0 ──── 4) render [4 ─ 9)      children left to right in tree order, from the parent's start
 */
export interface FlameLayout {
  readonly start: Float64Array;
  readonly width: Float64Array;
}

/**
 * Single profiles: width = total. Diffs: `combined` = the frame's share of the baseline plus its share of
 * the comparison (each side normalized to its whole, so a profile with 10× the samples does not dictate the
 * shape); `baseline` / `comparison` = that side's total.
 */
export function layOut(tree: FrameTree, diffWidth: DiffWidth = 'combined'): FlameLayout {
  const n = tree.length;
  const width = new Float64Array(n);
  if (isDiffTree(tree) && diffWidth !== 'baseline') {
    const a = diffWidth === 'combined' && tree.baselineTotal !== 0 ? 1 / tree.baselineTotal : 0;
    const b = tree.comparisonTotal !== 0 ? 1 / tree.comparisonTotal : 0;
    for (let i = 0; i < n; i++) width[i] = Math.abs(tree.total[i]! * a) + Math.abs(tree.totalB[i]! * b);
  } else {
    for (let i = 0; i < n; i++) width[i] = Math.abs(tree.total[i]!);
  }
  // pre-order: a parent comes before its children, so its start is final when they are placed
  const start = new Float64Array(n);
  const cursor = new Float64Array(n); // next free offset inside each frame
  for (let i = 1; i < n; i++) {
    const p = tree.parent[i]!;
    start[i] = start[p]! + cursor[p]!;
    cursor[p] = cursor[p]! + width[i]!;
  }
  return { start, width };
}

/** The frame under a point: `depth` from the row, `value` a position in layout space; -1 for none. */
export function frameAt(tree: FrameTree, layout: FlameLayout, focus: FrameIndex, depth: number, value: number): FrameIndex {
  if (depth < 0 || depth > tree.maxDepth) return -1;
  if (depth <= tree.depth[focus]!) {
    // an ancestor of the focus (or the focus itself): drawn across the full width
    let f = focus;
    while (tree.depth[f]! > depth) f = tree.parent[f]!;
    return f;
  }
  let node = focus;
  while (tree.depth[node]! < depth) {
    let next = -1;
    for (let c = node + 1; c < tree.subtreeEnd[node]!; c = tree.subtreeEnd[c]!) {
      const s = layout.start[c]!;
      if (value >= s && value < s + layout.width[c]!) {
        next = c;
        break;
      }
    }
    if (next < 0) return -1;
    node = next;
  }
  return node;
}
