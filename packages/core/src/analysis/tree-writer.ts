import { isDiffTree, type DiffTree } from '../diff/diff-tree.ts';
import { newArray, recycle, recycleBuffer } from './buffer-pool.ts';
import { ProfileError } from '../parse/errors.ts';
import type { FrameTree, NameExtras } from '../model/frame-tree.ts';
import type { StringTable } from '../model/string-table.ts';

/**
 * The value columns an analysis carries through, so a derived tree keeps everything its input had:
 * every sample type of a FrameTree (switching type stays instant), or baseline and comparison of a DiffTree.
 */
export function selfColumnsOf(tree: FrameTree): readonly Float64Array[] {
  return isDiffTree(tree) ? [tree.self, tree.selfB] : tree.selfByType;
}

/** The inclusive counterparts of `selfColumnsOf`, same order. */
export function totalColumnsOf(tree: FrameTree): readonly Float64Array[] {
  return isDiffTree(tree) ? [tree.total, tree.totalB] : tree.totalByType;
}

/** Subtrees up to this many frames are copied by loops, larger ones with `set` (a view per column). */
const SMALL_SUBTREE = 64;

/** Derived trees are compacted to exact-size buffers when they use less than this share of the bound. */
const COMPACT_BELOW = 0.25;

/**
 * Output columns of a tree written in depth-first pre-order, one frame at a time, with an upper bound on
 * frames known up front (so nothing regrows: untouched capacity is never paged in). `finish` computes
 * totals and subtree ends in one reverse pass, as the builder's layout does.
 */
export class PreorderWriter {
  readonly parent: Int32Array;
  readonly nameId: Uint32Array;
  depth: Uint16Array | Uint32Array;
  /** Self value per column, summed by the caller. */
  readonly self: Float64Array[];
  length = 0;

  /** Most frames this writer can take (the bound given, at most the frame limit). */
  readonly capacity: number;

  constructor(
    /** Most frames the output can have (an upper bound: untouched capacity costs no memory). */
    bound: number,
    columns: number,
    private readonly maxFrames: number,
    /** Start with 32-bit depths (the input is deeper than 65535 frames). */
    deep = false,
  ) {
    this.capacity = Math.min(bound, maxFrames);
    // written for every frame before they are read: no need to clear recycled memory
    this.parent = newArray(Int32Array, this.capacity, false);
    this.nameId = newArray(Uint32Array, this.capacity, false);
    this.depth = deep ? newArray(Uint32Array, this.capacity, false) : newArray(Uint16Array, this.capacity, false);
    this.self = Array.from({ length: columns }, () => newArray(Float64Array, this.capacity));
  }

  /** Appends a frame (its self values start at 0) and returns its index. */
  push(parent: number, nameId: number, depth: number): number {
    if (this.length === this.capacity) {
      throw new ProfileError(
        'too-large',
        `This view has more than ${this.maxFrames.toLocaleString('en-US')} frames, the current limit.`,
      );
    }
    const f = this.length++;
    this.parent[f] = parent;
    this.nameId[f] = nameId;
    if (depth > 0xffff && this.depth instanceof Uint16Array) this.depth = Uint32Array.from(this.depth);
    this.depth[f] = depth;
    return f;
  }

  /**
   * Appends frame `frame` of `tree` with its whole subtree, unchanged, as a copy: the subtree's first
   * frame gets `top` (its parent, name and depth in the output), the others their own names, self values
   * and relative places. One pass of shifted copies instead of one push per frame.
   */
  appendSubtree(tree: FrameTree, frame: number, columns: readonly Float64Array[], top: { parent: number; nameId: number; depth: number }): void {
    const end = tree.subtreeEnd[frame]!;
    if (this.length + (end - frame) > this.capacity) {
      throw new ProfileError('too-large', `This view has more than ${this.maxFrames.toLocaleString('en-US')} frames, the current limit.`);
    }
    const first = this.push(top.parent, top.nameId, top.depth);
    if (end - frame > SMALL_SUBTREE) {
      for (let t = 0; t < columns.length; t++) this.self[t]!.set(columns[t]!.subarray(frame, end), first);
      this.nameId.set(tree.nameId.subarray(frame + 1, end), first + 1);
    } else {
      // most copied subtrees are a few frames: plain loops beat making subarray views
      for (let t = 0; t < columns.length; t++) {
        const from = columns[t]!;
        const to = this.self[t]!;
        for (let j = frame; j < end; j++) to[j - frame + first] = from[j]!;
      }
      for (let j = frame + 1; j < end; j++) this.nameId[j - frame + first] = tree.nameId[j]!;
    }
    if (end === frame + 1) return;
    const shift = first - frame;
    const depthShift = top.depth - tree.depth[frame]!;
    if (tree.maxDepth + depthShift > 0xffff && this.depth instanceof Uint16Array) this.depth = Uint32Array.from(this.depth);
    const { parent: inParent, depth: inDepth } = tree;
    const parent = this.parent;
    const depth = this.depth;
    for (let j = frame + 1; j < end; j++) {
      parent[j + shift] = inParent[j]! + shift;
      depth[j + shift] = inDepth[j]! + depthShift;
    }
    this.length = first + (end - frame);
  }

  /** Exact-length columns, totals and subtree ends (one reverse pass: children follow their parent). */
  finish(): WrittenColumns {
    const n = this.length;
    const trimmed = <T extends Int32Array | Uint32Array | Uint16Array | Float64Array>(a: T): T => {
      if (n >= a.length * COMPACT_BELOW) return a.subarray(0, n) as T;
      const compact = a.slice(0, n) as T;
      recycle(a);
      return compact;
    };
    const parent = trimmed(this.parent);
    const self = this.self.map(trimmed);
    const total = self.map((s) => {
      const t = newArray(Float64Array, n, false);
      t.set(s);
      return t;
    });
    const subtreeEnd = newArray(Uint32Array, n);
    const size = subtreeEnd; // subtree sizes first, turned into ends below
    for (let f = n - 1; f > 0; f--) {
      const s = size[f]! + 1;
      size[f] = s;
      const p = parent[f]!;
      size[p] = size[p]! + s;
    }
    if (n > 0) size[0] = size[0]! + 1;
    // one column at a time: tight loops (children follow their parent, so a backward pass sums them)
    for (const column of total) {
      for (let f = n - 1; f > 0; f--) {
        const p = parent[f]!;
        column[p] = column[p]! + column[f]!;
      }
    }
    const depth = trimmed(this.depth);
    let maxDepth = 0;
    for (let f = 0; f < n; f++) {
      subtreeEnd[f] = f + size[f]!;
      if (depth[f]! > maxDepth) maxDepth = depth[f]!;
    }
    // a stack ends at a leaf or at a frame with a self value
    const ends = newArray(Uint8Array, n);
    for (let f = 1; f < n; f++) if (subtreeEnd[f] === f + 1) ends[f] = 1;
    for (const column of self) for (let f = 1; f < n; f++) if (column[f] !== 0) ends[f] = 1;
    let stacks = 0;
    for (let f = 1; f < n; f++) stacks += ends[f]!;
    recycle(ends);
    return { length: n, parent, nameId: trimmed(this.nameId), depth, subtreeEnd, self, total, maxDepth, stacks };
  }
}

/** The columns a PreorderWriter produced. */
export interface WrittenColumns {
  readonly length: number;
  readonly parent: Int32Array;
  readonly nameId: Uint32Array;
  readonly depth: Uint16Array | Uint32Array;
  readonly subtreeEnd: Uint32Array;
  readonly self: readonly Float64Array[];
  readonly total: readonly Float64Array[];
  readonly maxDepth: number;
  /** Frames where a stack ends (leaves, and frames with a self value). */
  readonly stacks: number;
}

/** Every buffer a tree's columns and tables live in (DiffTree comparison columns included). */
export function buffersOf(tree: FrameTree): ArrayBufferLike[] {
  const arrays: ArrayBufferView[] = [
    tree.parent,
    tree.subtreeEnd,
    tree.depth,
    tree.nameId,
    tree.total,
    tree.self,
    ...tree.totalByType,
    ...tree.selfByType,
    tree.names.bytes,
    tree.names.offsets,
  ];
  const { extras } = tree;
  if (extras) arrays.push(extras.fileOfName, extras.binaryOfName, extras.files.bytes, extras.files.offsets, extras.binaries.bytes, extras.binaries.offsets);
  if (isDiffTree(tree)) arrays.push(tree.totalB, tree.selfB);
  return arrays.map((a) => a.buffer);
}

/** Recycles the buffers of `tree` that none of `keep` uses (a tree nobody will read again). */
export function recycleTree(tree: FrameTree, keep: readonly FrameTree[]): void {
  const kept = new Set(keep.flatMap(buffersOf));
  for (const buffer of new Set(buffersOf(tree))) if (!kept.has(buffer)) recycleBuffer(buffer);
}

/** Names of a derived tree: the input's table when no name was added, else a grown copy. */
export interface DerivedNames {
  readonly names: StringTable;
  readonly extras: NameExtras | null;
}

/**
 * Wraps written columns as a tree of the same kind as `like` (FrameTree, or DiffTree with baseline and
 * comparison in columns 0 and 1): same sample types and chosen type, figures updated to the new tree.
 */
export function derivedTree(like: FrameTree, columns: WrittenColumns, names: DerivedNames): FrameTree {
  const base = {
    length: columns.length,
    parent: columns.parent,
    subtreeEnd: columns.subtreeEnd,
    depth: columns.depth,
    nameId: columns.nameId,
    names: names.names,
    extras: names.extras,
    maxDepth: columns.maxDepth,
    info: { ...like.info, stacks: columns.stacks, maxDepth: columns.maxDepth },
  };
  const rootTotal = (c: readonly Float64Array[], t: number) => (columns.length > 0 ? c[t]![0]! : 0);
  if (isDiffTree(like)) {
    const [self, selfB] = columns.self as [Float64Array, Float64Array];
    const [total, totalB] = columns.total as [Float64Array, Float64Array];
    const type = like.sampleTypes[like.sampleTypeIndex] ?? { type: '', unit: like.unit, total: 0 };
    const diff: DiffTree = {
      ...base,
      kind: 'diff',
      sampleTypes: [{ ...type, total: rootTotal(columns.total, 0) }],
      sampleTypeIndex: 0,
      unit: like.unit,
      total,
      self,
      totalByType: [total],
      selfByType: [self],
      totalB,
      selfB,
      baselineTotal: rootTotal(columns.total, 0),
      comparisonTotal: rootTotal(columns.total, 1),
      ...(like.baselineName !== undefined ? { baselineName: like.baselineName } : {}),
      ...(like.comparisonName !== undefined ? { comparisonName: like.comparisonName } : {}),
    };
    return diff;
  }
  const index = like.sampleTypeIndex;
  return {
    ...base,
    sampleTypes: like.sampleTypes.map((t, i) => ({ ...t, total: rootTotal(columns.total, i) })),
    sampleTypeIndex: index,
    unit: like.unit,
    total: columns.total[index]!,
    self: columns.self[index]!,
    totalByType: columns.total,
    selfByType: columns.self,
  };
}
