import type { FrameTree } from '../model/frame-tree.ts';
import { GONE, KEPT, MERGED, type ChildLinks } from './rewrite-frames.ts';
import { selfColumnsOf } from './tree-writer.ts';
import { newArray, recycle } from './buffer-pool.ts';

/** A bit of a frame's state during the backward pass: a stack still ends at or below it. */
const ALIVE = 4;

/**
 * Children lists for merging recursion, directly or through other frames: a frame whose function is
 * already on its (rewritten) path vanishes into that earlier frame, and its callees move there. Only
 * functions in `mask` are merged (all when null).
 *
 *   main;f;g;f;h 1          main;f;h 1         the inner f joins the outer one; g keeps the stacks that
 *   main;f;g 2       →      main;f;g 2         end in it
 *
 * Frames are visited in pre-order; `link[i]` is the frame whose list holds i: the earlier occurrence for a
 * merged frame, else the frame its (rewritten) parent maps onto. A second, backward pass threads the
 * lists, so every list stays in input order (names ascending for frames of one parent).
 */
export function recursionLinks(tree: FrameTree, mask: Uint8Array | null, withTotals = false): ChildLinks & { readonly mergedFrames: number } {
  const n = tree.length;
  const { parent, nameId, depth } = tree;
  const link = newArray(Int32Array, n, false);
  const merged = newArray(Uint8Array, n, false);
  // A frame can only merge when an input ancestor has its name: `onPath` counts the frames of each name
  // on the input path (an explicit stack of open frames), so the walk up the rewritten path below runs
  // only for those few frames, not for every frame.
  const onPath = newArray(Uint32Array, tree.names.length);
  const open = newArray(Int32Array, tree.maxDepth + 2);
  const { subtreeEnd } = tree;
  let top = 0;
  let mergedFrames = 0;
  link[0] = -1;
  merged[0] = 0;
  for (let i = 1; i < n; i++) {
    // the open frames are the path to i: its ancestors below the root, one per depth 1 … depth − 1
    const d = depth[i]!;
    while (top >= d) onPath[nameId[open[--top]!]!]!--;
    const p = parent[i]!;
    const at = merged[p] ? link[p]! : p; // the kept frame the parent maps onto
    const name = nameId[i]!;
    let target = -1;
    if (onPath[name]! > 0 && (mask === null || mask[name])) {
      // walk the rewritten path: kept frames link to their rewritten parent
      for (let a = at; a > 0; a = link[a]!) {
        if (nameId[a] === name) {
          target = a;
          break;
        }
      }
    }
    if (target >= 0) {
      merged[i] = 1;
      link[i] = target;
      mergedFrames++;
    } else {
      merged[i] = 0;
      link[i] = at;
    }
    onPath[name]!++;
    open[top++] = i;
  }
  recycle(onPath, open);
  // Backward: thread the lists, and keep a frame only when a stack still ends at or below it (stacks
  // that went through it may all have been moved up by a merge; a stack ends at a leaf or a self value).
  // In the same pass: which frames have a frame below them that the merge changes (the rewrite copies the
  // others whole), and with `withTotals`, what the merge gathers under each frame (its self and what its
  // list holds, for a pruned rewrite: a frame's holder comes before it, so each finished frame is added
  // into its holder).
  const columns = selfColumnsOf(tree);
  const C = columns.length;
  // 0 → gone, 1 → kept, 2 → merged. The array is `merged`'s (1: merged), read before it is written; a
  // frame below that stays sets the ALIVE bit of its holder (visited later, going backwards).
  const state = merged;
  const changedBelow = newArray(Uint8Array, n);
  const firstChild = newArray(Int32Array, n, false).fill(-1);
  const nextSibling = newArray(Int32Array, n, false);
  const totals = withTotals ? columns.map(() => newArray(Float64Array, n)) : null;
  for (let i = n - 1; i > 0; i--) {
    const holder = link[i]!;
    nextSibling[i] = firstChild[holder]!;
    firstChild[holder] = i;
    const was = state[i]!;
    let alive = (was & ALIVE) !== 0 || subtreeEnd[i] === i + 1;
    for (let t = 0; t < C && !alive; t++) alive = columns[t]![i] !== 0;
    if (alive) state[holder] = state[holder]! | ALIVE;
    const s = was & 1 ? MERGED : alive ? KEPT : GONE;
    state[i] = s;
    if (s !== KEPT || changedBelow[i]) changedBelow[parent[i]!] = 1;
    if (totals) {
      for (let t = 0; t < C; t++) {
        const sum = totals[t]!;
        const value = sum[i]! + columns[t]![i]!;
        sum[i] = value;
        sum[holder] = sum[holder]! + value;
      }
    }
  }
  if (totals && n > 0) for (let t = 0; t < C; t++) totals[t]![0] = totals[t]![0]! + columns[t]![0]!;
  state[0] = GONE; // the root's state is not read (it only ever holds)
  recycle(link);
  return { firstChild, nextSibling, state, changedBelow, mergedFrames, ...(totals ? { totals } : {}) };
}
