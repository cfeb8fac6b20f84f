import type { FrameTree } from './frame-tree.ts';
import { assembleTree, type BuildInfo } from './tree-columns.ts';
export type { BuildInfo } from './tree-columns.ts';
import { ROOT_NAME } from './frame-tree.ts';
import { NameInterner } from './name-interner.ts';
import { layOutTrie } from './trie-layout.ts';
import { CallTrie } from './call-trie.ts';

/** Default cap on tree frames: ~16M frames is ~0.8 GB of columns, near what a browser tab can hold. */
export const DEFAULT_MAX_FRAMES = 16_000_000;

export interface FrameTreeBuilderOptions {
  /** Value columns (type and unit of each); every stack adds one value per column. */
  readonly sampleTypes: readonly { readonly type: string; readonly unit: string }[];
  /** Refuse to grow past this many frames (a `too-large` error). */
  readonly maxFrames?: number;
  /** Expected frame count, when the importer can estimate it: sizes the tables once instead of regrowing. */
  readonly expectedFrames?: number;
  /** Names interned so far by the importer (the builder takes them over). */
  readonly names?: NameInterner;
}


/**
 * The one way trees are made. Importers intern names and add stacks into a trie keyed by
 * (parent, name), which merges equal prefixes as they arrive; `build()` lays the trie out as a FrameTree
 * in depth-first pre-order with children ordered by name. The builder stays usable after `build()`.
 *
 * The trie (CallTrie) lives in parallel typed arrays — no object, map or array per node.
 */
export class FrameTreeBuilder {
  readonly names: NameInterner;
  /** Number of value columns. */
  readonly typeCount: number;
  private readonly sampleTypes: FrameTreeBuilderOptions['sampleTypes'];
  private readonly trie: CallTrie;

  constructor(options: FrameTreeBuilderOptions) {
    this.names = options.names ?? new NameInterner(ROOT_NAME);
    this.sampleTypes = options.sampleTypes;
    this.typeCount = Math.max(1, options.sampleTypes.length);
    this.trie = new CallTrie(this.typeCount, options.maxFrames ?? DEFAULT_MAX_FRAMES, options.expectedFrames ?? 0);
  }

  /** The root node (the synthetic "all" frame). */
  get root(): number {
    return 0;
  }

  /** Frames so far, the root included. */
  get frameCount(): number {
    return this.trie.count;
  }

  /** The child of `parent` named `nameId`, created when missing. */
  child(parent: number, nameId: number): number {
    return this.trie.child(parent, nameId);
  }

  /** Adds `value` to the self value of `node` in column `typeIndex`. */
  addValue(node: number, typeIndex: number, value: number): void {
    this.trie.addValue(node, typeIndex, value);
  }

  /** Records that a stack ends at `node` (counts distinct stacks; the root is not a stack). */
  endStack(node: number): void {
    this.trie.endStack(node);
  }

  /** Adds one stack given root-first as name ids, with one value per column. Returns its leaf node. */
  addStack(nameIds: ArrayLike<number>, values: ArrayLike<number>): number {
    let node = 0;
    for (let i = 0; i < nameIds.length; i++) node = this.trie.child(node, nameIds[i]!);
    for (let t = 0; t < values.length && t < this.typeCount; t++) this.addValue(node, t, values[t]!);
    this.endStack(node);
    return node;
  }

  /** Lays the trie out as an immutable FrameTree (see FrameTree for the layout). */
  build(info: BuildInfo): FrameTree {
    const columns = layOutTrie(this.trie, this.names.rankByName());
    return assembleTree(columns, this.names, this.sampleTypes, this.trie.stacks, info);
  }
}
