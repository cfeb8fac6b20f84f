import type { FrameTree, ProfileInfo, SampleType } from '../model/frame-tree.ts';
import { ProfileError } from '../parse/errors.ts';
import type { DiffTree } from './diff-tree.ts';
import { mergeExtras, mergeNames, type MergedNames } from './merge-names.ts';
import { chooseSharedSampleType, sharedSampleTypes, type SharedSampleType } from './shared-sample-types.ts';

export interface MergeDiffOptions {
  /** Shared sample type to show first (index into the shared list, type name or `type/unit`). */
  readonly sampleType?: string;
  /** Display names of the sides (file names). */
  readonly baselineName?: string;
  readonly comparisonName?: string;
}

/**
 * Merges a baseline and a comparison into one DiffTree over the union of their frames (DESIGN §6).
 *
 * Both inputs are FrameTrees: pre-order, children sorted by name. So the merge is one linear walk of the
 * two trees side by side, like merging sorted lists at every level: an explicit stack holds, per open
 * frame, a cursor into each side's children; the smaller name (by rank) is emitted next, equal names are
 * paired. A subtree present on one side only is copied in one tight loop (its frames are `new` or
 * `removed`). The output is pre-order with children sorted by name, exactly the FrameTree layout, and
 * every value is copied, never summed again, so both sides' totals stay exact.
 *
 * Every sample type the two share (matched by type/unit) is merged, so the UI switches type without a
 * re-merge. Throws a ProfileError (`incompatible`) when they share none.
 */
export function mergeDiff(baseline: FrameTree, comparison: FrameTree, options: MergeDiffOptions = {}): DiffTree {
  return mergeDiffWithNames(baseline, comparison, options).tree;
}

/** What mergeDiff makes, with how each side's name ids map to the tree's (to join per-side tables). */
export interface MergedDiff {
  readonly tree: DiffTree;
  readonly names: MergedNames;
  readonly shared: readonly SharedSampleType[];
}

/** mergeDiff, also returning the name maps and the shared types (the worker joins function tables with them). */
export function mergeDiffWithNames(baseline: FrameTree, comparison: FrameTree, options: MergeDiffOptions = {}): MergedDiff {
  const shared = sharedSampleTypes(baseline, comparison);
  const chosen = chooseSharedSampleType(shared, baseline, comparison, options.sampleType);
  const names = mergeNames(baseline.names, comparison.names);
  const columns = walk(baseline, comparison, shared, names);
  const n = columns.count;
  const sampleTypes: SampleType[] = shared.map((s, t) => ({ type: s.type, unit: s.unit, total: columns.totalA[t]![0]! }));
  const maxDepth = Math.max(baseline.maxDepth, comparison.maxDepth);
  const info: ProfileInfo = {
    format: baseline.info.format,
    defaultSampleTypeIndex: chosen,
    stacks: stacksWithValue(n, columns.selfA, columns.selfB),
    maxDepth,
    samples: baseline.info.samples + comparison.info.samples,
    dropped: [
      ...baseline.info.dropped.map((d) => ({ ...d, reason: `baseline: ${d.reason}` })),
      ...comparison.info.dropped.map((d) => ({ ...d, reason: `comparison: ${d.reason}` })),
    ],
  };
  const tree: DiffTree = {
    kind: 'diff',
    length: n,
    parent: columns.parent,
    subtreeEnd: columns.subtreeEnd,
    depth: columns.depth,
    nameId: columns.nameId,
    total: columns.totalA[chosen]!,
    self: columns.selfA[chosen]!,
    totalB: columns.totalB[chosen]!,
    selfB: columns.selfB[chosen]!,
    totalByType: columns.totalA,
    selfByType: columns.selfA,
    totalBByType: columns.totalB,
    selfBByType: columns.selfB,
    baselineTotal: columns.totalA[chosen]![0]!,
    comparisonTotal: columns.totalB[chosen]![0]!,
    names: names.names,
    sampleTypes,
    sampleTypeIndex: chosen,
    unit: shared[chosen]!.unit,
    extras: mergeExtras(names, baseline.extras, comparison.extras),
    info,
    maxDepth,
    baselineInfo: baseline.info,
    comparisonInfo: comparison.info,
    ...(options.baselineName !== undefined ? { baselineName: options.baselineName } : {}),
    ...(options.comparisonName !== undefined ? { comparisonName: options.comparisonName } : {}),
  };
  return { tree, names, shared };
}

interface MergedColumns {
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
 * The merge walk (see mergeDiff), in passes over plain typed arrays:
 *   1. count the merged frames with the cursors (a one-sided subtree counts in O(1) from its subtreeEnd)
 *      and check the sibling order, so every column is allocated once at its exact size;
 *   2. walk again writing the structure, and for each merged frame which frame of each side it is
 *      (`fromA`/`fromB`, plus one; 0 where a side lacks it);
 *   3. gather each value column through fromA/fromB, one tight loop per column.
 */
function walk(baseline: FrameTree, comparison: FrameTree, shared: readonly SharedSampleType[], names: MergedNames): MergedColumns {
  const A = sideOf(baseline, shared, 'baselineIndex', names.fromBaseline, names.rankOfBaseline);
  const B = sideOf(comparison, shared, 'comparisonIndex', names.fromComparison, names.rankOfComparison);
  const cursors = new Cursors(Math.max(baseline.maxDepth, comparison.maxDepth) + 2);
  const n = countMerged(A, B, cursors);
  const wide = baseline.depth instanceof Uint32Array || comparison.depth instanceof Uint32Array;
  const parent = new Int32Array(n);
  const subtreeEnd = new Uint32Array(n);
  const depth = wide ? new Uint32Array(n) : new Uint16Array(n);
  const nameId = new Uint32Array(n);
  // Which frame of each side merged frame f is, plus one (0: the side lacks it), so fresh zeroed memory
  // already means "missing" and needs no fill.
  const fromA = new Int32Array(n);
  const fromB = new Int32Array(n);
  const structure = { parent, subtreeEnd, depth, nameId };
  const { nextA, endA, nextB, endB, frameOf } = cursors;
  const { rank: rankOfA, name: nameA, end: endOfA, toMerged: mergedOfA } = A;
  const { rank: rankOfB, name: nameB, end: endOfB } = B;
  parent[0] = -1;
  fromA[0] = 1;
  fromB[0] = 1;
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
    if (rankA !== rankB) {
      const side = rankA < rankB ? A : B;
      const root = rankA < rankB ? a : b;
      if (side === A) nextA[s] = endOfA[a]!;
      else nextB[s] = endOfB[b]!;
      count = copySubtree(structure, side === A ? fromA : fromB, side, root, frameOf[s]!, count);
      continue;
    }
    const f = count++;
    parent[f] = frameOf[s]!;
    depth[f] = A.depth[a]!;
    nameId[f] = mergedOfA[nameA[a]!]!;
    fromA[f] = a + 1;
    fromB[f] = b + 1;
    nextA[s] = endOfA[a]!;
    nextB[s] = endOfB[b]!;
    frameOf[top] = f;
    nextA[top] = a + 1;
    endA[top] = endOfA[a]!;
    nextB[top] = b + 1;
    endB[top++] = endOfB[b]!;
  }
  const [totalA, selfA] = gather(A.total, A.self, fromA);
  const [totalB, selfB] = gather(B.total, B.self, fromB);
  return { count: n, ...structure, totalA, selfA, totalB, selfB };
}

/**
 * The merged value columns of one side: out[f] = column[from[f] − 1], 0 where from[f] is 0 (the side lacks
 * frame f). One pass per sample type fills its total and self together.
 */
function gather(totals: readonly Float64Array[], selfs: readonly Float64Array[], from: Int32Array): [Float64Array[], Float64Array[]] {
  const n = from.length;
  const outTotals = totals.map(() => new Float64Array(n));
  const outSelfs = selfs.map(() => new Float64Array(n));
  for (let t = 0; t < totals.length; t++) {
    const total = totals[t]!;
    const self = selfs[t]!;
    const outTotal = outTotals[t]!;
    const outSelf = outSelfs[t]!;
    for (let f = 0; f < n; f++) {
      const i = from[f]! - 1;
      if (i < 0) continue;
      outTotal[f] = total[i]!;
      outSelf[f] = self[i]!;
    }
  }
  return [outTotals, outSelfs];
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
 * Copies the subtree of `root` from one side as is, indices shifted to start at `count`; `from` records
 * where each frame came from, plus one (the other side's `from` stays 0, so its values stay 0). Returns
 * the new count.
 */
function copySubtree(
  out: Pick<MergedColumns, 'parent' | 'subtreeEnd' | 'depth' | 'nameId'>,
  from: Int32Array,
  side: Side,
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
    from[f] = i + 1;
  }
  return count + end - root;
}

/** Distinct stacks with a value on either side in any shared type: frames where some self is non-zero. */
function stacksWithValue(n: number, selfA: readonly Float64Array[], selfB: readonly Float64Array[]): number {
  let stacks = 0;
  for (let f = 1; f < n; f++) {
    let any = false;
    for (let t = 0; t < selfA.length && !any; t++) any = selfA[t]![f] !== 0 || selfB[t]![f] !== 0;
    if (any) stacks++;
  }
  return stacks;
}
