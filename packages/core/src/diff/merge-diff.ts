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
  return {
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

/** The linear merge walk (see mergeDiff). Columns are sized for the worst case, then trimmed. */
function walk(baseline: FrameTree, comparison: FrameTree, shared: readonly SharedSampleType[], names: MergedNames): MergedColumns {
  const A = sideOf(baseline, shared, 'baselineIndex', names.fromBaseline, names.rankOfBaseline);
  const B = sideOf(comparison, shared, 'comparisonIndex', names.fromComparison, names.rankOfComparison);
  const T = shared.length;
  const capacity = baseline.length + comparison.length - 1;
  const wide = baseline.depth instanceof Uint32Array || comparison.depth instanceof Uint32Array;
  const out: MergedColumns = {
    count: 0,
    parent: new Int32Array(capacity),
    subtreeEnd: new Uint32Array(capacity),
    depth: wide ? new Uint32Array(capacity) : new Uint16Array(capacity),
    nameId: new Uint32Array(capacity),
    totalA: Array.from({ length: T }, () => new Float64Array(capacity)),
    selfA: Array.from({ length: T }, () => new Float64Array(capacity)),
    totalB: Array.from({ length: T }, () => new Float64Array(capacity)),
    selfB: Array.from({ length: T }, () => new Float64Array(capacity)),
  };
  // Per open merged frame: the next child and the children's end on each side.
  const stackSize = Math.max(baseline.maxDepth, comparison.maxDepth) + 2;
  const nextA = new Uint32Array(stackSize);
  const endA = new Uint32Array(stackSize);
  const nextB = new Uint32Array(stackSize);
  const endB = new Uint32Array(stackSize);
  const frameOf = new Uint32Array(stackSize);

  emitPair(out, A, B, 0, 0, -1, T);
  let top = 0;
  nextA[top] = 1;
  endA[top] = A.end[0]!;
  nextB[top] = 1;
  endB[top] = B.end[0]!;
  frameOf[top++] = 0;
  while (top > 0) {
    const s = top - 1;
    const a = nextA[s]!;
    const b = nextB[s]!;
    const hasA = a < endA[s]!;
    const hasB = b < endB[s]!;
    if (!hasA && !hasB) {
      out.subtreeEnd[frameOf[s]!] = out.count;
      top--;
      continue;
    }
    const rankA = hasA ? A.rank[A.name[a]!]! : 0xffffffff;
    const rankB = hasB ? B.rank[B.name[b]!]! : 0xffffffff;
    if (hasA && rankA <= rankB) nextA[s] = advance(A, a, endA[s]!, rankA, 'baseline');
    if (hasB && rankB <= rankA) nextB[s] = advance(B, b, endB[s]!, rankB, 'comparison');
    if (!hasB || rankA < rankB) copySubtree(out, A, a, frameOf[s]!, out.totalA, out.selfA);
    else if (!hasA || rankB < rankA) copySubtree(out, B, b, frameOf[s]!, out.totalB, out.selfB);
    else {
      frameOf[top] = emitPair(out, A, B, a, b, frameOf[s]!, T);
      nextA[top] = a + 1;
      endA[top] = A.end[a]!;
      nextB[top] = b + 1;
      endB[top++] = B.end[b]!;
    }
  }
  return trim(out);
}

/** The next sibling of `child`, after checking the FrameTree order (names strictly ascending). */
function advance(side: Side, child: number, end: number, rank: number, which: string): number {
  const next = side.end[child]!;
  if (next < end && side.rank[side.name[next]!]! <= rank) {
    throw new ProfileError('internal', `The ${which} tree is not in FrameTree order (children must be unique and sorted by name).`);
  }
  return next;
}

/** Writes a frame both sides have; returns its index. */
function emitPair(out: MergedColumns, A: Side, B: Side, a: number, b: number, parent: number, T: number): number {
  const f = out.count++;
  out.parent[f] = parent;
  out.depth[f] = A.depth[a]!;
  out.nameId[f] = A.toMerged[A.name[a]!]!;
  for (let t = 0; t < T; t++) {
    out.totalA[t]![f] = A.total[t]![a]!;
    out.selfA[t]![f] = A.self[t]![a]!;
    out.totalB[t]![f] = B.total[t]![b]!;
    out.selfB[t]![f] = B.self[t]![b]!;
  }
  return f;
}

/** Copies the subtree of `root` from one side as is (indices shifted); the other side's columns stay 0. */
function copySubtree(out: MergedColumns, side: Side, root: number, parent: number, totals: Float64Array[], selfs: Float64Array[]): void {
  const end = side.end[root]!;
  const shift = out.count - root;
  const { parent: outParent, subtreeEnd, depth, nameId } = out;
  for (let i = root; i < end; i++) {
    const f = i + shift;
    outParent[f] = i === root ? parent : side.parent[i]! + shift;
    subtreeEnd[f] = side.end[i]! + shift;
    depth[f] = side.depth[i]!;
    nameId[f] = side.toMerged[side.name[i]!]!;
  }
  for (let t = 0; t < totals.length; t++) {
    totals[t]!.set(side.total[t]!.subarray(root, end), root + shift);
    selfs[t]!.set(side.self[t]!.subarray(root, end), root + shift);
  }
  out.count += end - root;
}

/** Drops the unused tail of the worst-case columns (a copy only when something is unused). */
function trim(out: MergedColumns): MergedColumns {
  const n = out.count;
  if (n === out.parent.length) return out;
  const cut = <C extends { slice(start: number, end: number): C }>(c: C) => c.slice(0, n);
  return {
    count: n,
    parent: cut(out.parent),
    subtreeEnd: cut(out.subtreeEnd),
    depth: cut(out.depth as Uint32Array) as Uint16Array | Uint32Array,
    nameId: cut(out.nameId),
    totalA: out.totalA.map(cut),
    selfA: out.selfA.map(cut),
    totalB: out.totalB.map(cut),
    selfB: out.selfB.map(cut),
  };
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
