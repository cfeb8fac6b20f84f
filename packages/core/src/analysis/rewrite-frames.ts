import type { FrameTree } from '../model/frame-tree.ts';
import { newArray } from './buffer-pool.ts';
import { framesByNameOf, outermostIndexed } from './frames-by-name.ts';
import type { RewriteRule } from './rewrite.ts';

/**
 * Children lists that replace the tree's own (pre-order) ones for the frames with a change below them
 * (a frame with a list); below the others nothing changes, so a kept frame's list is its input children.
 */
export interface ChildLinks {
  /** Per frame: 0 when nothing changes below it, else its list's slot in `firstChild` and `totals`. */
  readonly listOf: Int32Array;
  /** Per slot: the first frame of the list (-1 ends a list). */
  readonly firstChild: Int32Array;
  /** Per frame held in a list: the next frame of that list. */
  readonly nextSibling: Int32Array;
  /**
   * Per frame: KEPT, MERGED (vanishes into the frame whose list holds it; its self goes there, and its
   * list is empty: its callees are in that frame's list) or GONE.
   */
  readonly state: Uint8Array;
  /**
   * Per value column and slot, the total of a frame with a list once rewritten (its self and its list's
   * totals; the others keep their input totals); for pruning.
   */
  readonly totals?: readonly Float64Array[];
}

/** ChildLinks state: the frame vanishes (every stack through it was moved up by a merge). */
export const GONE = 0;
/** ChildLinks state: the frame stays. */
export const KEPT = 1;
/** ChildLinks state: the frame joins the frame whose list holds it. */
export const MERGED = 2;

/*
 * Per-frame flags a rewrite computes before it starts, each in one backward pass (children come after
 * their parent in pre-order, so a child's flag is final before it is folded into its parent's).
 */

/** See Rewriter.changedBelow: 1 for frames with a frame below them that the rule does not keep as is. */
export function changedBelow(tree: FrameTree, rule: RewriteRule): Uint8Array | null {
  // a recursion merge's are its links' lists (see Rewriter.unchangedBelow)
  if (rule.op === 'focus' || rule.op === 'keep' || rule.op === 'linked') return null;
  const n = tree.length;
  const { nameId, parent } = tree;
  const changed = newArray(Uint8Array, n);
  for (let j = n - 1; j > 0; j--) {
    const name = nameId[j]!;
    let changes: boolean;
    if (rule.op === 'direct') changes = name === nameId[parent[j]!] && (rule.mask === null || rule.mask[name] === 1);
    else changes = rule.mask[name] === 1; // hide, drop, collapse: a matching frame
    if (changes || changed[j]) changed[parent[j]!] = 1;
  }
  return changed;
}

/** contains[i] = 1 when frame i or a frame below it has a name in `mask`. */
export function framesLeadingTo(tree: FrameTree, mask: Uint8Array): Uint8Array {
  const contains = newArray(Uint8Array, tree.length);
  for (let i = tree.length - 1; i > 0; i--) {
    if (mask[tree.nameId[i]!]) contains[i] = 1;
    if (contains[i]) contains[tree.parent[i]!] = 1;
  }
  return contains;
}

/**
 * For `drop`: left[i] = 1 when frame i is not dropped and some stack that is not dropped ends at or
 * below it (a stack ends at a leaf or at a frame with a self value), so no empty frame stays behind.
 */
export function framesLeft(tree: FrameTree, mask: Uint8Array, columns: readonly Float64Array[]): Uint8Array {
  const left = newArray(Uint8Array, tree.length);
  const { nameId, parent, subtreeEnd } = tree;
  for (let i = tree.length - 1; i > 0; i--) {
    if (mask[nameId[i]!]) {
      left[i] = 0;
      continue;
    }
    if (!left[i]) {
      if (subtreeEnd[i] === i + 1) left[i] = 1;
      else for (let t = 0; t < columns.length && !left[i]; t++) if (columns[t]![i] !== 0) left[i] = 1;
    }
    if (left[i]) left[parent[i]!] = 1;
  }
  return left;
}

/**
 * Frames whose name is in `mask` and that have no ancestor in `mask`, in pre-order: read from the tree's
 * frames-by-name index when it has one (see frames-by-name.ts), else one scan that skips the subtree of
 * each frame found. (A sandwich's callers start from these; a focus roots at them.)
 */
export function outermostFrames(tree: FrameTree, mask: Uint8Array): Int32Array {
  const index = framesByNameOf(tree);
  const indexed = index ? outermostIndexed(tree, mask, index) : null;
  if (indexed) return indexed;
  const { nameId, subtreeEnd } = tree;
  let found = new Int32Array(64);
  let count = 0;
  for (let i = 1; i < tree.length; ) {
    if (mask[nameId[i]!]) {
      if (count === found.length) {
        const grown = new Int32Array(count * 2);
        grown.set(found);
        found = grown;
      }
      found[count++] = i;
      i = subtreeEnd[i]!;
    } else i++;
  }
  return found.slice(0, count);
}
