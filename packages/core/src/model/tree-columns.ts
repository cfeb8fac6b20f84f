import type { FrameTree, NameExtras, ProfileInfo, SampleType } from './frame-tree.ts';
import type { NameInterner } from './name-interner.ts';
import { ProfileError } from '../parse/errors.ts';

/**
 * Frames already in depth-first pre-order (children by name), before totals and subtree ends: what both
 * the trie layout and the pre-order writer produce. Arrays may be longer than `length` (views are cut).
 */
export interface PreorderColumns {
  readonly length: number;
  readonly parent: Int32Array;
  /** Uint16Array unless a stack is deeper than 65535 frames. */
  readonly depth: Uint16Array | Uint32Array;
  readonly nameId: Uint32Array;
  readonly selfByType: readonly Float64Array[];
  readonly maxDepth: number;
}

/** What a finished tree needs besides its columns. */
export interface BuildInfo extends Omit<ProfileInfo, 'stacks' | 'maxDepth'> {
  readonly extras?: NameExtras | null;
  /** Round values to this many decimals (folded files with decimal counts): sums stay exact. */
  readonly decimals?: number;
}

/**
 * Turns pre-order columns into a FrameTree: one reverse pass sums totals and subtree sizes (every child
 * comes after its parent), then values are rounded to the input's decimals when it had any.
 */
export function assembleTree(
  columns: PreorderColumns,
  names: NameInterner,
  sampleTypes: readonly { readonly type: string; readonly unit: string }[],
  stacks: number,
  info: BuildInfo,
): FrameTree {
  const n = columns.length;
  const parent = columns.parent.subarray(0, n);
  const selfByType = columns.selfByType.map((s) => s.subarray(0, n));
  const totalByType = selfByType.map((s) => s.slice());
  const T = totalByType.length;
  const subtreeEnd = new Uint32Array(n);
  const size = subtreeEnd; // subtree sizes first, turned into ends below
  for (let f = n - 1; f > 0; f--) {
    const s = size[f]! + 1;
    size[f] = s;
    const p = parent[f]!;
    size[p] = size[p]! + s;
    for (let t = 0; t < T; t++) {
      const total = totalByType[t]!;
      total[p] = total[p]! + total[f]!;
    }
  }
  if (n > 0) size[0] = size[0]! + 1;
  for (let f = 0; f < n; f++) subtreeEnd[f] = f + size[f]!;
  // A non-finite subtree total makes the root's total non-finite too (Inf + x = Inf, Inf − Inf = NaN).
  for (let t = 0; t < T; t++) {
    const whole = totalByType[t]![0] ?? 0;
    if (!Number.isFinite(whole)) {
      throw new ProfileError(
        'corrupt',
        `The values of "${sampleTypes[t]?.type ?? t}" add up to more than a number can hold (${whole}); the counts are not real sample counts.`,
      );
    }
  }
  if (info.decimals) for (const column of [...selfByType, ...totalByType]) roundAll(column, info.decimals);

  const types: SampleType[] = sampleTypes.map((st, t) => ({ type: st.type, unit: st.unit, total: totalByType[t]![0] ?? 0 }));
  const chosen = Math.min(Math.max(0, info.defaultSampleTypeIndex), T - 1);
  const maxDepth = columns.maxDepth;
  return {
    length: n,
    parent,
    subtreeEnd,
    depth: columns.depth.subarray(0, n),
    nameId: columns.nameId.subarray(0, n),
    total: totalByType[chosen]!,
    self: selfByType[chosen]!,
    names: names.toStringTable(),
    sampleTypes: types,
    sampleTypeIndex: chosen,
    unit: types[chosen]?.unit ?? '',
    totalByType,
    selfByType,
    extras: info.extras ?? null,
    maxDepth,
    info: {
      format: info.format,
      defaultSampleTypeIndex: chosen,
      stacks,
      maxDepth,
      samples: info.samples,
      dropped: info.dropped,
      ...(info.period ? { period: info.period } : {}),
      ...(info.durationNanos !== undefined ? { durationNanos: info.durationNanos } : {}),
    },
  };
}

/** Rounds every value to `decimals` places, so sums of decimal counts print exactly (0.1 + 0.2 → 0.3). */
function roundAll(values: Float64Array, decimals: number): void {
  const scale = 10 ** decimals;
  for (let i = 0; i < values.length; i++) values[i] = Math.round(values[i]! * scale) / scale;
}
