import { viewKey, type ViewResult, type ViewSpec } from '../analysis/view.ts';
import type { FrameTree } from '../model/frame-tree.ts';
import { buffersOf, recycleTree } from '../analysis/tree-writer.ts';

/** Names a profile the worker holds; chosen by the page's client, so it survives a worker restart. */
export type ProfileHandle = number;

/**
 * Default memory the worker spends on held trees: originals plus the last view of each. 1.5 GiB holds
 * s1m (≈230 MB per tree with two sample types) several times over while leaving a 4 GB tab room.
 */
export const DEFAULT_STORE_BYTES = 1.5 * 2 ** 30;

/** A view kept with the spec it was computed for. */
export interface KeptView {
  readonly key: string;
  readonly spec: ViewSpec;
  readonly result: Extract<ViewResult, { ok: true }>;
  readonly bytes: number;
}

interface Entry {
  readonly tree: FrameTree;
  readonly bytes: number;
  /** The last view computed on this profile (kept so sandwiches and one more transform are cheap). */
  view: KeptView | null;
  lastUsed: number;
}

/**
 * The trees the worker keeps so analyses run next to the data: each parsed (or adopted) tree under the
 * handle its client chose, with its last view. Bounded by bytes: least recently used views go first, then
 * least recently used trees — never the one in use. A client asking for an evicted handle gets
 * `unknown-profile` and sends the tree again.
 */
export class TreeStore {
  private readonly entries = new Map<ProfileHandle, Entry>();
  /** Buffers of held trees: results that share them must be copied before they are transferred. */
  private held = new WeakSet<ArrayBufferLike>();
  private clock = 0;
  /** Memory spent on a held tree beyond its buffers: indexes built for it (see `addBytes`). */
  private extra = new WeakMap<FrameTree, number>();

  constructor(private readonly maxBytes = DEFAULT_STORE_BYTES) {}

  /** Keeps `tree` under `handle` (replacing what was there). */
  put(handle: ProfileHandle, tree: FrameTree): void {
    const old = this.entries.get(handle);
    this.entries.delete(handle);
    this.entries.set(handle, { tree, bytes: treeBytes(tree), view: null, lastUsed: ++this.clock });
    this.discard(old?.tree, old?.view?.result.tree);
    this.evict(handle);
  }

  /** The tree under `handle`, or undefined when it was never given or has been evicted. */
  get(handle: ProfileHandle): FrameTree | undefined {
    const entry = this.entries.get(handle);
    if (entry) entry.lastUsed = ++this.clock;
    return entry?.tree;
  }

  /** The last view kept for `handle` (the caller checks whether it is the one it wants, or a prefix of it). */
  lastView(handle: ProfileHandle): KeptView | null {
    return this.entries.get(handle)?.view ?? null;
  }

  /** Keeps `result` as the last view of `handle`. */
  keepView(handle: ProfileHandle, spec: ViewSpec, result: Extract<ViewResult, { ok: true }>): void {
    const entry = this.entries.get(handle);
    if (!entry) return;
    const old = entry.view?.result.tree;
    entry.view = { key: viewKey(spec), spec, result, bytes: result.tree === entry.tree ? 0 : treeBytes(result.tree) };
    this.discard(old);
    this.evict(handle);
  }

  release(handle: ProfileHandle): void {
    const entry = this.entries.get(handle);
    if (!entry) return;
    this.entries.delete(handle);
    this.discard(entry.tree, entry.view?.result.tree);
  }

  /** True when `tree` is held: a profile, or the kept view of one. */
  holdsTree(tree: FrameTree): boolean {
    for (const e of this.entries.values()) if (e.tree === tree || e.view?.result.tree === tree) return true;
    return false;
  }

  /** Counts `bytes` more for held tree `tree` (an index built for it), making room if that is too much. */
  addBytes(tree: FrameTree, bytes: number): void {
    for (const [handle, e] of this.entries) {
      if (e.tree !== tree && e.view?.result.tree !== tree) continue;
      this.extra.set(tree, (this.extra.get(tree) ?? 0) + bytes);
      this.evict(handle);
      return;
    }
  }

  /** True when `buffer` belongs to a held tree (so it must not be transferred away). */
  holds(buffer: ArrayBufferLike): boolean {
    return this.held.has(buffer);
  }

  /** Bytes held, for tests and diagnostics. */
  get bytes(): number {
    let sum = 0;
    const extra = (tree: FrameTree | undefined) => (tree ? (this.extra.get(tree) ?? 0) : 0);
    for (const e of this.entries.values()) sum += e.bytes + extra(e.tree) + (e.view && e.view.result.tree !== e.tree ? e.view.bytes + extra(e.view.result.tree) : 0);
    return sum;
  }

  get size(): number {
    return this.entries.size;
  }

  private evict(inUse: ProfileHandle): void {
    const byAge = () => [...this.entries.entries()].filter(([h]) => h !== inUse).sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [, entry] of byAge()) {
      if (this.bytes <= this.maxBytes) return;
      const view = entry.view?.result.tree;
      entry.view = null;
      this.discard(view);
    }
    for (const [handle, entry] of byAge()) {
      if (this.bytes <= this.maxBytes) return;
      this.entries.delete(handle);
      this.discard(entry.tree, entry.view?.result.tree);
    }
    const current = this.entries.get(inUse);
    if (this.bytes > this.maxBytes && current?.view && current.view.bytes > 0) {
      const view = current.view.result.tree;
      current.view = null;
      this.discard(view);
    }
  }

  /** Updates what is held after trees were dropped, and recycles their buffers nothing held shares. */
  private discard(...trees: (FrameTree | undefined)[]): void {
    this.rebuildHeld();
    const held: FrameTree[] = [];
    for (const e of this.entries.values()) held.push(e.tree, ...(e.view ? [e.view.result.tree] : []));
    for (const tree of trees) if (tree && !held.includes(tree)) recycleTree(tree, held);
  }

  private rebuildHeld(): void {
    this.held = new WeakSet();
    for (const entry of this.entries.values()) {
      for (const b of buffersOf(entry.tree)) this.held.add(b);
      if (entry.view) for (const b of buffersOf(entry.view.result.tree)) this.held.add(b);
    }
  }
}

/** Memory a tree holds (its buffers, each counted once). */
export function treeBytes(tree: FrameTree): number {
  let bytes = 0;
  for (const b of new Set(buffersOf(tree))) bytes += b.byteLength;
  return bytes;
}
