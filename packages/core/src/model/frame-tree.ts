import { isDiffTree, withDiffSampleType } from '../diff/diff-tree.ts';
import type { StringTable } from './string-table.ts';

/** Index of a frame in a FrameTree's columns (depth-first pre-order). */
export type FrameIndex = number;
/** Index into a FrameTree's `names` table. */
export type NameId = number;

/** What one value column counts: pprof's `ValueType` (`cpu`/`nanoseconds`, `alloc_space`/`bytes`, …). */
export interface SampleType {
  readonly type: string;
  /** pprof unit string: `nanoseconds`, `microseconds`, `bytes`, `count`, … ('' when the source has none). */
  readonly unit: string;
  /** Sum of this type's values over all samples, stacks or not (equals the root's total). */
  readonly total: number;
}

/** Input formats the importers know. */
export type ProfileFormat = 'pprof' | 'collapsed' | 'nestedset';

/** A reason some input did not end up in the tree, with how often it happened. */
export interface DroppedInput {
  readonly reason: string;
  readonly count: number;
}

/** Figures about the source profile that the UI and the CLI show. */
export interface ProfileInfo {
  readonly format: ProfileFormat;
  /** Index of the sample type the source designates as default (pprof: default_sample_type, else last). */
  readonly defaultSampleTypeIndex: number;
  /** Distinct stacks (distinct root-to-leaf name paths of samples/lines, zero-valued ones included). */
  readonly stacks: number;
  /** Deepest stack, in frames (the synthetic root not counted). */
  readonly maxDepth: number;
  /** Samples (pprof) or parsed lines (collapsed) read. */
  readonly samples: number;
  /** Inputs skipped or repaired, and why (bad lines, dangling ids, …). Empty when everything was read. */
  readonly dropped: readonly DroppedInput[];
  /** pprof period and its type, when present (`10000000` `cpu/nanoseconds`). */
  readonly period?: { readonly value: number; readonly type: string; readonly unit: string };
  /** pprof duration of the recording in nanoseconds, when present. */
  readonly durationNanos?: number;
  /**
   * Set on a preview (a pruned view, see PruneRequest): the name id of its placeholder frames, each of
   * which stands for adjacent frames left out (their total, in their place), drawn as narrow frames are.
   */
  readonly narrowNameId?: number;
  /**
   * Set on an inverted view (`invertTree`): its stacks read leaf first, so a function's self is the total
   * of the root's children of its name, and the self of its frames is where the inverted paths end (the
   * outermost callers). Function tables read it so (see function-table.ts).
   */
  readonly inverted?: true;
}

/**
 * Optional per-name extras, present only when the source has them (pprof). They are kept per name, not per
 * frame: every frame of a function shares its file and binary, and that costs nothing per frame.
 */
export interface NameExtras {
  /** For each name id, an index into `files`, or -1. */
  readonly fileOfName: Int32Array;
  readonly files: StringTable;
  /** For each name id, an index into `binaries` (the pprof mapping's file), or -1. */
  readonly binaryOfName: Int32Array;
  readonly binaries: StringTable;
}

/**
 * An aggregated call tree as columns, frames in depth-first pre-order: the subtree of frame i is exactly
 * [i, subtreeEnd[i]). Frame 0 is a synthetic root ("all") whose total is the whole profile. Children of
 * a frame are merged by name and ordered by name (code point order), so the same stacks always give the
 * same tree. Immutable once built; `withSampleType` returns a view with other value columns.
 *
 *   all ─┬─ main ─┬─ parse ── read        frame: 0    1    2     3     4
 *        │        └─ render               name:  all  main parse read  render
 *        └─ (self of all = samples        depth: 0    1    2     3     2
 *            with an empty stack)         subtreeEnd: 5 5  4     4     5
 */
export interface FrameTree {
  /** Number of frames, the root included. */
  readonly length: number;
  /** FrameIndex of the parent; -1 for the root. */
  readonly parent: Int32Array;
  /** FrameIndex one past the last descendant. */
  readonly subtreeEnd: Uint32Array;
  /** Depth in frames; 0 for the root. Uint32Array only when a stack is deeper than 65535 frames. */
  readonly depth: Uint16Array | Uint32Array;
  /** NameId of each frame; the root's name is `names.get(0)` ("all") and no other frame uses id 0. */
  readonly nameId: Uint32Array;
  /** Inclusive value of the chosen sample type, in `unit`. */
  readonly total: Float64Array;
  /** Exclusive (self) value of the chosen sample type, in `unit`. */
  readonly self: Float64Array;
  /** Frame names; id 0 is the synthetic root. */
  readonly names: StringTable;
  /** Value columns in the source, in source order. */
  readonly sampleTypes: readonly SampleType[];
  /** Which of `sampleTypes` `total`/`self` hold. */
  readonly sampleTypeIndex: number;
  /** Unit of `total`/`self` (the chosen sample type's unit). */
  readonly unit: string;
  /** `total` per sample type (one Float64Array each, same indexing as the frames). */
  readonly totalByType: readonly Float64Array[];
  /** `self` per sample type. */
  readonly selfByType: readonly Float64Array[];
  /** File and binary of each name, when the source has them. */
  readonly extras: NameExtras | null;
  readonly info: ProfileInfo;
  /** Greatest depth of any frame (= info.maxDepth). */
  readonly maxDepth: number;
}

/** Name of the synthetic root frame. */
export const ROOT_NAME = 'all';

/**
 * The self value a user reads off `frame` of `tree` for the value column `self`/`total`: the column's,
 * except in an inverted view (`info.inverted`), where a function's own time is at the root's children
 * (their totals: where its stacks end) and the frames below them, its callers, have none. The stored self
 * of an inverted tree sits where the inverted paths end (the outermost callers), which no tooltip or
 * colour by self should show. Per frame, no allocation (an exact inverted s1m has 12.8 M frames).
 */
export function shownSelf(tree: FrameTree, frame: FrameIndex, self: Float64Array, total: Float64Array): number {
  if (!tree.info.inverted || frame === 0) return self[frame]!; // the root keeps the samples with no stack
  return tree.depth[frame] === 1 ? total[frame]! : 0;
}

/**
 * The same tree with `total`/`self` switched to another sample type (no copy). A diff tree switches its
 * comparison columns too (`withDiffSampleType`), so a caller never has to tell the two apart.
 */
export function withSampleType<T extends FrameTree>(tree: T, sampleTypeIndex: number): T {
  if (!(sampleTypeIndex >= 0 && sampleTypeIndex < tree.sampleTypes.length)) {
    throw new RangeError(`sample type ${sampleTypeIndex} out of range (0..${tree.sampleTypes.length - 1})`);
  }
  if (isDiffTree(tree)) return withDiffSampleType(tree, sampleTypeIndex) as FrameTree as T;
  return {
    ...tree,
    sampleTypeIndex,
    unit: tree.sampleTypes[sampleTypeIndex]!.unit,
    total: tree.totalByType[sampleTypeIndex]!,
    self: tree.selfByType[sampleTypeIndex]!,
  };
}

/**
 * Finds a sample type by index (`"1"`) or by type name (`"cpu"`, `"alloc_space"`, or `type/unit`).
 * Returns -1 when nothing matches.
 */
export function findSampleType(types: readonly SampleType[], query: string): number {
  const trimmed = query.trim();
  if (/^\d+$/.test(trimmed)) {
    const index = Number(trimmed);
    return index < types.length ? index : -1;
  }
  const byFull = types.findIndex((t) => `${t.type}/${t.unit}` === trimmed);
  if (byFull >= 0) return byFull;
  return types.findIndex((t) => t.type === trimmed);
}

/** The path of names from the root's first child to `frame` (empty for the root). */
export function pathOf(tree: FrameTree, frame: FrameIndex): string[] {
  const out: string[] = [];
  for (let f = frame; f > 0; f = tree.parent[f]!) out.push(tree.names.get(tree.nameId[f]!));
  return out.reverse();
}

/**
 * The frame reached by following `path` (names, root's child first) from the root, or -1 when some name
 * is missing. Used to keep focus and selection across reloads, sample-type switches and diffs.
 */
export function findPath(tree: FrameTree, path: readonly string[]): FrameIndex {
  let frame = 0;
  for (const name of path) {
    let found = -1;
    for (let child = frame + 1; child < tree.subtreeEnd[frame]!; child = tree.subtreeEnd[child]!) {
      if (tree.names.get(tree.nameId[child]!) === name) {
        found = child;
        break;
      }
    }
    if (found < 0) return -1;
    frame = found;
  }
  return frame;
}
