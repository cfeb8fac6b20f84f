import type { FrameTree, ProfileInfo, SampleType } from '../model/frame-tree.ts';
import type { DiffTree } from './diff-tree.ts';
import { mergeExtras, mergeNames, type MergedNames } from './merge-names.ts';
import { walk } from './merge-walk.ts';
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
