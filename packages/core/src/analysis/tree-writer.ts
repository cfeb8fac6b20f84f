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

/** Frames a pruned tree's arrays have room for at first (they double as needed). */
const PRUNED_START = 1 << 16;

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
  parent: Int32Array;
  nameId: Uint32Array;
  depth: Uint16Array | Uint32Array;
  /** Self value per column, summed by the caller (read it after the last push: growing replaces arrays). */
  readonly self: Float64Array[];
  /**
   * Total value per column, written by the caller for every frame, or null when `finish` sums them from
   * the self values. A pruned tree (see `pruneLimits`) gives them: its frames' children do not add up.
   */
  readonly total: Float64Array[] | null;
  length = 0;

  /** Most frames this writer can take (the bound given, at most the frame limit). */
  readonly capacity: number;
  /** Frames the arrays have room for now (the capacity, or less for a pruned tree, which grows). */
  private room: number;

  constructor(
    /** Most frames the output can have (an upper bound: untouched capacity costs no memory). */
    bound: number,
    columns: number,
    private readonly maxFrames: number,
    /** Start with 32-bit depths (the input is deeper than 65535 frames). */
    deep = false,
    /** The caller writes each frame's totals (`total`): a pruned tree. */
    givenTotals = false,
  ) {
    this.capacity = Math.min(bound, maxFrames);
    // A pruned tree is usually a small part of its bound: its arrays start small and grow, so recycled
    // memory (which must be cleared) is not spent on room it never uses.
    this.room = givenTotals ? Math.min(this.capacity, PRUNED_START) : this.capacity;
    // written for every frame before they are read: no need to clear recycled memory
    this.parent = newArray(Int32Array, this.room, false);
    this.nameId = newArray(Uint32Array, this.room, false);
    this.depth = deep ? newArray(Uint32Array, this.room, false) : newArray(Uint16Array, this.room, false);
    // push zeroes a frame's self values: recycled memory is not cleared up front (most of it may never be used)
    this.self = Array.from({ length: columns }, () => newArray(Float64Array, this.room, false));
    this.total = givenTotals ? Array.from({ length: columns }, () => newArray(Float64Array, this.room, false)) : null;
  }

  /** Makes room for at least `frames` frames (up to the capacity), copying what is written. */
  private grow(frames: number): void {
    const room = Math.min(this.capacity, Math.max(frames, this.room * 2));
    const n = this.length;
    const moved = <T extends Int32Array | Uint32Array | Uint16Array | Float64Array>(a: T, zero: boolean): T => {
      const b = newArray(a.constructor as unknown as Parameters<typeof newArray>[0], room, zero) as unknown as T;
      b.set(a.subarray(0, n) as never);
      recycle(a);
      return b;
    };
    this.parent = moved(this.parent, false);
    this.nameId = moved(this.nameId, false);
    this.depth = moved(this.depth, false);
    for (let t = 0; t < this.self.length; t++) this.self[t] = moved(this.self[t]!, false);
    if (this.total) for (let t = 0; t < this.total.length; t++) this.total[t] = moved(this.total[t]!, false);
    this.room = room;
  }

  /** Appends a frame (its self values start at 0) and returns its index. */
  push(parent: number, nameId: number, depth: number): number {
    if (this.length === this.capacity) {
      throw new ProfileError(
        'too-large',
        `This view has more than ${this.maxFrames.toLocaleString('en-US')} frames, the current limit.`,
      );
    }
    if (this.length === this.room) this.grow(this.length + 1);
    const f = this.length++;
    for (let t = 0; t < this.self.length; t++) this.self[t]![f] = 0;
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
    if (this.length + (end - frame) > this.room) this.grow(this.length + (end - frame));
    const first = this.push(top.parent, top.nameId, top.depth);
    if (this.total) {
      const totals = totalColumnsOf(tree);
      for (let t = 0; t < totals.length; t++) this.total[t]!.set(totals[t]!.subarray(frame, end), first);
    }
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

  /**
   * Like `appendSubtree`, but leaves out every frame below `frame` whose total is under `limits` in every
   * column (with its subtree): the pruned copy of an unchanged subtree. Totals are the input's own.
   * Returns how many subtrees were left out.
   */
  appendPrunedSubtree(
    tree: FrameTree,
    frame: number,
    columns: readonly Float64Array[],
    limits: Float64Array,
    top: { parent: number; nameId: number; depth: number },
    /** Name of the placeholder frame that takes the place of adjacent frames left out. */
    narrowName: number,
  ): number {
    const totals = totalColumnsOf(tree);
    const C = totals.length;
    const own = this.total!;
    const { subtreeEnd, nameId, depth } = tree;
    const end = subtreeEnd[frame]!;
    const base = depth[frame]!;
    const depthShift = top.depth - base;
    // output frame of each open input frame, by depth below `frame`; runs of left-out frames, by depth
    const span = tree.maxDepth - base + 2;
    if (this.openScratch.length < span) this.openScratch = new Int32Array(span);
    if (this.runOn.length < span) {
      this.runOn = new Uint8Array(span);
      this.runTotal = new Float64Array(span * C);
    }
    const { openScratch: open, runOn, runTotal } = this;
    let runTop = 0;
    const put = (out: number, from: number) => {
      for (let t = 0; t < C; t++) {
        this.self[t]![out] = columns[t]![from]!;
        own[t]![out] = totals[t]![from]!;
      }
    };
    const flush = (rel: number) => {
      const out = this.push(open[rel - 1]!, narrowName, base + rel + depthShift);
      for (let t = 0; t < C; t++) {
        own[t]![out] = runTotal[rel * C + t]!;
        runTotal[rel * C + t] = 0;
      }
      runOn[rel] = 0;
    };
    const flushBelow = (rel: number) => {
      for (let r = runTop; r > rel; r--) if (runOn[r]) flush(r);
      if (runTop > rel) runTop = rel;
    };
    const first = this.push(top.parent, top.nameId, top.depth);
    put(first, frame);
    open[0] = first;
    let pruned = 0;
    for (let j = frame + 1; j < end; ) {
      const rel = depth[j]! - base;
      flushBelow(rel);
      if (below(totals, j, limits)) {
        for (let t = 0; t < C; t++) runTotal[rel * C + t] = runTotal[rel * C + t]! + totals[t]![j]!;
        runOn[rel] = 1;
        if (rel > runTop) runTop = rel;
        j = subtreeEnd[j]!;
        pruned++;
        continue;
      }
      if (runOn[rel]) flush(rel);
      const out = this.push(open[rel - 1]!, nameId[j]!, depth[j]! + depthShift);
      put(out, j);
      open[rel] = out;
      j++;
    }
    flushBelow(0);
    return pruned;
  }

  private runOn = new Uint8Array(0);
  private runTotal = new Float64Array(0);
  private openScratch: Int32Array = new Int32Array(256);

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
    const total = this.total
      ? this.total.map(trimmed)
      : self.map((s) => {
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
    if (!this.total) for (const column of total) {
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

/**
 * The name of a preview's placeholder frames (see ProfileInfo.narrowNameId). It starts with an ellipsis,
 * which no function name does, so it is not mistaken for one.
 */
export const NARROW_FRAMES_NAME = '\u2026 narrow frames';

/** True when frame `frame`'s total is under `limits` in every column (a pruned tree leaves it out). */
export function below(totals: readonly Float64Array[], frame: number, limits: Float64Array): boolean {
  for (let t = 0; t < totals.length; t++) if (!(totals[t]![frame]! < limits[t]!)) return false;
  return true;
}

/**
 * Asks a merge emitter (a rewrite, an inversion) for a pruned tree (a preview): an output frame whose
 * total is under `limits` in every column is left out with its subtree, and the frames kept get their
 * exact totals (so a frame's children may add up to less than it; placeholders stand where frames were
 * left out). `pruned` counts the groups and subtrees left out (0: the tree is exact after all).
 */
export interface PruneRequest {
  readonly limits: Float64Array;
  pruned: number;
}

/** Adds `values` into `sum`, column by column. */
export function addInto(sum: Float64Array, values: Float64Array): void {
  for (let t = 0; t < sum.length; t++) sum[t] = sum[t]! + values[t]!;
}

/** True when every value is under its limit. */
export function allBelow(values: Float64Array, limits: Float64Array): boolean {
  for (let t = 0; t < values.length; t++) if (!(values[t]! < limits[t]!)) return false;
  return true;
}

/**
 * The share of the whole under which a preview leaves a frame out: a hundred-thousandth, a thirtieth of a
 * device pixel across 3200 device pixels (a 1600-px graph at DPR 2). The picture of the whole profile
 * stays the same to the eye (it takes thirty such frames side by side to make one pixel of a merged run),
 * and the preview of s1m's views has 5–100 thousand frames instead of 0.5–13 million.
 */
export const PREVIEW_SHARE = 1e-5;

/**
 * Per value column, the total under which a pruned tree (a preview) leaves a frame out: `share` of that
 * column's whole. Null when the tree cannot be pruned: a negative value anywhere (a delta profile, whose
 * widths are drawn from magnitudes, not totals), or nothing to prune by.
 */
export function pruneLimits(tree: FrameTree, share: number): Float64Array | null {
  if (!(share > 0) || tree.length === 0 || hasNegativeValue(tree)) return null;
  return Float64Array.from(totalColumnsOf(tree), (column) => column[0]! * share);
}

/** A request to prune at `share` of the whole (see pruneLimits), or null when the tree cannot be pruned. */
export function pruneRequest(tree: FrameTree, share: number): PruneRequest | null {
  const limits = pruneLimits(tree, share);
  return limits ? { limits, pruned: 0 } : null;
}

/** True when a pruned writer left nothing out (or there was no pruning): the tree is exact. */
export function leftNothingOut(prune: PruneRequest | null): boolean {
  return !prune || prune.pruned === 0;
}

/** Whether some self value of `tree` is negative (looked up once per tree: trees are never changed). */
function hasNegativeValue(tree: FrameTree): boolean {
  let known = negativeIn.get(tree);
  if (known === undefined) {
    known = selfColumnsOf(tree).some((column) => {
      for (let i = 0; i < tree.length; i++) if (column[i]! < 0) return true;
      return false;
    });
    negativeIn.set(tree, known);
  }
  return known;
}

const negativeIn = new WeakMap<FrameTree, boolean>();

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
 * `inverted` (ProfileInfo.inverted): whether its stacks read leaf first; as `like`'s unless it was inverted.
 */
export function derivedTree(like: FrameTree, columns: WrittenColumns, names: DerivedNames, narrowNameId?: number, inverted = like.info.inverted === true): FrameTree {
  const { inverted: _likeInverted, ...likeInfo } = like.info;
  const base = {
    length: columns.length,
    parent: columns.parent,
    subtreeEnd: columns.subtreeEnd,
    depth: columns.depth,
    nameId: columns.nameId,
    names: names.names,
    extras: names.extras,
    maxDepth: columns.maxDepth,
    info: {
      ...likeInfo,
      stacks: columns.stacks,
      maxDepth: columns.maxDepth,
      ...(narrowNameId !== undefined ? { narrowNameId } : {}),
      ...(inverted ? { inverted: true as const } : {}),
    },
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
      // what each side was read from (its sampling period: the noise test of a view or a sandwich)
      ...(like.baselineInfo ? { baselineInfo: like.baselineInfo } : {}),
      ...(like.comparisonInfo ? { comparisonInfo: like.comparisonInfo } : {}),
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
