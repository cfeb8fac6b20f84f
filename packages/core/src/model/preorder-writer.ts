import { ProfileError } from '../parse/errors.ts';
import type { FrameTreeBuilder } from './frame-tree-builder.ts';
import type { PreorderColumns } from './tree-columns.ts';

/** Smallest capacity (frames). */
const MIN_CAPACITY = 1 << 12;

/**
 * Writes frames straight into their final depth-first pre-order columns, for input that arrives in that
 * order (sorted folded stacks: each line differs from the previous one only at its tail). No trie, no
 * layout pass: the columns the tree keeps are the only memory written. The caller guarantees the order
 * (children of a frame arrive by increasing name, a subtree is never reopened); when it cannot, it
 * replays everything into a FrameTreeBuilder with `spill` and carries on there.
 */
export class PreorderWriter {
  length = 1;
  maxDepth = 0;
  stacks = 0;
  private parent: Int32Array;
  private depth: Uint16Array | Uint32Array;
  private nameId: Uint32Array;
  private selfByType: Float64Array[];
  private isStack: Uint8Array;

  constructor(
    private readonly typeCount: number,
    capacity: number,
    private readonly maxFrames: number,
  ) {
    const size = Math.max(MIN_CAPACITY, Math.min(capacity, maxFrames));
    this.parent = new Int32Array(size);
    this.depth = new Uint16Array(size);
    this.nameId = new Uint32Array(size);
    this.selfByType = Array.from({ length: typeCount }, () => new Float64Array(size));
    this.isStack = new Uint8Array(size);
    this.parent[0] = -1;
  }

  /** Appends a frame as the next in pre-order: the last child so far of `parent`. */
  addFrame(parent: number, nameId: number): number {
    const frame = this.length;
    if (frame === this.parent.length) this.grow();
    const d = this.depth[parent]! + 1;
    if (d > 0xffff && this.depth instanceof Uint16Array) this.depth = Uint32Array.from(this.depth);
    this.parent[frame] = parent;
    this.depth[frame] = d;
    this.nameId[frame] = nameId;
    if (d > this.maxDepth) this.maxDepth = d;
    this.length = frame + 1;
    return frame;
  }

  addValue(frame: number, column: number, value: number): void {
    const self = this.selfByType[column]!;
    self[frame] = self[frame]! + value;
  }

  endStack(frame: number): void {
    if (frame !== 0 && this.isStack[frame] === 0) {
      this.isStack[frame] = 1;
      this.stacks++;
    }
  }

  /** The columns written so far (views over the first `length` frames). */
  columns(): PreorderColumns {
    const n = this.length;
    return {
      length: n,
      parent: this.parent.subarray(0, n),
      depth: this.depth.subarray(0, n),
      nameId: this.nameId.subarray(0, n),
      selfByType: this.selfByType.map((s) => s.subarray(0, n)),
      maxDepth: this.maxDepth,
    };
  }

  /** Replays every frame, value and stack end into `builder`; returns the builder node of each frame. */
  spill(builder: FrameTreeBuilder): Int32Array {
    const nodeOf = new Int32Array(this.length);
    for (let f = 1; f < this.length; f++) {
      const node = builder.child(nodeOf[this.parent[f]!]!, this.nameId[f]!);
      nodeOf[f] = node;
      if (this.isStack[f]) builder.endStack(node);
    }
    for (let t = 0; t < this.typeCount; t++) {
      const self = this.selfByType[t]!;
      for (let f = 0; f < this.length; f++) if (self[f] !== 0) builder.addValue(nodeOf[f]!, t, self[f]!);
    }
    return nodeOf;
  }

  private grow(): void {
    if (this.length >= this.maxFrames) {
      throw new ProfileError(
        'too-large',
        `The profile has more than ${this.maxFrames.toLocaleString('en-US')} distinct frames, the current limit. ` +
          'Raise the frame limit to open it.',
      );
    }
    const size = Math.min(this.maxFrames, this.parent.length * 2);
    const grow = <A extends Int32Array | Uint16Array | Uint32Array | Uint8Array | Float64Array>(a: A): A => {
      const b = new (a.constructor as new (n: number) => A)(size);
      b.set(a);
      return b;
    };
    this.parent = grow(this.parent);
    this.depth = grow(this.depth);
    this.nameId = grow(this.nameId);
    this.selfByType = this.selfByType.map(grow);
    this.isStack = grow(this.isStack);
  }
}
