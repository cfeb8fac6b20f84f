import { newArray, recycle } from './buffer-pool.ts';
import { addInto, allBelow, type PruneRequest } from './tree-writer.ts';

/**
 * The stack of output frames a merge emitter (Rewriter, UpwardWriter) has grouped but not written yet:
 * each one's parent in the output, name, depth, where its sources sit in the emitter's arena, and, when
 * pruning, its totals (`columns` values per frame), known before it is written.
 */
export class PendingFrames {
  parent = new Int32Array(256);
  name = new Int32Array(256);
  depth = new Int32Array(256);
  start = new Int32Array(256);
  count = new Int32Array(256);
  /** The Rewriter's expansion mode per frame (the UpwardWriter has none). */
  mode = new Uint8Array(256);
  /** Totals, `columns` per frame (pruning only). */
  total: Float64Array;
  top = 0;

  constructor(
    private readonly columns: number,
    withTotals: boolean,
  ) {
    this.total = new Float64Array(withTotals ? 256 * columns : 0);
  }

  /** Pushes a frame and returns its slot; `totals` (pruning) are copied, `mode` is the caller's to set. */
  push(parent: number, name: number, depth: number, start: number, count: number, totals: Float64Array | null): number {
    if (this.top === this.parent.length) {
      this.parent = grow(this.parent);
      this.name = grow(this.name);
      this.depth = grow(this.depth);
      this.start = grow(this.start);
      this.count = grow(this.count);
      this.mode = grow(this.mode);
      if (this.total.length > 0) this.total = grow(this.total);
    }
    const p = this.top++;
    this.parent[p] = parent;
    this.name[p] = name;
    this.depth[p] = depth;
    this.start[p] = start;
    this.count[p] = count;
    this.mode[p] = 0;
    if (totals) this.total.set(totals, p * this.columns);
    return p;
  }

  /** Copies the totals of frame `p` into column arrays `to` at index `out` (pruning only). */
  copyTotals(p: number, to: readonly Float64Array[], out: number): void {
    const C = this.columns;
    for (let t = 0; t < C; t++) to[t]![out] = this.total[p * C + t]!;
  }
}

/**
 * Pruning, for a merge emitter grouping the children of one output frame: groups under the limits are
 * left out, and groups left out next to each other become one placeholder frame, in their place, holding
 * their totals.
 */
export class LeftOutRun {
  private readonly total: Float64Array;
  private open = false;

  constructor(
    columns: number,
    private readonly prune: PruneRequest,
    /** The placeholder frames' name (see NARROW_FRAMES_NAME). */
    private readonly name: number,
  ) {
    this.total = new Float64Array(columns);
  }

  /** True when a group with totals `group` is under the limits: it is then left out, added to the run. */
  leaveOut(group: Float64Array): boolean {
    if (!allBelow(group, this.prune.limits)) return false;
    this.prune.pruned++;
    addInto(this.total, group);
    this.open = true;
    return true;
  }

  /** Pushes the run of groups left out since the last one kept, if any, as a placeholder (no sources, at `at`). */
  close(pending: PendingFrames, parent: number, depth: number, at: number): void {
    if (!this.open) return;
    pending.push(parent, this.name, depth, at, 0, this.total);
    this.total.fill(0);
    this.open = false;
  }
}

/**
 * The same array, twice as long (contents kept; what is past them is undefined). The old one goes to the
 * buffer pool: use only the array returned.
 */
export function grow<T extends Int32Array | Uint32Array | Uint8Array | Float64Array>(a: T): T {
  const b = newArray(a.constructor as unknown as Parameters<typeof newArray>[0], a.length * 2, false) as unknown as T;
  b.set(a as never);
  recycle(a);
  return b;
}
