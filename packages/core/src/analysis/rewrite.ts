import type { FrameTree } from '../model/frame-tree.ts';
import { DEFAULT_MAX_FRAMES } from '../model/frame-tree-builder.ts';
import { newArray, recycle } from './buffer-pool.ts';
import { grow, LeftOutRun, PendingFrames } from './pending-frames.ts';
import { nameRanks } from './name-order.ts';
import { changedBelow, framesLeadingTo, framesLeft, KEPT, MERGED, outermostFrames, type ChildLinks } from './rewrite-frames.ts';
import { isStrictlyIncreasing, sortByKey } from './sort-by-key.ts';
import { withName } from './name-order.ts';
import { derivedTree, NARROW_FRAMES_NAME, PreorderWriter, selfColumnsOf, totalColumnsOf, type DerivedNames, type PruneRequest } from './tree-writer.ts';

/**
 * How a rewrite treats the input frames (each rule is one transform, see transforms.ts):
 *
 *   hide      matching frames vanish; their self goes to the caller, their callees move up to it
 *   drop      matching frames vanish with everything below them (stacks through them are removed)
 *   focus     stacks through a matching frame, re-rooted at the outermost matching frame
 *   keep      stacks through a matching frame, not re-rooted (the other stacks are removed)
 *   direct    a frame called by a frame of the same name vanishes into it (f → f → f becomes f)
 *   collapse  a run of frames of one module becomes one frame named after the module
 *   linked    the input's children come from `links` (merge-recursion builds them), frames marked there vanish
 */
export type RewriteRule =
  | { readonly op: 'hide' | 'drop' | 'keep'; readonly mask: Uint8Array }
  /** `roots`: the outermost matching frames, when the caller has them already (a sandwich). */
  | { readonly op: 'focus'; readonly mask: Uint8Array; readonly roots?: Int32Array }
  | { readonly op: 'direct'; readonly mask: Uint8Array | null }
  | { readonly op: 'collapse'; readonly mask: Uint8Array; readonly moduleName: number }
  | { readonly op: 'linked'; readonly links: ChildLinks };

// What happens to one input frame met below an output frame.
const KEEP = 0; // becomes (or merges into) a child of the output frame
const KEEP_NO_SELF = 1; // the same, without its own self value (it only leads to kept stacks)
const SKIP = 2; // vanishes: self to the output frame, its children are looked at in its place
const DROP = 3; // vanishes with its subtree

// Modes of an output frame's expansion: below a match (or no matching needed), or still looking for one.
const NORMAL = 0;
const SEARCH = 1;

const OPS = { hide: 0, drop: 1, focus: 2, keep: 3, direct: 4, collapse: 5, linked: 6 } as const;

/**
 * Rewrites a tree by one rule and returns the new tree (same kind, same value columns), written directly
 * in depth-first pre-order. Each output frame is the merge of a group of input frames (its sources): its
 * children are the kept frames found below its sources, grouped by name in name order, so frames that a
 * rule brings together (the callees of a hidden frame and its caller's own callees, every occurrence of a
 * focused function) merge exactly as FrameTreeBuilder would merge their stacks — without building a trie.
 * Input children are already in name order, so most groups need no sorting.
 */
export function rewriteTree(tree: FrameTree, rule: RewriteRule, names: DerivedNames = { names: tree.names, extras: tree.extras }, prune: PruneRequest | null = null): FrameTree {
  return new Rewriter(tree, rule, names, prune).run();
}

/** Rules whose output totals are known before their frames are written (everything but `keep`). */
export function canPrune(rule: RewriteRule): boolean {
  return rule.op !== 'keep';
}

class Rewriter {
  private readonly op: number;
  private readonly mask: Uint8Array | null;
  private readonly moduleName: number;
  /** Per input frame: `keep`, leads to a match; `drop`, is left (see framesLeft). */
  private readonly contains: Uint8Array | null;
  private readonly links: ChildLinks | null;
  private readonly roots: Int32Array | null;
  /**
   * Per input frame, 1 when the rule changes something strictly below it; a frame met alone (one source)
   * with nothing changed below is copied with its whole subtree in one pass. Null: nothing below a
   * frame in NORMAL mode ever changes (focus, keep), or the links tell (linked; see unchangedBelow).
   */
  private readonly changedBelow: Uint8Array | null;
  private readonly columns: readonly Float64Array[];
  private readonly rank: Uint32Array;
  private readonly writer: PreorderWriter;
  /**
   * When pruning: per column, the value each input frame brings to the output frame it becomes part of
   * (its total, or what is left of it after a drop or a merge), and the limits under which a group goes.
   */
  private readonly contribution: readonly Float64Array[] | null;
  private readonly limits: Float64Array | null;
  /** The input's totals, read for the frames a recursion merge leaves as they are (pruning only). */
  private readonly inputTotals: readonly Float64Array[] | null;
  /** Totals of the group being considered (pruning only). */
  private readonly groupTotal: Float64Array;
  /** Pruning: the groups left out next to each other, one placeholder frame. */
  private readonly leftOut: LeftOutRun | null;
  /** The names of the output (the input's, with the placeholder's name when pruning) and that name's id. */
  private readonly outNames: DerivedNames;
  private readonly narrowName: number;
  /** Pending output frames (a stack), their sources in `arena`. */
  private readonly pending: PendingFrames;
  /** Sources of pending frames; ~frame (negative) marks a source whose own self is left out. */
  private arena = new Int32Array(1024);
  private arenaTop = 0;
  // candidates of the frame being expanded: key = name rank, frame (~frame without self), output name
  private candKey = new Uint32Array(256);
  private candFrame = new Int32Array(256);
  private candName = new Int32Array(256);
  private candCount = 0;
  /** Frames whose children are looked at for the current output frame (skipped or passed frames). */
  private walk = new Int32Array(256);
  private walkTop = 0;

  constructor(
    private readonly tree: FrameTree,
    rule: RewriteRule,
    private readonly names: DerivedNames,
    private readonly prune: PruneRequest | null,
  ) {
    if (prune && !canPrune(rule)) throw new Error(`a ${rule.op} rewrite cannot be pruned`);
    this.op = OPS[rule.op];
    this.mask = 'mask' in rule ? rule.mask : null;
    this.moduleName = rule.op === 'collapse' ? rule.moduleName : -1;
    this.links = rule.op === 'linked' ? rule.links : null;
    this.roots = rule.op === 'focus' ? (rule.roots ?? outermostFrames(tree, rule.mask)) : null;
    this.columns = selfColumnsOf(tree);
    this.contains = rule.op === 'keep' ? framesLeadingTo(tree, rule.mask) : rule.op === 'drop' ? framesLeft(tree, rule.mask, this.columns) : null;
    this.changedBelow = changedBelow(tree, rule);
    this.rank = nameRanks(names.names);
    this.limits = prune?.limits ?? null;
    this.contribution = prune ? contributionsOf(tree, rule, this.columns) : null;
    this.inputTotals = prune && this.links ? totalColumnsOf(tree) : null;
    this.groupTotal = new Float64Array(this.columns.length);
    this.pending = new PendingFrames(this.columns.length, prune !== null);
    const named = prune ? withName(names.names, names.extras, NARROW_FRAMES_NAME) : null;
    this.outNames = named ? { names: named.names, extras: named.extras } : names;
    this.narrowName = named ? named.id : -1;
    this.leftOut = prune ? new LeftOutRun(this.columns.length, prune, this.narrowName) : null;
    // a rewrite never has more frames than its input
    this.writer = new PreorderWriter(tree.length, this.columns.length, Math.max(tree.length, DEFAULT_MAX_FRAMES), tree.depth instanceof Uint32Array, prune !== null);
  }

  run(): FrameTree {
    this.candCount = 0;
    if (this.op === OPS.focus) {
      // the root's children are the outermost matching frames
      const root = this.writer.push(-1, 0, 0);
      const roots = this.roots!;
      for (let k = 0; k < roots.length; k++) this.addCandidate(roots[k]!, this.tree.nameId[roots[k]!]!);
      if (this.contribution) {
        this.sumGroup(0, this.candCount);
        for (let t = 0; t < this.columns.length; t++) this.writer.total![t]![root] = this.groupTotal[t]!;
      }
      this.pushGroups(root, 0, NORMAL);
    } else {
      const searching = this.op === OPS.keep;
      this.addCandidate(searching ? ~0 : 0, 0);
      this.pushGroups(-1, -1, searching ? SEARCH : NORMAL);
    }
    while (this.pending.top > 0) this.emitNext();
    recycle(this.changedBelow, this.contains);
    if (this.contribution && this.op === OPS.drop) recycle(...this.contribution);
    return derivedTree(this.tree, this.writer.finish(), this.outNames, this.prune ? this.narrowName : undefined);
  }

  /** Pops the next pending frame, writes it, and pushes its children (grouped candidates) as pending. */
  private emitNext(): void {
    const pending = this.pending;
    const e = --pending.top;
    const start = pending.start[e]!;
    const count = pending.count[e]!;
    const mode = pending.mode[e]!;
    const depth = pending.depth[e]!;
    const name = pending.name[e]!;
    const single = this.arena[start]!;
    if (count === 1 && single >= 0 && mode === NORMAL && this.unchangedBelow(single)) {
      const top = { parent: pending.parent[e]!, nameId: name, depth };
      if (this.limits) this.prune!.pruned += this.writer.appendPrunedSubtree(this.tree, single, this.columns, this.limits, top, this.narrowName);
      else this.writer.appendSubtree(this.tree, single, this.columns, top);
      this.arenaTop = start;
      return;
    }
    const out = this.writer.push(pending.parent[e]!, name, depth);
    if (this.limits) pending.copyTotals(e, this.writer.total!, out);
    this.candCount = 0;
    for (let k = start; k < start + count; k++) {
      const source = this.arena[k]!;
      if (source >= 0) this.addSelf(out, source);
      this.scan(source < 0 ? ~source : source, out, name, mode);
    }
    while (this.walkTop > 0) this.scan(this.walk[--this.walkTop]!, out, name, mode);
    this.arenaTop = start;
    this.pushGroups(out, depth, mode);
  }

  /** True when the rule changes nothing strictly below input frame `frame` (its subtree can be copied). */
  private unchangedBelow(frame: number): boolean {
    return this.links ? this.links.listOf[frame] === 0 : !this.changedBelow?.[frame];
  }

  /** Looks at the children of input frame `frame` on behalf of output frame `out`. */
  private scan(frame: number, out: number, outName: number, mode: number): void {
    const links = this.links;
    const list = links ? links.listOf[frame]! : 0;
    if (list !== 0) {
      for (let c = links!.firstChild[list]!; c >= 0; c = links!.nextSibling[c]!) this.visit(c, out, outName, mode);
      return;
    }
    if (links && links.state[frame] === MERGED) return; // its callees are in its target's list
    const subtreeEnd = this.tree.subtreeEnd;
    const end = subtreeEnd[frame]!;
    for (let c = frame + 1; c < end; c = subtreeEnd[c]!) this.visit(c, out, outName, mode);
  }

  private visit(c: number, out: number, outName: number, mode: number): void {
    const name = this.tree.nameId[c]!;
    switch (this.classify(c, name, outName, mode)) {
      case KEEP:
        this.addCandidate(c, this.op === OPS.collapse && this.mask![name] ? this.moduleName : name);
        break;
      case KEEP_NO_SELF:
        this.addCandidate(~c, name);
        break;
      case SKIP:
        this.addSelf(out, c);
        this.pushWalk(c);
        break;
      default: // DROP
    }
  }

  private classify(c: number, name: number, outName: number, mode: number): number {
    const mask = this.mask;
    switch (this.op) {
      case OPS.hide:
        return mask![name] ? SKIP : KEEP;
      case OPS.drop:
        return this.contains![c] ? KEEP : DROP;
      case OPS.focus: // the search above the matches is done by run()
        return KEEP;
      case OPS.keep:
        if (mode === NORMAL || mask![name]) return KEEP;
        return this.contains![c] ? KEEP_NO_SELF : DROP;
      case OPS.direct:
        return name === outName && (mask === null || mask[name]) ? SKIP : KEEP;
      case OPS.collapse:
        return mask![name] && outName === this.moduleName ? SKIP : KEEP;
      default: {
        // linked
        const state = this.links!.state[c];
        return state === MERGED ? SKIP : state === KEPT ? KEEP : DROP;
      }
    }
  }

  private addSelf(out: number, frame: number): void {
    const columns = this.columns;
    const self = this.writer.self;
    for (let t = 0; t < columns.length; t++) {
      const column = self[t]!;
      column[out] = column[out]! + columns[t]![frame]!;
    }
  }

  private addCandidate(frame: number, outName: number): void {
    if (this.candCount === this.candKey.length) {
      this.candKey = grow(this.candKey);
      this.candFrame = grow(this.candFrame);
      this.candName = grow(this.candName);
    }
    const k = this.candCount++;
    this.candKey[k] = this.rank[outName]!;
    this.candFrame[k] = frame;
    this.candName[k] = outName;
  }

  private pushWalk(frame: number): void {
    if (this.walkTop === this.walk.length) this.walk = grow(this.walk);
    this.walk[this.walkTop++] = frame;
  }

  /**
   * Groups the candidates by name and pushes one pending frame per group, last name first, so the first
   * name pops first and its sources sit on top of the arena (a pending frame's sources are freed when it
   * is expanded, so the arena works as a stack).
   */
  private pushGroups(parent: number, parentDepth: number, mode: number): void {
    const count = this.candCount;
    if (count === 0) return;
    if (!isStrictlyIncreasing(this.candKey, count)) sortByKey(this.candKey, this.candFrame, count, this.candName);
    let end = count;
    while (end > 0) {
      let begin = end - 1;
      while (begin > 0 && this.candKey[begin - 1] === this.candKey[end - 1]) begin--;
      if (this.limits) this.sumGroup(begin, end);
      // the root's children (parent -1) are never left out
      if (parent < 0 || !this.leftOut?.leaveOut(this.groupTotal)) {
        this.leftOut?.close(this.pending, parent, parentDepth + 1, this.arenaTop);
        this.pushPending(parent, parentDepth + 1, begin, end, mode);
      }
      end = begin;
    }
    this.leftOut?.close(this.pending, parent, parentDepth + 1, this.arenaTop);
  }

  /** Sums the contributions of candidates [begin, end) into `groupTotal`. */
  private sumGroup(begin: number, end: number): void {
    const contribution = this.contribution!;
    const links = this.links;
    for (let t = 0; t < contribution.length; t++) {
      const column = contribution[t]!;
      let sum = 0;
      if (links) {
        // the links' totals are per list: frames without one keep their input totals
        const input = this.inputTotals![t]!;
        for (let k = begin; k < end; k++) {
          const frame = this.candFrame[k]!;
          const list = links.listOf[frame]!;
          sum += list !== 0 ? column[list]! : input[frame]!;
        }
      } else for (let k = begin; k < end; k++) sum += column[this.candFrame[k]!]!;
      this.groupTotal[t] = sum;
    }
  }

  private pushPending(parent: number, depth: number, begin: number, end: number, mode: number): void {
    while (this.arenaTop + (end - begin) > this.arena.length) this.arena = grow(this.arena);
    const p = this.pending.push(parent, this.candName[begin]!, depth, this.arenaTop, end - begin, this.limits ? this.groupTotal : null);
    // `keep` searches on below frames kept only because they lead to a match (their self is left out)
    this.pending.mode[p] = mode === SEARCH && parent >= 0 && this.candFrame[begin]! >= 0 ? NORMAL : mode;
    for (let k = begin; k < end; k++) this.arena[this.arenaTop++] = this.candFrame[k]!;
  }
}

/**
 * Per column, what each input frame brings to the output frame it joins, for the rules that can prune:
 * its whole total where the rule keeps everything below a kept frame (hide, focus, merging direct
 * recursion, collapse), what the drop leaves of it, or what a recursion merge gathers under it (for the
 * frames with a change below them; sumGroup reads the input totals of the others).
 */
function contributionsOf(tree: FrameTree, rule: RewriteRule, selfColumns: readonly Float64Array[]): readonly Float64Array[] {
  if (rule.op === 'drop') return selfColumns.map((self) => survivingTotals(tree, self, rule.mask));
  if (rule.op === 'linked') {
    if (!rule.links.totals) throw new Error('a pruned recursion merge needs the links made with their totals');
    return rule.links.totals;
  }
  return totalColumnsOf(tree);
}

/** What `drop` leaves of each frame's total: the self values below it that no matching frame is above. */
function survivingTotals(tree: FrameTree, self: Float64Array, mask: Uint8Array): Float64Array {
  const { parent, nameId } = tree;
  const sum = newArray(Float64Array, tree.length);
  for (let i = tree.length - 1; i > 0; i--) {
    if (mask[nameId[i]!]) {
      sum[i] = 0;
      continue;
    }
    const value = sum[i]! + self[i]!;
    sum[i] = value;
    sum[parent[i]!] = sum[parent[i]!]! + value;
  }
  if (tree.length > 0) sum[0] = sum[0]! + self[0]!;
  return sum;
}

