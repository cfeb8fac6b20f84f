import type { FrameTree } from '../model/frame-tree.ts';
import { DEFAULT_MAX_FRAMES } from '../model/frame-tree-builder.ts';
import { newArray, recycle } from './buffer-pool.ts';
import { nameRanks } from './name-order.ts';
import { isStrictlyIncreasing, sortByKey } from './sort-by-key.ts';
import { allBelow, type PruneRequest } from './rewrite.ts';
import { derivedTree, PreorderWriter, selfColumnsOf, totalColumnsOf } from './tree-writer.ts';

/**
 * The inverted (bottom-up) tree: every stack read from its leaf up, so the root's children are the
 * functions where time is spent (self), their children the callers, and so on. Totals per function are
 * the same both ways up; inverting twice gives back the original stacks.
 *
 *   main;a;malloc 3          all ─┬─ malloc 5 ─┬─ a 3 ── main 3
 *   main;b;malloc 2     →         │            └─ b 2 ── main 2
 *   main;b 1                      └─ b 1 ── main 1
 */
export function invertTree(tree: FrameTree, maxFrames = DEFAULT_MAX_FRAMES, prune: PruneRequest | null = null): FrameTree {
  const columns = selfColumnsOf(tree);
  const hasSelf = newArray(Uint8Array, tree.length);
  let count = 0;
  for (let t = 0; t < columns.length; t++) {
    const column = columns[t]!;
    for (let i = 1; i < tree.length; i++) if (column[i] !== 0 && !hasSelf[i]) (hasSelf[i] = 1), count++;
  }
  const origins = newArray(Int32Array, count);
  for (let i = 1, k = 0; i < tree.length; i++) if (hasSelf[i]) origins[k++] = i;
  recycle(hasSelf);
  const inverted = new UpwardWriter(tree, origins, columns, maxFrames, prune).run(true);
  recycle(origins);
  return inverted;
}

/**
 * The callers of a function as an inverted tree rooted at it (the upper half of a sandwich): each
 * outermost frame of the function (one per stack, so recursion is not counted twice) read upwards,
 * weighted by its total. `all → f → callers of f → their callers …`; f's total is the function's total.
 */
export function callersTree(tree: FrameTree, outermost: Int32Array, maxFrames = DEFAULT_MAX_FRAMES, prune: PruneRequest | null = null): FrameTree {
  return new UpwardWriter(tree, outermost, totalColumnsOf(tree), maxFrames, prune).run(false);
}

/**
 * Writes the tree of paths read upwards from `origins`, each weighted by its value in `columns`. An output
 * frame is the merge of (origin, frame) pairs with one name path; its children group the parents of those
 * frames by name; a pair whose frame has no parent left ends its stack there (the value becomes self).
 * An output frame's total is the sum of its pairs' values, known before it is written: when pruning, a
 * group under the limits is left out, and the frames kept get their totals from their pairs.
 */
class UpwardWriter {
  private readonly rank: Uint32Array;
  private readonly writer: PreorderWriter;
  private pendParent = new Int32Array(256);
  private pendName = new Int32Array(256);
  private pendDepth = new Int32Array(256);
  private pendStart = new Int32Array(256);
  private pendCount = new Int32Array(256);
  private pendTop = 0;
  private arenaOrigin = new Int32Array(1024);
  private arenaFrame = new Int32Array(1024);
  private arenaTop = 0;
  private candKey = new Uint32Array(1024);
  private candOrigin = new Int32Array(1024);
  private candFrame = new Int32Array(1024);
  private candCount = 0;
  private readonly limits: Float64Array | null;
  private pendTotal = new Float64Array(0);
  private readonly groupTotal: Float64Array;

  constructor(
    private readonly tree: FrameTree,
    private readonly origins: Int32Array,
    private readonly columns: readonly Float64Array[],
    maxFrames: number,
    private readonly prune: PruneRequest | null,
  ) {
    this.limits = prune?.limits ?? null;
    this.groupTotal = new Float64Array(columns.length);
    if (prune) this.pendTotal = new Float64Array(256 * columns.length);
    this.rank = nameRanks(tree.names);
    // at most one output frame per (origin, ancestor) pair, plus the root
    let bound = 1;
    for (let k = 0; k < origins.length; k++) bound += tree.depth[origins[k]!]!;
    this.writer = new PreorderWriter(bound, columns.length, maxFrames, false, prune !== null);
  }

  run(keepRootSelf: boolean): FrameTree {
    const root = this.writer.push(-1, 0, 0);
    if (keepRootSelf) for (let t = 0; t < this.columns.length; t++) this.writer.self[t]![root] = this.columns[t]![0]!;
    this.candCount = 0;
    if (this.candKey.length < this.origins.length) {
      // the root's candidates are every origin: room for them at once, not by doubling
      this.candKey = new Uint32Array(this.origins.length);
      this.candOrigin = new Int32Array(this.origins.length);
      this.candFrame = new Int32Array(this.origins.length);
    }
    for (let k = 0; k < this.origins.length; k++) this.addCandidate(this.origins[k]!, this.origins[k]!);
    if (this.limits) {
      this.sumGroup(0, this.candCount);
      for (let t = 0; t < this.columns.length; t++) this.writer.total![t]![root] = this.groupTotal[t]! + this.writer.self[t]![root]!;
    }
    this.pushGroups(root, 0);
    while (this.pendTop > 0) this.emitNext();
    return derivedTree(this.tree, this.writer.finish(), { names: this.tree.names, extras: this.tree.extras });
  }

  private emitNext(): void {
    const e = --this.pendTop;
    const start = this.pendStart[e]!;
    const end = start + this.pendCount[e]!;
    const depth = this.pendDepth[e]!;
    const parent = this.tree.parent;
    if (end === start + 1) {
      // one source left: its path up is a chain with nothing to merge — written in one loop
      this.arenaTop = start;
      const origin = this.arenaOrigin[start]!;
      const nameId = this.tree.nameId;
      let out = this.writer.push(this.pendParent[e]!, this.pendName[e]!, depth);
      let d = depth;
      const total = this.writer.total;
      if (total) this.setTotal(out, e);
      for (let up = parent[this.arenaFrame[start]!]!; up > 0; up = parent[up]!) {
        out = this.writer.push(out, nameId[up]!, ++d);
        if (total) this.setTotal(out, e);
      }
      this.addValue(out, origin);
      return;
    }
    const out = this.writer.push(this.pendParent[e]!, this.pendName[e]!, depth);
    if (this.writer.total) this.setTotal(out, e);
    this.candCount = 0;
    for (let k = start; k < end; k++) {
      const origin = this.arenaOrigin[k]!;
      const up = parent[this.arenaFrame[k]!]!;
      if (up > 0) this.addCandidate(origin, up);
      else this.addValue(out, origin);
    }
    this.arenaTop = start;
    this.pushGroups(out, depth);
  }

  /** Output frame `out` gets the total of pending frame `e` (pruning only). */
  private setTotal(out: number, e: number): void {
    const C = this.columns.length;
    for (let t = 0; t < C; t++) this.writer.total![t]![out] = this.pendTotal[e * C + t]!;
  }

  /** Sums the values of candidates [begin, end) into `groupTotal`. */
  private sumGroup(begin: number, end: number): void {
    for (let t = 0; t < this.columns.length; t++) {
      const column = this.columns[t]!;
      let sum = 0;
      for (let k = begin; k < end; k++) sum += column[this.candOrigin[k]!]!;
      this.groupTotal[t] = sum;
    }
  }

  private addValue(out: number, origin: number): void {
    const self = this.writer.self;
    for (let t = 0; t < this.columns.length; t++) {
      const column = self[t]!;
      column[out] = column[out]! + this.columns[t]![origin]!;
    }
  }

  private addCandidate(origin: number, frame: number): void {
    if (this.candCount === this.candKey.length) {
      this.candKey = grow(this.candKey);
      this.candOrigin = grow(this.candOrigin);
      this.candFrame = grow(this.candFrame);
    }
    const k = this.candCount++;
    this.candKey[k] = this.rank[this.tree.nameId[frame]!]!;
    this.candOrigin[k] = origin;
    this.candFrame[k] = frame;
  }

  /** One pending frame per name group, last name first (see Rewriter.pushGroups for why). */
  private pushGroups(parent: number, parentDepth: number): void {
    const count = this.candCount;
    if (count === 0) return;
    if (!isStrictlyIncreasing(this.candKey, count)) sortByKey(this.candKey, this.candOrigin, count, this.candFrame);
    let end = count;
    while (end > 0) {
      let begin = end - 1;
      while (begin > 0 && this.candKey[begin - 1] === this.candKey[end - 1]) begin--;
      if (this.limits) {
        this.sumGroup(begin, end);
        if (allBelow(this.groupTotal, this.limits)) this.prune!.pruned++;
        else this.pushPending(parent, parentDepth + 1, begin, end);
      } else this.pushPending(parent, parentDepth + 1, begin, end);
      end = begin;
    }
  }

  private pushPending(parent: number, depth: number, begin: number, end: number): void {
    if (this.pendTop === this.pendParent.length) {
      this.pendParent = grow(this.pendParent);
      this.pendName = grow(this.pendName);
      this.pendDepth = grow(this.pendDepth);
      this.pendStart = grow(this.pendStart);
      this.pendCount = grow(this.pendCount);
    }
    while (this.arenaTop + (end - begin) > this.arenaOrigin.length) {
      this.arenaOrigin = grow(this.arenaOrigin);
      this.arenaFrame = grow(this.arenaFrame);
    }
    const p = this.pendTop++;
    if (this.limits) {
      const C = this.columns.length;
      if (this.pendTotal.length < this.pendParent.length * C) {
        const grown = new Float64Array(this.pendParent.length * C);
        grown.set(this.pendTotal);
        this.pendTotal = grown;
      }
      this.pendTotal.set(this.groupTotal, p * C);
    }
    this.pendParent[p] = parent;
    this.pendName[p] = this.tree.nameId[this.candFrame[begin]!]!;
    this.pendDepth[p] = depth;
    this.pendStart[p] = this.arenaTop;
    this.pendCount[p] = end - begin;
    for (let k = begin; k < end; k++) {
      this.arenaOrigin[this.arenaTop] = this.candOrigin[k]!;
      this.arenaFrame[this.arenaTop++] = this.candFrame[k]!;
    }
  }
}

function grow<T extends Int32Array | Uint32Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}
