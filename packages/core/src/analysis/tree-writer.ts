import { isDiffTree, type DiffTree } from '../diff/diff-tree.ts';
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
  maxDepth = 0;

  /** Most frames this writer can take (the bound given, at most the frame limit). */
  readonly capacity: number;

  constructor(
    /** Most frames the output can have (an upper bound: untouched capacity costs no memory). */
    bound: number,
    columns: number,
    private readonly maxFrames: number,
  ) {
    this.capacity = Math.min(bound, maxFrames);
    this.parent = new Int32Array(this.capacity);
    this.nameId = new Uint32Array(this.capacity);
    this.depth = new Uint16Array(this.capacity);
    this.self = Array.from({ length: columns }, () => new Float64Array(this.capacity));
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
    if (depth > this.maxDepth) this.maxDepth = depth;
    return f;
  }

  /** Exact-length columns, totals and subtree ends (one reverse pass: children follow their parent). */
  finish(): WrittenColumns {
    const n = this.length;
    const fit = <T extends Int32Array | Uint32Array | Uint16Array | Float64Array>(a: T): T =>
      (n < a.length * COMPACT_BELOW ? a.slice(0, n) : a.subarray(0, n)) as T;
    const parent = fit(this.parent);
    const self = this.self.map(fit);
    const total = self.map((s) => s.slice());
    const subtreeEnd = new Uint32Array(n);
    const size = subtreeEnd;
    for (let f = n - 1; f > 0; f--) {
      const s = size[f]! + 1;
      size[f] = s;
      const p = parent[f]!;
      size[p] = size[p]! + s;
      for (let t = 0; t < total.length; t++) {
        const column = total[t]!;
        column[p] = column[p]! + column[f]!;
      }
    }
    if (n > 0) size[0] = size[0]! + 1;
    let stacks = 0;
    for (let f = 0; f < n; f++) {
      const end = f + size[f]!;
      subtreeEnd[f] = end;
      if (f > 0 && (end === f + 1 || hasValue(self, f))) stacks++;
    }
    return { length: n, parent, nameId: fit(this.nameId), depth: fit(this.depth), subtreeEnd, self, total, maxDepth: this.maxDepth, stacks };
  }
}

function hasValue(columns: readonly Float64Array[], frame: number): boolean {
  for (let t = 0; t < columns.length; t++) if (columns[t]![frame] !== 0) return true;
  return false;
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
