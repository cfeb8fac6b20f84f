import type { FrameTree, SampleType } from '../model/frame-tree.ts';
import { ProfileError } from '../parse/errors.ts';
import type { DiffTree } from './diff-tree.ts';
import { mergeDiff, type MergeDiffOptions } from './merge-diff.ts';

/**
 * True for a 3-column folded file (`stack before after`): the folded importer reads it as one tree with
 * the value columns `before` and `after`, which is already a diff.
 */
export function isTwoColumnDiff(tree: FrameTree): boolean {
  return (
    tree.info.format === 'collapsed' &&
    tree.sampleTypes.length === 2 &&
    tree.sampleTypes[0]!.type === 'before' &&
    tree.sampleTypes[1]!.type === 'after'
  );
}

/**
 * The DiffTree of a 3-column folded file: `before` is the baseline, `after` the comparison. No merge is
 * needed (both columns already hang on one tree); the columns are shared, not copied. The one sample type
 * is called `samples/count`, as single-column folded counts are.
 */
export function diffFromTwoColumns(tree: FrameTree, options: Pick<MergeDiffOptions, 'baselineName' | 'comparisonName'> = {}): DiffTree {
  if (!isTwoColumnDiff(tree)) throw new ProfileError('incompatible', 'This is not a 3-column folded file ("stack before after").');
  const [before, after] = tree.totalByType as [Float64Array, Float64Array];
  const [selfBefore, selfAfter] = tree.selfByType as [Float64Array, Float64Array];
  const sampleTypes: SampleType[] = [{ type: 'samples', unit: 'count', total: before[0]! }];
  return {
    ...tree,
    kind: 'diff',
    sampleTypes,
    sampleTypeIndex: 0,
    unit: 'count',
    total: before,
    self: selfBefore,
    totalB: after,
    selfB: selfAfter,
    totalByType: [before],
    selfByType: [selfBefore],
    totalBByType: [after],
    selfBByType: [selfAfter],
    baselineTotal: before[0]!,
    comparisonTotal: after[0]!,
    info: { ...tree.info, defaultSampleTypeIndex: 0 },
    baselineInfo: tree.info,
    comparisonInfo: tree.info,
    ...(options.baselineName !== undefined ? { baselineName: options.baselineName } : {}),
    ...(options.comparisonName !== undefined ? { comparisonName: options.comparisonName } : {}),
  };
}

/**
 * The one entry point for "compare these": two profiles of any format are merged (`mergeDiff`); a single
 * 3-column folded file (`comparison` null) is already a diff. Throws a ProfileError (`incompatible`) with
 * a sentence for the user when the inputs do not make a diff.
 */
export function diffProfiles(baseline: FrameTree, comparison: FrameTree | null, options: MergeDiffOptions = {}): DiffTree {
  if (comparison === null) {
    if (!isTwoColumnDiff(baseline)) {
      throw new ProfileError(
        'incompatible',
        'One file can be compared only when it is 3-column folded text ("stack before after"); otherwise give a baseline and a comparison.',
      );
    }
    return diffFromTwoColumns(baseline, options);
  }
  checkComparable(baseline, comparison);
  return mergeDiff(baseline, comparison, options);
}

/** Throws when either of two profiles is a 3-column diff already (it is compared on its own). */
export function checkComparable(baseline: FrameTree, comparison: FrameTree): void {
  for (const [tree, side] of [[baseline, 'baseline'], [comparison, 'comparison']] as const) {
    if (isTwoColumnDiff(tree)) {
      throw new ProfileError('incompatible', `The ${side} is a 3-column folded diff ("stack before after") already; compare it on its own.`);
    }
  }
}
