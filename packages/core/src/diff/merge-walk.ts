/**
 * The merge walk behind mergeDiff: two FrameTrees (pre-order, children sorted by name) walked side by side
 * into the columns of their union. No object per frame; an explicit stack, never recursion.
 */
import type { FrameTree } from '../model/frame-tree.ts';
import { ProfileError } from '../parse/errors.ts';
import type { MergedNames } from './merge-names.ts';
import type { SharedSampleType } from './shared-sample-types.ts';

/** The merged tree's columns; value columns per shared sample type, baseline (A) and comparison (B). */
export interface MergedColumns {
  count: number;
  parent: Int32Array;
  subtreeEnd: Uint32Array;
  depth: Uint16Array | Uint32Array;
  nameId: Uint32Array;
  totalA: Float64Array[];
  selfA: Float64Array[];
  totalB: Float64Array[];
  selfB: Float64Array[];
}

/** One side as the walk reads it: structure columns, names translated, value columns of the shared types. */
interface Side {
  readonly end: Uint32Array;
  readonly parent: Int32Array;
  readonly depth: Uint16Array | Uint32Array;
  readonly name: Uint32Array;
  readonly toMerged: Uint32Array;
  readonly rank: Uint32Array;
  readonly total: Float64Array[];
  readonly self: Float64Array[];
}

function sideOf(tree: FrameTree, shared: readonly SharedSampleType[], which: 'baselineIndex' | 'comparisonIndex', toMerged: Uint32Array, rank: Uint32Array): Side {
  return {
    end: tree.subtreeEnd,
    parent: tree.parent,
    depth: tree.depth,
    name: tree.nameId,
    toMerged,
    rank,
    total: shared.map((s) => tree.totalByType[s[which]]!),
    self: shared.map((s) => tree.selfByType[s[which]]!),
  };
}

/**
 * The merge walk (see mergeDiff), in two passes over the same cursors:
 *   1. count the merged frames (a one-sided subtree counts in O(1) from its subtreeEnd) and check the
 *      sibling order, so every column is allocated once at its exact size;
 *   2. walk again writing the structure and both sides' values (a one-sided subtree is copied in one
 *      loop, its values with one `set` per column).
 * On machines where first-touching memory is costly (VMs), the bytes allocated are the cost: 22 per frame
 * of structure plus 32 per shared sample type, nothing more.
 */
export function walk(baseline: FrameTree, comparison: FrameTree, shared: readonly SharedSampleType[], names: MergedNames): MergedColumns {
  const A = sideOf(baseline, shared, 'baselineIndex', names.fromBaseline, names.rankOfBaseline);
  const B = sideOf(comparison, shared, 'comparisonIndex', names.fromComparison, names.rankOfComparison);
  const cursors = new Cursors(Math.max(baseline.maxDepth, comparison.maxDepth) + 2);
  const n = countMerged(A, B, cursors);
  const wide = baseline.depth instanceof Uint32Array || comparison.depth instanceof Uint32Array;
  const columns = (count: number) => Array.from({ length: shared.length }, () => new Float64Array(count));
  const out: MergedColumns = {
    count: n,
    parent: new Int32Array(n),
    subtreeEnd: new Uint32Array(n),
    depth: wide ? new Uint32Array(n) : new Uint16Array(n),
    nameId: new Uint32Array(n),
    totalA: columns(n),
    selfA: columns(n),
    totalB: columns(n),
    selfB: columns(n),
  };
  const { parent, subtreeEnd, depth, nameId } = out;
  const { nextA, endA, nextB, endB, frameOf } = cursors;
  const { rank: rankOfA, name: nameA, end: endOfA, toMerged: mergedOfA } = A;
  const { rank: rankOfB, name: nameB, end: endOfB } = B;
  parent[0] = -1;
  copyValues(out, A, B, 0, 0, 0);
  let count = 1;
  let top = cursors.open(A, B);
  while (top > 0) {
    const s = top - 1;
    const a = nextA[s]!;
    const b = nextB[s]!;
    const hasA = a < endA[s]!;
    const hasB = b < endB[s]!;
    if (!hasA && !hasB) {
      subtreeEnd[frameOf[s]!] = count;
      top--;
      continue;
    }
    const rankA = hasA ? rankOfA[nameA[a]!]! : NO_RANK;
    const rankB = hasB ? rankOfB[nameB[b]!]! : NO_RANK;
    if (rankA < rankB) {
      nextA[s] = endOfA[a]!;
      count = copySubtree(out, A, out.totalA, out.selfA, a, frameOf[s]!, count);
      continue;
    }
    if (rankB < rankA) {
      nextB[s] = endOfB[b]!;
      count = copySubtree(out, B, out.totalB, out.selfB, b, frameOf[s]!, count);
      continue;
    }
    const f = count++;
    parent[f] = frameOf[s]!;
    depth[f] = A.depth[a]!;
    nameId[f] = mergedOfA[nameA[a]!]!;
    copyValues(out, A, B, f, a, b);
    nextA[s] = endOfA[a]!;
    nextB[s] = endOfB[b]!;
    frameOf[top] = f;
    nextA[top] = a + 1;
    endA[top] = endOfA[a]!;
    nextB[top] = b + 1;
    endB[top++] = endOfB[b]!;
  }
  return out;
}

/** Writes the values of a frame both sides have (frame `a` of A, `b` of B) into merged frame `f`. */
function copyValues(out: MergedColumns, A: Side, B: Side, f: number, a: number, b: number): void {
  for (let t = 0; t < out.totalA.length; t++) {
    out.totalA[t]![f] = A.total[t]![a]!;
    out.selfA[t]![f] = A.self[t]![a]!;
    out.totalB[t]![f] = B.total[t]![b]!;
    out.selfB[t]![f] = B.self[t]![b]!;
  }
}

/** Greater than every name rank: a side with no child left never wins the comparison. */
const NO_RANK = 0xffffffff;

/** The walk's explicit stack: per open merged frame, the next child and the children's end on each side. */
class Cursors {
  readonly nextA: Uint32Array;
  readonly endA: Uint32Array;
  readonly nextB: Uint32Array;
  readonly endB: Uint32Array;
  readonly frameOf: Uint32Array;
  constructor(size: number) {
    this.nextA = new Uint32Array(size);
    this.endA = new Uint32Array(size);
    this.nextB = new Uint32Array(size);
    this.endB = new Uint32Array(size);
    this.frameOf = new Uint32Array(size);
  }

  /** Opens the two roots (frame 0 of each side) and returns the stack height. */
  open(A: Side, B: Side): number {
    this.nextA[0] = 1;
    this.endA[0] = A.end[0]!;
    this.nextB[0] = 1;
    this.endB[0] = B.end[0]!;
    this.frameOf[0] = 0;
    return 1;
  }
}

/** Frames the merge will write, the roots included; throws when a side is not in FrameTree order. */
function countMerged(A: Side, B: Side, cursors: Cursors): number {
  const { nextA, endA, nextB, endB } = cursors;
  let count = 1;
  let top = cursors.open(A, B);
  while (top > 0) {
    const s = top - 1;
    const a = nextA[s]!;
    const b = nextB[s]!;
    const hasA = a < endA[s]!;
    const hasB = b < endB[s]!;
    if (!hasA && !hasB) {
      top--;
      continue;
    }
    const rankA = hasA ? A.rank[A.name[a]!]! : NO_RANK;
    const rankB = hasB ? B.rank[B.name[b]!]! : NO_RANK;
    if (rankA <= rankB) nextA[s] = advance(A, a, endA[s]!, rankA, 'baseline');
    if (rankB <= rankA) nextB[s] = advance(B, b, endB[s]!, rankB, 'comparison');
    if (rankA < rankB) count += A.end[a]! - a;
    else if (rankB < rankA) count += B.end[b]! - b;
    else {
      count++;
      nextA[top] = a + 1;
      endA[top] = A.end[a]!;
      nextB[top] = b + 1;
      endB[top++] = B.end[b]!;
    }
  }
  return count;
}

/** The next sibling of `child`, after checking the FrameTree order (names strictly ascending). */
function advance(side: Side, child: number, end: number, rank: number, which: string): number {
  const next = side.end[child]!;
  if (next < end && side.rank[side.name[next]!]! <= rank) {
    throw new ProfileError('internal', `The ${which} tree is not in FrameTree order (children must be unique and sorted by name).`);
  }
  return next;
}

/**
 * Copies the subtree of `root` from one side as is, indices shifted to start at `count`, its values into
 * that side's columns (the other side's stay 0). Returns the new count.
 */
function copySubtree(
  out: MergedColumns,
  side: Side,
  totals: readonly Float64Array[],
  selfs: readonly Float64Array[],
  root: number,
  parent: number,
  count: number,
): number {
  const end = side.end[root]!;
  const shift = count - root;
  out.parent[count] = parent;
  for (let i = root + 1; i < end; i++) out.parent[i + shift] = side.parent[i]! + shift;
  for (let i = root; i < end; i++) {
    const f = i + shift;
    out.subtreeEnd[f] = side.end[i]! + shift;
    out.depth[f] = side.depth[i]!;
    out.nameId[f] = side.toMerged[side.name[i]!]!;
  }
  for (let t = 0; t < totals.length; t++) {
    totals[t]!.set(side.total[t]!.subarray(root, end), count);
    selfs[t]!.set(side.self[t]!.subarray(root, end), count);
  }
  return count + end - root;
}
