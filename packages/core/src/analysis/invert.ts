import type { FrameTree } from '../model/frame-tree.ts';
import { DEFAULT_MAX_FRAMES } from '../model/frame-tree-builder.ts';
import { newArray, recycle } from './buffer-pool.ts';
import { nameRanks } from './name-order.ts';
import { isStrictlyIncreasing, sortByKey } from './sort-by-key.ts';
import { grow, PendingFrames } from './pending-frames.ts';
import { withName } from './name-order.ts';
import { addInto, allBelow, derivedTree, NARROW_FRAMES_NAME, PreorderWriter, selfColumnsOf, totalColumnsOf, type PruneRequest } from './tree-writer.ts';

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
  // the origins: frames with a self value in any column, in one pass
  let origins = newArray(Int32Array, Math.max(1024, tree.length >> 2), false);
  let count = 0;
  for (let i = 1; i < tree.length; i++) {
    let any = false;
    for (let t = 0; t < columns.length && !any; t++) any = columns[t]![i] !== 0;
    if (!any) continue;
    if (count === origins.length) {
      const grown = newArray(Int32Array, origins.length * 2, false);
      grown.set(origins);
      recycle(origins);
      origins = grown;
    }
    origins[count++] = i;
  }
  origins = origins.subarray(0, count);
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
 * frame is the merge of (frame, value) pairs with one name path; its children group the parents of those
 * frames by name; a pair whose frame has no parent left ends its stack there (the value becomes self).
 * Pairs that reach the same frame are one pair from there on (the path above a frame is the frame's own),
 * so the work per output frame is the number of distinct input frames it merges, not of origins.
 * An output frame's total is the sum of its pairs' values, known before it is written: when pruning, a
 * group under the limits is left out, and the frames kept get their totals from their pairs.
 */
class UpwardWriter {
  private readonly rank: Uint32Array;
  private readonly writer: PreorderWriter;
  private readonly C: number;
  /** Pending output frames (a stack), their pairs in the arena. */
  private readonly pending: PendingFrames;
  /** Pairs of the pending frames: input frame, and its values (C per pair). */
  private arenaFrame = new Int32Array(1024);
  private arenaValue: Float64Array;
  private arenaTop = 0;
  /** Candidates of the frame being expanded: name rank, input frame, slot of their values in `candValue`. */
  private candKey = new Uint32Array(1024);
  private candFrame = new Int32Array(1024);
  private candSlot = new Int32Array(1024);
  private candValue: Float64Array;
  private candCount = 0;
  /**
   * Which candidate each input frame is, for the expansion under way (merging pairs): an open-addressing
   * table keyed by frame, its slots valid only when stamped with the current expansion (never cleared).
   */
  private slotFrame = new Int32Array(1 << 12);
  private slotCand = new Int32Array(1 << 12);
  private slotStamp = new Int32Array(1 << 12);
  private expansion = 0;
  private readonly limits: Float64Array | null;
  private readonly groupTotal: Float64Array;
  /** Totals of the groups left out since the last one kept (pruning only): one placeholder frame. */
  private readonly runTotal: Float64Array;
  private readonly outNames: { names: FrameTree['names']; extras: FrameTree['extras'] };
  private readonly narrowName: number;

  constructor(
    private readonly tree: FrameTree,
    private readonly origins: Int32Array,
    private readonly columns: readonly Float64Array[],
    maxFrames: number,
    private readonly prune: PruneRequest | null,
  ) {
    this.C = columns.length;
    this.arenaValue = new Float64Array(1024 * this.C);
    this.limits = prune?.limits ?? null;
    this.groupTotal = new Float64Array(columns.length);
    this.runTotal = new Float64Array(columns.length);
    this.pending = new PendingFrames(columns.length, prune !== null);
    this.rank = nameRanks(tree.names);
    const named = prune ? withName(tree.names, tree.extras, NARROW_FRAMES_NAME) : null;
    this.outNames = named ? { names: named.names, extras: named.extras } : { names: tree.names, extras: tree.extras };
    this.narrowName = named ? named.id : -1;
    // at most one output frame per (origin, ancestor) pair, plus the root
    let bound = 1;
    for (let k = 0; k < origins.length; k++) bound += tree.depth[origins[k]!]!;
    this.writer = new PreorderWriter(bound, columns.length, maxFrames, false, prune !== null);
    // the root's candidates are every origin: room for them at once, not by doubling
    const room = Math.max(1024, origins.length);
    this.candKey = new Uint32Array(room);
    this.candFrame = new Int32Array(room);
    this.candSlot = new Int32Array(room);
    this.candValue = new Float64Array(room * this.C);
  }

  run(keepRootSelf: boolean): FrameTree {
    const root = this.writer.push(-1, 0, 0);
    const C = this.C;
    if (keepRootSelf) for (let t = 0; t < C; t++) this.writer.self[t]![root] = this.columns[t]![0]!;
    this.candCount = 0;
    // origins are distinct frames: no pairs to merge yet
    for (let k = 0; k < this.origins.length; k++) {
      const origin = this.origins[k]!;
      const c = this.newCandidate(origin);
      for (let t = 0; t < C; t++) this.candValue[c * C + t] = this.columns[t]![origin]!;
    }
    if (this.limits) {
      this.sumGroup(0, this.candCount);
      for (let t = 0; t < C; t++) this.writer.total![t]![root] = this.groupTotal[t]! + this.writer.self[t]![root]!;
    }
    this.pushGroups(root, 0);
    while (this.pending.top > 0) this.emitNext();
    return derivedTree(this.tree, this.writer.finish(), this.outNames, this.prune ? this.narrowName : undefined);
  }

  private emitNext(): void {
    const pending = this.pending;
    const e = --pending.top;
    const start = pending.start[e]!;
    const end = start + pending.count[e]!;
    const depth = pending.depth[e]!;
    const parent = this.tree.parent;
    const C = this.C;
    if (end === start + 1) {
      // one pair left: its path up is a chain with nothing to merge — written in one loop
      this.arenaTop = start;
      const nameId = this.tree.nameId;
      let out = this.writer.push(pending.parent[e]!, pending.name[e]!, depth);
      let d = depth;
      if (this.limits) pending.copyTotals(e, this.writer.total!, out);
      for (let up = parent[this.arenaFrame[start]!]!; up > 0; up = parent[up]!) {
        out = this.writer.push(out, nameId[up]!, ++d);
        if (this.limits) pending.copyTotals(e, this.writer.total!, out);
      }
      this.addValue(out, start);
      return;
    }
    const out = this.writer.push(pending.parent[e]!, pending.name[e]!, depth);
    if (this.limits) pending.copyTotals(e, this.writer.total!, out);
    this.candCount = 0;
    // a table at most half full: twice the pairs, a power of two
    const need = (end - start) * 2;
    if (this.slotFrame.length < need) {
      let size = this.slotFrame.length;
      while (size < need) size *= 2;
      this.slotFrame = new Int32Array(size);
      this.slotCand = new Int32Array(size);
      this.slotStamp = new Int32Array(size);
      this.expansion = 0;
    }
    const expansion = ++this.expansion;
    const { slotFrame, slotCand, slotStamp } = this;
    const mask = slotFrame.length - 1;
    for (let k = start; k < end; k++) {
      const up = parent[this.arenaFrame[k]!]!;
      if (up <= 0) {
        this.addValue(out, k);
        continue;
      }
      let h = Math.imul(up, 0x9e3779b1) & mask;
      while (slotStamp[h] === expansion && slotFrame[h] !== up) h = (h + 1) & mask;
      if (slotStamp[h] === expansion) {
        const c = slotCand[h]!;
        for (let t = 0; t < C; t++) this.candValue[c * C + t] = this.candValue[c * C + t]! + this.arenaValue[k * C + t]!;
      } else {
        const c = this.newCandidate(up);
        slotStamp[h] = expansion;
        slotFrame[h] = up;
        slotCand[h] = c;
        for (let t = 0; t < C; t++) this.candValue[c * C + t] = this.arenaValue[k * C + t]!;
      }
    }
    this.arenaTop = start;
    this.pushGroups(out, depth);
  }

  /** Sums the values of (sorted) candidates [begin, end) into `groupTotal`. */
  private sumGroup(begin: number, end: number): void {
    const C = this.C;
    for (let t = 0; t < C; t++) {
      let sum = 0;
      for (let k = begin; k < end; k++) sum += this.candValue[this.candSlot[k]! * C + t]!;
      this.groupTotal[t] = sum;
    }
  }

  /** Adds the values of arena pair `k` to output frame `out`'s self. */
  private addValue(out: number, k: number): void {
    const self = this.writer.self;
    const C = this.C;
    for (let t = 0; t < C; t++) {
      const column = self[t]!;
      column[out] = column[out]! + this.arenaValue[k * C + t]!;
    }
  }

  /** A new candidate for input frame `frame` (its values slot is its position; set by the caller). */
  private newCandidate(frame: number): number {
    if (this.candCount === this.candKey.length) {
      this.candKey = grow(this.candKey);
      this.candFrame = grow(this.candFrame);
      this.candSlot = grow(this.candSlot);
      this.candValue = grow(this.candValue);
    }
    const k = this.candCount++;
    this.candKey[k] = this.rank[this.tree.nameId[frame]!]!;
    this.candFrame[k] = frame;
    this.candSlot[k] = k;
    return k;
  }

  /** One pending frame per name group, last name first (see Rewriter.pushGroups for why). */
  private pushGroups(parent: number, parentDepth: number): void {
    const count = this.candCount;
    if (count === 0) return;
    if (!isStrictlyIncreasing(this.candKey, count)) sortByKey(this.candKey, this.candFrame, count, this.candSlot);
    let end = count;
    let run = false;
    while (end > 0) {
      let begin = end - 1;
      while (begin > 0 && this.candKey[begin - 1] === this.candKey[end - 1]) begin--;
      if (this.limits) {
        this.sumGroup(begin, end);
        if (allBelow(this.groupTotal, this.limits)) {
          // left out: adjacent groups left out become one placeholder frame, in their place
          this.prune!.pruned++;
          addInto(this.runTotal, this.groupTotal);
          run = true;
        } else {
          if (run) this.pushPlaceholder(parent, parentDepth + 1);
          run = false;
          this.pushPending(parent, parentDepth + 1, begin, end);
        }
      } else this.pushPending(parent, parentDepth + 1, begin, end);
      end = begin;
    }
    if (run) this.pushPlaceholder(parent, parentDepth + 1);
  }

  /** Pushes a pending placeholder frame (no pairs) with the totals of the run of groups left out. */
  private pushPlaceholder(parent: number, depth: number): void {
    this.pending.push(parent, this.narrowName, depth, this.arenaTop, 0, this.runTotal);
    this.runTotal.fill(0);
  }

  private pushPending(parent: number, depth: number, begin: number, end: number): void {
    const C = this.C;
    while (this.arenaTop + (end - begin) > this.arenaFrame.length) {
      this.arenaFrame = grow(this.arenaFrame);
      this.arenaValue = grow(this.arenaValue);
    }
    this.pending.push(parent, this.tree.nameId[this.candFrame[begin]!]!, depth, this.arenaTop, end - begin, this.limits ? this.groupTotal : null);
    for (let k = begin; k < end; k++) {
      const a = this.arenaTop++;
      this.arenaFrame[a] = this.candFrame[k]!;
      const slot = this.candSlot[k]! * C;
      for (let t = 0; t < C; t++) this.arenaValue[a * C + t] = this.candValue[slot + t]!;
    }
  }
}
