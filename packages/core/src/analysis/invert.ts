import type { FrameTree } from '../model/frame-tree.ts';
import { DEFAULT_MAX_FRAMES } from '../model/frame-tree-builder.ts';
import { newArray, recycle } from './buffer-pool.ts';
import { nameRanks } from './name-order.ts';
import { isStrictlyIncreasing, sortByKey } from './sort-by-key.ts';
import { grow, LeftOutRun, PendingFrames } from './pending-frames.ts';
import { withName } from './name-order.ts';
import { derivedTree, NARROW_FRAMES_NAME, PreorderWriter, selfColumnsOf, totalColumnsOf, type PruneRequest } from './tree-writer.ts';

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
  const origins = originsOf(tree, columns);
  return new UpwardWriter(tree, origins.frames, columns, maxFrames, prune, origins).run(true);
}

/**
 * The pairs an inversion starts from: the frames with a self value in any column, and those values,
 * grouped by name — the root's children — last name first (see UpwardWriter.pushRootGroups).
 */
interface Origins {
  /** Name by name, last name (in name order) first; in pre-order within a name. */
  readonly frames: Int32Array;
  /** `columns` values per frame, frame by frame. */
  readonly values: Float64Array;
  /** Group g is frames [groupStart[g], groupStart[g + 1]) with name `groupName[g]`; C sums per group. */
  readonly groupStart: Int32Array;
  readonly groupName: Int32Array;
  readonly groupSum: Float64Array;
  /** Per column, the sum of every origin's value. */
  readonly whole: Float64Array;
  /** The sum of the origins' depths: with the root, a bound on the inverted tree's frames. */
  readonly depthSum: number;
  /**
   * Per origin, its parent and the parent's name (-1: none), in the same order: the root's children
   * lift their pairs (the origins, in place in the arena) by reading these in order, not the tree.
   */
  readonly up: Int32Array;
  readonly upName: Int32Array;
}

const originsCache = new WeakMap<FrameTree, Origins>();

/**
 * The origins of `tree`'s inversion, found in one pass over its frames, grouped by name (a counting sort
 * by name rank) and kept per tree (12 + 8 bytes a column per origin): inverting the same tree again (the
 * inverted toggle, a preview then the exact view) starts from the root's children as they are, without
 * reading every frame's columns or sorting a million origins again.
 */
function originsOf(tree: FrameTree, columns: readonly Float64Array[]): Origins {
  const steps = findOrigins(tree, columns, Infinity);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Frames one step of `findOrigins` reads in idle time: a few milliseconds, what a request may wait for. */
const STEP_FRAMES = 1 << 18;

/** `originsOf` a step at a time (each `next()` reads up to `stepFrames` frames; see `prepareInversion`). */
function* findOrigins(tree: FrameTree, columns: readonly Float64Array[], stepFrames: number): Generator<void, Origins> {
  const cached = originsCache.get(tree);
  if (cached) return cached;
  const C = columns.length;
  const { nameId, depth } = tree;
  const rank = nameRanks(tree.names);
  // per rank: how many origins (then where the rank's group starts, counting from the last rank)
  const counts = new Int32Array(tree.names.length);
  let count = 0;
  let depthSum = 0;
  for (let from = 1; from < tree.length; from += stepFrames) {
    const to = Math.min(tree.length, from + stepFrames);
    for (let i = from; i < to; i++) {
      let any = false;
      for (let t = 0; t < C && !any; t++) any = columns[t]![i] !== 0;
      if (!any) continue;
      counts[rank[nameId[i]!]!]!++;
      depthSum += depth[i]!;
      count++;
    }
    if (to < tree.length) yield;
  }
  const groupStart: number[] = [];
  const groupName: number[] = [];
  const byRank = new Int32Array(tree.names.length);
  for (let id = 0; id < tree.names.length; id++) byRank[rank[id]!] = id;
  let at = 0;
  for (let r = tree.names.length - 1; r >= 0; r--) {
    const c = counts[r]!;
    if (c === 0) continue;
    groupStart.push(at);
    groupName.push(byRank[r]!);
    counts[r] = at;
    at += c;
  }
  groupStart.push(at);
  const frames = new Int32Array(count);
  const values = new Float64Array(count * C);
  const up = new Int32Array(count);
  const upName = new Int32Array(count);
  for (let from = 1; from < tree.length; from += stepFrames) {
    const to = Math.min(tree.length, from + stepFrames);
    for (let i = from; i < to; i++) {
      let any = false;
      for (let t = 0; t < C && !any; t++) any = columns[t]![i] !== 0;
      if (!any) continue;
      const k = counts[rank[nameId[i]!]!]!++;
      frames[k] = i;
      for (let t = 0; t < C; t++) values[k * C + t] = columns[t]![i]!;
      const p = tree.parent[i]!;
      up[k] = p;
      upName[k] = p > 0 ? nameId[p]! : -1;
    }
    if (to < tree.length) yield;
  }
  const groups = groupName.length;
  const groupSum = new Float64Array(groups * C);
  const whole = new Float64Array(C);
  for (let g = 0; g < groups; g++) {
    for (let k = groupStart[g]!; k < groupStart[g + 1]!; k++) {
      for (let t = 0; t < C; t++) groupSum[g * C + t] = groupSum[g * C + t]! + values[k * C + t]!;
    }
    for (let t = 0; t < C; t++) whole[t] = whole[t]! + groupSum[g * C + t]!;
  }
  const origins = { frames, values, groupStart: Int32Array.from(groupStart), groupName: Int32Array.from(groupName), groupSum, whole, depthSum, up, upName };
  originsCache.set(tree, origins);
  return origins;
}

/**
 * The callers of a function as an inverted tree rooted at it (the upper half of a sandwich): each
 * outermost frame of the function (one per stack, so recursion is not counted twice) read upwards,
 * weighted by its total. `all → f → callers of f → their callers …`; f's total is the function's total.
 */
export function callersTree(tree: FrameTree, outermost: Int32Array, maxFrames = DEFAULT_MAX_FRAMES, prune: PruneRequest | null = null): FrameTree {
  return new UpwardWriter(tree, outermost, totalColumnsOf(tree), maxFrames, prune).run(false);
}

const liftTables = new WeakMap<FrameTree, Int32Array>();

/**
 * Each frame's parent and the parent's name side by side (`[2f]`, `[2f + 1]`; -1 for a frame with no
 * parent): reading a pair's way up costs one cache miss instead of two, and the callers of a frequent
 * function read up to a million pairs' ways up, scattered over the tree. Kept per tree (8 bytes a
 * frame). An inversion does without: most of its lifts are the origins' (see Origins.up).
 */
function liftTable(tree: FrameTree): Int32Array {
  let table = liftTables.get(tree);
  if (table) return table;
  const { parent, nameId } = tree;
  table = newArray(Int32Array, tree.length * 2, false);
  table[0] = -1;
  table[1] = -1;
  for (let f = 1; f < tree.length; f++) {
    const up = parent[f]!;
    table[2 * f] = up;
    table[2 * f + 1] = up > 0 ? nameId[up]! : -1;
  }
  liftTables.set(tree, table);
  return table;
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
  /** The tree's `liftTable` when the pairs of a callers tree are many (null: read `parent` and `nameId`). */
  private readonly lifts: Int32Array | null;
  private readonly writer: PreorderWriter;
  private readonly C: number;
  /** Pending output frames (a stack), their pairs in the arena. */
  private readonly pending: PendingFrames;
  /** Pairs of the pending frames: input frame, and its values (C per pair). */
  private arenaFrame: Int32Array;
  private arenaValue: Float64Array;
  /** Pruning: names of the pairs' frames, written by sumByName for the expansion under way. */
  private arenaName: Int32Array;
  private arenaTop = 0;
  /** Candidates of the frame being expanded: name rank, input frame, slot of their values in `candValue`. */
  private candKey: Uint32Array;
  private candFrame: Int32Array;
  private candSlot: Int32Array;
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
  /** Pruning: per input name, its pairs' sum in the expansion stamped `round` in `nameStamp`. */
  private readonly nameSum: Float64Array;
  private readonly nameStamp: Int32Array;
  /** Pruning: names under the limits in the expansion of round `narrowStamp[name]`. */
  private readonly narrowStamp: Int32Array;
  /** Pruning: the names an expansion met, those under the limits first (`narrowCount`). */
  private readonly touched: Int32Array;
  private narrowCount = 0;
  private round = 0;
  private readonly limits: Float64Array | null;
  private readonly groupTotal: Float64Array;
  /** Pruning: the groups left out next to each other, one placeholder frame. */
  private readonly leftOut: LeftOutRun | null;
  private readonly outNames: { names: FrameTree['names']; extras: FrameTree['extras'] };
  private readonly narrowName: number;

  constructor(
    private readonly tree: FrameTree,
    private readonly origins: Int32Array,
    private readonly columns: readonly Float64Array[],
    maxFrames: number,
    private readonly prune: PruneRequest | null,
    /** `origins` grouped by name, with their values (an inversion; else they are read and grouped here). */
    private readonly grouped: Origins | null = null,
  ) {
    this.C = columns.length;
    this.limits = prune?.limits ?? null;
    this.groupTotal = new Float64Array(columns.length);
    this.pending = new PendingFrames(columns.length, prune !== null);
    this.rank = nameRanks(tree.names);
    // worth building (a pass over the tree, 8 bytes a frame kept) when the pairs are many
    this.lifts = !grouped && (origins.length * 16 >= tree.length || liftTables.has(tree)) ? liftTable(tree) : null;
    // per-call scratch on recycled memory (fresh memory is slow to touch); the stamps start cleared
    const names = prune ? tree.names.length : 0;
    this.nameSum = newArray(Float64Array, names * this.C, false);
    this.nameStamp = newArray(Int32Array, names);
    this.narrowStamp = newArray(Int32Array, names);
    this.touched = newArray(Int32Array, names, false);
    const named = prune ? withName(tree.names, tree.extras, NARROW_FRAMES_NAME) : null;
    this.outNames = named ? { names: named.names, extras: named.extras } : { names: tree.names, extras: tree.extras };
    this.narrowName = named ? named.id : -1;
    this.leftOut = prune ? new LeftOutRun(this.C, prune, this.narrowName) : null;
    // at most one output frame per (origin, ancestor) pair, plus the root
    let bound = 1;
    if (grouped) bound += grouped.depthSum;
    else for (let k = 0; k < origins.length; k++) bound += tree.depth[origins[k]!]!;
    this.writer = new PreorderWriter(bound, columns.length, maxFrames, false, prune !== null);
    // the root's pairs and candidates are every origin: room for them at once, not by doubling
    const room = Math.max(1024, origins.length);
    this.arenaFrame = newArray(Int32Array, room, false);
    this.arenaName = prune ? newArray(Int32Array, room, false) : new Int32Array(0);
    this.arenaValue = newArray(Float64Array, room * this.C, false);
    this.candKey = newArray(Uint32Array, room, false);
    this.candFrame = newArray(Int32Array, room, false);
    this.candSlot = newArray(Int32Array, room, false);
    this.candValue = newArray(Float64Array, room * this.C, false);
  }

  run(keepRootSelf: boolean): FrameTree {
    const root = this.writer.push(-1, 0, 0);
    const C = this.C;
    if (keepRootSelf) for (let t = 0; t < C; t++) this.writer.self[t]![root] = this.columns[t]![0]!;
    // the origins are the root's pairs (the arena has room for them from the start)
    const count = this.origins.length;
    this.arenaFrame.set(this.origins);
    if (this.grouped) {
      this.arenaValue.set(this.grouped.values);
      this.pushRootGroups(root, this.grouped);
    } else {
      for (let k = 0; k < count; k++) {
        const origin = this.origins[k]!;
        for (let t = 0; t < C; t++) this.arenaValue[k * C + t] = this.columns[t]![origin]!;
      }
      if (this.limits) {
        for (let t = 0; t < C; t++) {
          let sum = this.writer.self[t]![root]!;
          for (let k = 0; k < count; k++) sum += this.arenaValue[k * C + t]!;
          this.writer.total![t]![root] = sum;
        }
      }
      this.expand(root, 0, count, 0, false);
    }
    while (this.pending.top > 0) this.emitNext();
    recycle(this.arenaFrame, this.arenaName, this.arenaValue, this.candKey, this.candFrame, this.candSlot, this.candValue);
    recycle(this.nameSum, this.nameStamp, this.narrowStamp, this.touched, this.slotFrame, this.slotCand, this.slotStamp);
    // keepRootSelf: an inversion, whose tree reads the other way up from its input
    const inverted = keepRootSelf ? this.tree.info.inverted !== true : this.tree.info.inverted === true;
    return derivedTree(this.tree, this.writer.finish(), this.outNames, this.prune ? this.narrowName : undefined, inverted);
  }

  /**
   * The root's children straight from the grouped origins, already in the arena as pushGroups would
   * leave them (last name lowest): each name a pending frame over its own pairs, or, when pruning and
   * under the limits, left out (runs of them one placeholder).
   */
  private pushRootGroups(root: number, grouped: Origins): void {
    const C = this.C;
    const { groupStart, groupName, groupSum } = grouped;
    if (this.limits) for (let t = 0; t < C; t++) this.writer.total![t]![root] = this.writer.self[t]![root]! + grouped.whole[t]!;
    for (let g = 0; g < groupName.length; g++) {
      const start = groupStart[g]!;
      if (this.leftOut) {
        for (let t = 0; t < C; t++) this.groupTotal[t] = groupSum[g * C + t]!;
        if (this.leftOut.leaveOut(this.groupTotal)) continue;
        this.leftOut.close(this.pending, root, 1, start);
      }
      this.pending.push(root, groupName[g]!, 1, start, groupStart[g + 1]! - start, this.limits ? this.groupTotal : null);
    }
    this.leftOut?.close(this.pending, root, 1, groupStart[groupName.length]!);
    this.arenaTop = this.origins.length;
  }

  private emitNext(): void {
    const pending = this.pending;
    const e = --pending.top;
    const start = pending.start[e]!;
    const end = start + pending.count[e]!;
    const depth = pending.depth[e]!;
    if (end === start + 1) {
      // one pair left: its path up is a chain with nothing to merge — written in one loop
      this.arenaTop = start;
      const { parent, nameId } = this.tree;
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
    // the root's children (pushRootGroups) have their pairs where the origins are in `grouped`
    this.expand(out, start, end, depth, true, depth === 1 ? this.grouped : null);
  }

  /**
   * Groups the pairs [start, end) of output frame `out` into its children: the pairs' parents (`lift`), or
   * the pairs' frames themselves (the root, whose pairs are the origins, distinct frames), merged per frame
   * and grouped by name. A pair with no parent left adds its value to `out`'s self. When pruning, the pairs'
   * values are summed per name first: a name under the limits becomes one stand-in candidate holding that
   * sum (to be left out in its place), and its pairs are neither merged nor sorted.
   */
  private expand(out: number, start: number, end: number, depth: number, lift: boolean, aligned: Origins | null = null): void {
    const { lifts } = this;
    const parent = this.tree.parent;
    const nameId = this.tree.nameId;
    const C = this.C;
    const round = this.limits ? this.sumByName(start, end, lift, aligned) : 0;
    const narrowStamp = this.narrowStamp;
    this.candCount = 0;
    if (lift) {
      // a table at most half full: twice the pairs, a power of two
      const need = (end - start) * 2;
      if (this.slotFrame.length < need) {
        let size = this.slotFrame.length;
        while (size < need) size *= 2;
        recycle(this.slotFrame, this.slotCand, this.slotStamp);
        this.slotFrame = newArray(Int32Array, size, false);
        this.slotCand = newArray(Int32Array, size, false);
        this.slotStamp = newArray(Int32Array, size);
        this.expansion = 0;
      }
    }
    const expansion = ++this.expansion;
    const { slotFrame, slotCand, slotStamp } = this;
    const mask = slotFrame.length - 1;
    // when pruning, sumByName has put each pair's frame up a level already (if `lift`), its name beside it
    const lifted = round !== 0;
    for (let k = start; k < end; k++) {
      const f = this.arenaFrame[k]!;
      let up = f;
      if (lift && !lifted) up = aligned ? aligned.up[k]! : lifts ? lifts[2 * f]! : parent[f]!;
      if (up <= 0) {
        this.addValue(out, k);
        continue;
      }
      let name: number;
      if (lifted) name = this.arenaName[k]!;
      else if (!lift) name = nameId[f]!;
      else name = aligned ? aligned.upName[k]! : lifts ? lifts[2 * f + 1]! : nameId[up]!;
      if (lifted && narrowStamp[name] === round) continue;
      if (!lift) {
        const c = this.newCandidate(up, name);
        for (let t = 0; t < C; t++) this.candValue[c * C + t] = this.arenaValue[k * C + t]!;
        continue;
      }
      let h = Math.imul(up, 0x9e3779b1) & mask;
      while (slotStamp[h] === expansion && slotFrame[h] !== up) h = (h + 1) & mask;
      if (slotStamp[h] === expansion) {
        const c = slotCand[h]!;
        for (let t = 0; t < C; t++) this.candValue[c * C + t] = this.candValue[c * C + t]! + this.arenaValue[k * C + t]!;
      } else {
        const c = this.newCandidate(up, name);
        slotStamp[h] = expansion;
        slotFrame[h] = up;
        slotCand[h] = c;
        for (let t = 0; t < C; t++) this.candValue[c * C + t] = this.arenaValue[k * C + t]!;
      }
    }
    for (let i = 0; i < this.narrowCount; i++) {
      const name = this.touched[i]!;
      const c = this.newStandIn(name);
      for (let t = 0; t < C; t++) this.candValue[c * C + t] = this.nameSum[name * C + t]!;
    }
    this.narrowCount = 0;
    this.arenaTop = start;
    this.pushGroups(out, depth);
  }

  /**
   * Pruning: sums the values of pairs [start, end) per name of their parent (`lift`) or own frame, and
   * lists the names whose sums are under the limits first in `touched` (`narrowCount` of them), stamped
   * in `narrowStamp` with the round returned. Each pair's frame is replaced by its parent (`lift`) and
   * that frame's name is put in `arenaName` (-1: none): `expand` then reads them in order instead of
   * looking the scattered frames up again.
   */
  private sumByName(start: number, end: number, lift: boolean, aligned: Origins | null): number {
    const { lifts } = this;
    const parent = this.tree.parent;
    const nameId = this.tree.nameId;
    const C = this.C;
    const { nameStamp, nameSum, touched, narrowStamp } = this;
    const limits = this.limits!;
    const round = ++this.round;
    let count = 0;
    const { arenaFrame, arenaName } = this;
    for (let k = start; k < end; k++) {
      const f = arenaFrame[k]!;
      let name: number;
      if (!lift) name = nameId[f]!;
      else if (aligned) {
        name = aligned.upName[k]!;
        arenaFrame[k] = aligned.up[k]!;
      } else {
        const up = lifts ? lifts[2 * f]! : parent[f]!;
        name = up <= 0 ? -1 : lifts ? lifts[2 * f + 1]! : nameId[up]!;
        arenaFrame[k] = up;
      }
      arenaName[k] = name;
      if (name < 0) continue;
      if (nameStamp[name] !== round) {
        nameStamp[name] = round;
        for (let t = 0; t < C; t++) nameSum[name * C + t] = 0;
        touched[count++] = name;
      }
      for (let t = 0; t < C; t++) nameSum[name * C + t] = nameSum[name * C + t]! + this.arenaValue[k * C + t]!;
    }
    let narrow = 0;
    for (let i = 0; i < count; i++) {
      const name = touched[i]!;
      let below = true;
      for (let t = 0; t < C && below; t++) below = nameSum[name * C + t]! < limits[t]!;
      if (below) {
        narrowStamp[name] = round;
        touched[narrow++] = name;
      }
    }
    this.narrowCount = narrow;
    return round;
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

  /** A new candidate for input frame `frame`, named `name` (its values slot is its position; set by the caller). */
  private newCandidate(frame: number, name: number): number {
    const k = this.nextCandidate();
    this.candKey[k] = this.rank[name]!;
    this.candFrame[k] = frame;
    return k;
  }

  /** A stand-in candidate for the pairs of a name left out (pruning): no frame, values set by the caller. */
  private newStandIn(name: number): number {
    const k = this.nextCandidate();
    this.candKey[k] = this.rank[name]!;
    this.candFrame[k] = -1;
    return k;
  }

  private nextCandidate(): number {
    if (this.candCount === this.candKey.length) {
      this.candKey = grow(this.candKey);
      this.candFrame = grow(this.candFrame);
      this.candSlot = grow(this.candSlot);
      this.candValue = grow(this.candValue);
    }
    const k = this.candCount++;
    this.candSlot[k] = k;
    return k;
  }

  /** One pending frame per name group, last name first (see Rewriter.pushGroups for why). */
  private pushGroups(parent: number, parentDepth: number): void {
    const count = this.candCount;
    if (count === 0) return;
    if (!isStrictlyIncreasing(this.candKey, count)) sortByKey(this.candKey, this.candFrame, count, this.candSlot);
    let end = count;
    while (end > 0) {
      let begin = end - 1;
      while (begin > 0 && this.candKey[begin - 1] === this.candKey[end - 1]) begin--;
      if (this.leftOut) this.sumGroup(begin, end);
      if (!this.leftOut?.leaveOut(this.groupTotal)) {
        this.leftOut?.close(this.pending, parent, parentDepth + 1, this.arenaTop);
        this.pushPending(parent, parentDepth + 1, begin, end);
      }
      end = begin;
    }
    this.leftOut?.close(this.pending, parent, parentDepth + 1, this.arenaTop);
  }

  private pushPending(parent: number, depth: number, begin: number, end: number): void {
    const C = this.C;
    while (this.arenaTop + (end - begin) > this.arenaFrame.length) {
      this.arenaFrame = grow(this.arenaFrame);
      this.arenaValue = grow(this.arenaValue);
      if (this.limits) this.arenaName = grow(this.arenaName);
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

/**
 * Finds and keeps the origins of `tree`'s inversion a step at a time, for an idle worker: the first
 * inversion of a large tree then starts from them (on s1m, about 0.1 s of its cold first use). Returns the
 * bytes they hold.
 */
export function* prepareInversion(tree: FrameTree, stepFrames = STEP_FRAMES): Generator<void, number> {
  const o = yield* findOrigins(tree, selfColumnsOf(tree), stepFrames);
  return o.frames.byteLength + o.values.byteLength + o.up.byteLength + o.upName.byteLength + o.groupStart.byteLength + o.groupName.byteLength + o.groupSum.byteLength;
}

/** Whether the origins of `tree`'s inversion are kept (tests). */
export function hasInversionOrigins(tree: FrameTree): boolean {
  return originsCache.has(tree);
}
