import type { FrameTree } from '../model/frame-tree.ts';
import { GONE, KEPT, MERGED, type ChildLinks } from './rewrite-frames.ts';
import { selfColumnsOf } from './tree-writer.ts';
import { newArray, recycle } from './buffer-pool.ts';

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
  const { parent, nameId } = tree;
  const link = newArray(Int32Array, n);
  const merged = newArray(Uint8Array, n);
  // A frame can only merge when an input ancestor has its name: `onPath` counts the frames of each name
  // on the input path (an explicit stack of open frames), so the walk up the rewritten path below runs
  // only for those few frames, not for every frame.
  const onPath = newArray(Uint32Array, tree.names.length);
  const open = newArray(Int32Array, tree.maxDepth + 2);
  const { subtreeEnd } = tree;
  let top = 0;
  let mergedFrames = 0;
  link[0] = -1;
  for (let i = 1; i < n; i++) {
    while (top > 0 && subtreeEnd[open[top - 1]!]! <= i) onPath[nameId[open[--top]!]!]!--;
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
    } else link[i] = at;
    onPath[name]!++;
    open[top++] = i;
  }
  recycle(onPath, open);
  // Backward: thread the lists, and keep a frame only when a stack still ends at or below it (stacks
  // that went through it may all have been moved up by a merge; a stack ends at a leaf or a self value).
  const columns = selfColumnsOf(tree);
  const state = merged; // 0 → gone, 1 → kept, 2 → merged (reuses the array: merged[i] is read first)
  const alive = newArray(Uint8Array, n);
  const firstChild = newArray(Int32Array, n).fill(-1);
  const nextSibling = newArray(Int32Array, n);
  for (let i = n - 1; i > 0; i--) {
    const holder = link[i]!;
    nextSibling[i] = firstChild[holder]!;
    firstChild[holder] = i;
    if (!alive[i]) {
      if (tree.subtreeEnd[i] === i + 1) alive[i] = 1;
      else for (let t = 0; t < columns.length && !alive[i]; t++) if (columns[t]![i] !== 0) alive[i] = 1;
    }
    if (alive[i]) alive[holder] = 1;
    state[i] = state[i] ? MERGED : alive[i] ? KEPT : GONE;
  }
  // With `withTotals`: what the merge gathers under each frame (its self and what its list holds), for a
  // pruned rewrite. A frame's holder comes before it, so a backward pass adds each finished frame into it.
  const totals = withTotals ? columns.map((self) => linkedTotals(self, link, n)) : null;
  recycle(link, alive);
  return { firstChild, nextSibling, state, mergedFrames, ...(totals ? { totals } : {}) };
}

function linkedTotals(self: Float64Array, link: Int32Array, n: number): Float64Array {
  const sum = newArray(Float64Array, n);
  for (let i = n - 1; i > 0; i--) {
    const value = sum[i]! + self[i]!;
    sum[i] = value;
    const holder = link[i]!;
    sum[holder] = sum[holder]! + value;
  }
  if (n > 0) sum[0] = sum[0]! + self[0]!;
  return sum;
}
