import type { FrameTree } from '../model/frame-tree.ts';
import { GONE, KEPT, MERGED, type ChildLinks } from './rewrite-frames.ts';
import { selfColumnsOf, totalColumnsOf } from './tree-writer.ts';
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
 * merged frame, else the frame its (rewritten) parent maps onto. Only frames with a merged frame below
 * them get a list (and, with `withTotals`, merged totals), in slots numbered as they are found: below the
 * others nothing changes, so their list is their input children and their totals the input's. In s1m
 * that is one frame in eight, so the per-slot arrays are small and only three per-frame arrays are
 * written. A backward pass threads the lists, so every list stays in input order (names ascending for
 * frames of one parent).
 */
export function recursionLinks(tree: FrameTree, mask: Uint8Array | null, withTotals = false): ChildLinks & { readonly mergedFrames: number } {
  const n = tree.length;
  const { nameId, depth, subtreeEnd } = tree;
  const columns = selfColumnsOf(tree);
  const C = columns.length;
  // link[i], and after the backward pass the next frame in the list that holds i (-1 ends a list)
  const link = newArray(Int32Array, n, false);
  // KEPT or MERGED from the forward pass; the backward pass turns kept frames below which no stack ends
  // any more into GONE (all stacks through them moved up by merges), using the ALIVE bit
  const state = newArray(Uint8Array, n, false);
  const listOf = newArray(Int32Array, n);
  let lists = 0;
  // A frame can only merge when an input ancestor has its name: `onPath` counts the frames of each name
  // on the input path (an explicit stack of open frames, with the name of each and the kept frame it
  // maps onto), so the walk up the rewritten path below runs only for those few frames.
  const onPath = newArray(Uint32Array, tree.names.length);
  const open = newArray(Int32Array, tree.maxDepth + 2);
  const openName = newArray(Uint32Array, tree.maxDepth + 2);
  const openAt = newArray(Int32Array, tree.maxDepth + 2);
  let top = 0;
  let mergedFrames = 0;
  link[0] = -1;
  for (let i = 1; i < n; i++) {
    // the open frames are the path to i: its ancestors below the root, one per depth 1 … depth − 1
    const d = depth[i]!;
    while (top >= d) onPath[openName[--top]!]!--;
    const at = top > 0 ? openAt[top - 1]! : 0; // the kept frame the parent maps onto
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
      state[i] = MERGED;
      link[i] = target;
      mergedFrames++;
      // give the frames above a list: those that have one are always a run from the root (they got it
      // together), so each frame is met once and the walk stops at the first one that has a list
      for (let k = top - 1; k >= 0 && listOf[open[k]!] === 0; k--) listOf[open[k]!] = ++lists;
      if (listOf[0] === 0) listOf[0] = ++lists;
    } else {
      state[i] = KEPT;
      link[i] = at;
    }
    onPath[name]!++;
    open[top] = i;
    openName[top] = name;
    openAt[top++] = target >= 0 ? target : i;
  }
  recycle(onPath, open, openName, openAt);
  // Backward: the frames a list holds come after its frame, so each frame is final when it is met. Only
  // frames held by a frame with a list are threaded (the others are kept, unchanged, held by their input
  // parent). A kept frame with a list stays only when a stack still ends at or below it (it has a self
  // value or a frame of its list stays); with `withTotals`, what the merge gathers under each.
  const firstChild = newArray(Int32Array, lists + 1, false).fill(-1);
  const totals = withTotals ? columns.map(() => newArray(Float64Array, lists + 1)) : null;
  const inputTotals = totals ? totalColumnsOf(tree) : null;
  const nextSibling = link;
  for (let i = n - 1; i > 0; i--) {
    const holder = link[i]!;
    const held = listOf[holder]!;
    if (held === 0) continue;
    nextSibling[i] = firstChild[held]!;
    firstChild[held] = i;
    const was = state[i]!;
    const own = listOf[i]!;
    let alive = true;
    if (was === MERGED) {
      // its callees are held by its target already: a stack ends here when it is a leaf or has a self
      // value, and what it brings to its target is that self
      alive = subtreeEnd[i] === i + 1;
      for (let t = 0; t < C && !alive; t++) alive = columns[t]![i] !== 0;
      if (totals) for (let t = 0; t < C; t++) totals[t]![held] = totals[t]![held]! + columns[t]![i]!;
    } else if (own !== 0) {
      // not a leaf (a merged frame is below it)
      alive = (was & ALIVE) !== 0;
      for (let t = 0; t < C && !alive; t++) alive = columns[t]![i] !== 0;
      state[i] = alive ? KEPT : GONE;
      if (totals) {
        for (let t = 0; t < C; t++) {
          const sum = totals[t]!;
          const value = sum[own]! + columns[t]![i]!;
          sum[own] = value;
          sum[held] = sum[held]! + value;
        }
      }
    } else if (totals) for (let t = 0; t < C; t++) totals[t]![held] = totals[t]![held]! + inputTotals![t]![i]!;
    if (alive) state[holder] = state[holder]! | ALIVE;
  }
  if (totals && lists > 0) for (let t = 0; t < C; t++) totals[t]![listOf[0]!] = totals[t]![listOf[0]!]! + columns[t]![0]!;
  state[0] = KEPT; // the root stays (it only ever holds)
  return { firstChild, nextSibling, state, listOf, mergedFrames, ...(totals ? { totals } : {}) };
}
