import type { FrameTree, NameId } from '../model/frame-tree.ts';
import type { FramesByName } from './frames-by-name.ts';
import { sandwichOf } from './sandwich.ts';
import { PREVIEW_SHARE, pruneRequest, recycleTree } from './tree-writer.ts';

/**
 * Rehearses a sandwich on `tree` so the first one a user opens runs on code the JIT has optimized: the
 * preview sandwich of `rehearsalName`, computed and dropped (its memory recycled; `keep` are the trees
 * whose buffers it may share). On s1m in the worker, after one rehearsal (about 0.2 s of idle time, the
 * code cold) the first sandwich of the heaviest function is computed in 115–125 ms instead of 195–270.
 * Returns false when the tree has no function fit to rehearse on.
 */
export function rehearseSandwich(tree: FrameTree, index: FramesByName, keep: readonly FrameTree[]): boolean {
  const id = rehearsalName(tree, index);
  if (id < 0) return false;
  const { callers, callees } = sandwichOf(tree, id, pruneRequest(tree, PREVIEW_SHARE));
  recycleTree(callers, keep);
  recycleTree(callees, keep);
  return true;
}

/**
 * A function of `tree` whose sandwich is a fair rehearsal of the others: its outermost frames' subtrees
 * (what its callees merge) hold about `share` of the tree's frames, and it has 64 frames or more (what its
 * callers walk up from). -1 when no function comes within a factor of four. The default, 1/64, is ~75 k
 * frames of s1m: a smaller rehearsal (1/256) warmed the code half as well, a larger one (1/32) took 0.3 s.
 */
export function rehearsalName(tree: FrameTree, index: FramesByName, share = 1 / 64): NameId {
  const { start, frames } = index;
  const { subtreeEnd } = tree;
  const want = tree.length * share;
  let best = -1;
  let bestScore = Infinity;
  for (let id = 1; id + 1 < start.length; id++) {
    const count = start[id + 1]! - start[id]!;
    if (count < 64 || count > want) continue;
    // frames under its outermost frames, counted up to four times what is wanted
    let under = 0;
    let end = 0;
    for (let k = start[id]!; k < start[id + 1]! && under <= 4 * want; k++) {
      const frame = frames[k]!;
      if (frame < end) continue;
      end = subtreeEnd[frame]!;
      under += end - frame;
    }
    const score = Math.abs(Math.log(under / want));
    if (score < bestScore) {
      bestScore = score;
      best = id;
    }
  }
  return bestScore <= Math.log(4) ? best : -1;
}
