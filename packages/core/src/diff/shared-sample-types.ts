import { findSampleType, type FrameTree, type SampleType } from '../model/frame-tree.ts';
import { ProfileError } from '../parse/errors.ts';

/** A sample type both sides have (same type name and unit), and where each side keeps it. */
export interface SharedSampleType {
  readonly type: string;
  readonly unit: string;
  readonly baselineIndex: number;
  readonly comparisonIndex: number;
}

const spell = (t: { type: string; unit: string }) => (t.unit ? `${t.type}/${t.unit}` : t.type);

/**
 * The sample types two profiles share, in the baseline's order. Types match by name *and* unit: a CPU
 * profile's `cpu/nanoseconds` never meets a heap profile's `alloc_space/bytes`, and `samples/count` of a
 * pprof file meets the `samples/count` of folded text.
 */
export function sharedSampleTypes(baseline: FrameTree, comparison: FrameTree): SharedSampleType[] {
  const shared: SharedSampleType[] = [];
  baseline.sampleTypes.forEach((t, baselineIndex) => {
    const comparisonIndex = comparison.sampleTypes.findIndex((u) => u.type === t.type && u.unit === t.unit);
    if (comparisonIndex >= 0) shared.push({ type: t.type, unit: t.unit, baselineIndex, comparisonIndex });
  });
  return shared;
}

/**
 * Which shared type a diff starts on. With a `query` (index into the shared list, type name or
 * `type/unit`), that one; else the type the baseline shows if shared, else the comparison's, else the
 * last shared (pprof's rule for a default). Throws a ProfileError (`incompatible`) with both sides' types
 * when nothing is shared or the query matches nothing shared.
 */
export function chooseSharedSampleType(
  shared: readonly SharedSampleType[],
  baseline: FrameTree,
  comparison: FrameTree,
  query?: string,
): number {
  if (shared.length === 0) {
    throw new ProfileError(
      'incompatible',
      `The two profiles share no sample type, so they cannot be compared: the baseline has ${list(baseline.sampleTypes)}, ` +
        `the comparison has ${list(comparison.sampleTypes)}.`,
    );
  }
  if (query !== undefined) {
    const asTypes = shared.map((s) => ({ type: s.type, unit: s.unit, total: 0 }));
    const index = findSampleType(asTypes, query);
    if (index < 0) {
      throw new ProfileError('incompatible', `No sample type "${query}" is in both profiles (they share ${list(shared)}).`);
    }
    return index;
  }
  const byBaseline = shared.findIndex((s) => s.baselineIndex === baseline.sampleTypeIndex);
  if (byBaseline >= 0) return byBaseline;
  const byComparison = shared.findIndex((s) => s.comparisonIndex === comparison.sampleTypeIndex);
  return byComparison >= 0 ? byComparison : shared.length - 1;
}

function list(types: readonly (SampleType | SharedSampleType)[]): string {
  return types.length ? types.map(spell).join(', ') : 'none';
}
