import { isDiffTree, type DiffTree } from '../diff/diff-tree.ts';
import type { FrameTree } from '../model/frame-tree.ts';
import { callersTree } from './invert.ts';
import { rewriteTree } from './rewrite.ts';
import type { PruneRequest } from './tree-writer.ts';
import { outermostFrames } from './rewrite-frames.ts';

/**
 * One function seen from both sides, as two trees the renderer draws around it:
 *
 *   callers  all → f → callers of f → their callers …   (inverted: read upwards from f)
 *   callees  all → f → callees of f → …                  (every occurrence of f merged, rooted at f)
 *
 * Both take each stack through f once, at its outermost f, so recursion is not counted twice: f's total
 * is the same in both trees and equals its total in the function table. Nested calls of f stay visible
 * in the callees tree (f → g → f). Both trees use the input's names table (the same name ids).
 */
export interface Sandwich {
  /** The function's name id in the input tree (and in both trees), or -1 when the tree has no such function. */
  readonly nameId: number;
  readonly callers: FrameTree;
  readonly callees: FrameTree;
}

/** The sandwich of the function named `name` (an empty pair of trees when there is no such function). */
export function sandwich(tree: FrameTree, name: string, prune: PruneRequest | null = null): Sandwich {
  const [nameId = -1] = tree.names.indexesOf(name, 1, 1);
  return sandwichOf(tree, nameId, prune);
}

/** The sandwich of name id `nameId` of `tree`; with `prune`, both halves are previews (see PruneRequest). */
export function sandwichOf(tree: FrameTree, nameId: number, prune: PruneRequest | null = null): Sandwich {
  const mask = new Uint8Array(tree.names.length);
  if (nameId > 0) mask[nameId] = 1;
  const roots = outermostFrames(tree, mask);
  return {
    nameId,
    callers: withWholesOf(tree, callersTree(tree, roots, undefined, prune)),
    callees: withWholesOf(tree, rewriteTree(tree, { op: 'focus', mask, roots }, undefined, prune)),
  };
}

/**
 * A half of a diff's sandwich keeps the diff's wholes (each side's whole profile), not its root's totals
 * (the function's): its colours and shares are then shares of the whole profile, as in the graph and the
 * table. Measured against the function's own totals, every caller of a function that grew would turn
 * blue as soon as a new caller took some of its time.
 */
function withWholesOf(tree: FrameTree, half: FrameTree): FrameTree {
  if (!isDiffTree(tree) || !isDiffTree(half)) return half;
  const kept: DiffTree = { ...half, baselineTotal: tree.baselineTotal, comparisonTotal: tree.comparisonTotal };
  return kept;
}
