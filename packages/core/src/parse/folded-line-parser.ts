import type { FrameTree } from '../model/frame-tree.ts';
import { ROOT_NAME } from '../model/frame-tree.ts';
import { DEFAULT_MAX_FRAMES, FrameTreeBuilder } from '../model/frame-tree-builder.ts';
import { finishHash, FNV_OFFSET, FNV_PRIME, NameInterner } from '../model/name-interner.ts';
import { PreorderWriter } from '../model/preorder-writer.ts';
import { assembleTree } from '../model/tree-columns.ts';
import { ProfileError } from './errors.ts';

/** Largest number of decimals kept exact (sums of decimal counts are rounded to the file's decimals). */
const MAX_DECIMALS = 12;
/** Folded text per distinct tree frame, low side (s1m: 45 bytes), for sizing the columns up front. */
const BYTES_PER_FRAME_GUESS = 40;
const SEMICOLON = 59;
const HASH = 35;

function isBlank(byte: number): boolean {
  return byte === 32 || byte === 9 || byte === 13 || byte === 12 || byte === 11;
}

/**
 * Parses folded-stack lines into a tree, one line at a time.
 *
 * Sorted files (the usual output of stackcollapse scripts and of generators) arrive in the tree's own
 * order: each line repeats the previous one and differs only at its tail, and a frame's children come
 * by increasing name. While that holds, frames are written straight into their final pre-order columns
 * (PreorderWriter) — no trie, no layout pass. The first line that breaks the order (a child that sorts
 * before its previous sibling, a subtree reopened) moves everything into a FrameTreeBuilder, and the
 * rest of the file goes through its trie.
 *
 * Either way, a frame whose bytes equal the previous line's frame at the same depth is matched with one
 * byte comparison: no hash, no name lookup, no child lookup.
 */
export class FoldedLineParser {
  lineNumber = 0;
  private readonly names = new NameInterner(ROOT_NAME);
  private writer: PreorderWriter | null = null;
  private builder: FrameTreeBuilder | null = null;
  /** 1 = `stack count`, 2 = `stack before after`; decided by the first stack line. */
  private columns = 0;
  private parsedLines = 0;
  private badLines = 0;
  private firstBadLine = 0;
  private firstBadText = '';
  private decimals = 0;
  /** The previous stack, per depth: name id, frame/node, and where its bytes are (in prevBytes). */
  private prevNames = new Int32Array(256);
  private prevNodes = new Int32Array(256);
  private prevStart = new Int32Array(256);
  private prevEnd = new Int32Array(256);
  private prevBytes: Uint8Array | null = null;
  private prevDepth = 0;
  /** Pre-order mode: name and frame of the last child created at each depth of the open path (-1: none). */
  private lastChild = new Int32Array(256).fill(-1);
  private lastChildFrame = new Int32Array(256);
  private readonly value = new Float64Array(2);
  private readonly maxFrames: number;

  constructor(
    maxFrames: number | undefined,
    /** Text size when known, for sizing the columns once. */
    private readonly textBytes = 0,
  ) {
    this.maxFrames = maxFrames ?? DEFAULT_MAX_FRAMES;
  }

  line(bytes: Uint8Array, start: number, end: number): void {
    this.lineNumber++;
    while (end > start && isBlank(bytes[end - 1]!)) end--;
    while (start < end && isBlank(bytes[start]!)) start++;
    if (start === end || bytes[start] === HASH) return;
    // the count is the last blank-separated token
    let k = end - 1;
    while (k >= start && !isBlank(bytes[k]!)) k--;
    const last = k >= start ? this.number(bytes, k + 1, end) : NaN;
    if (Number.isNaN(last)) return this.bad(bytes, start, end);
    let stackEnd = k;
    while (stackEnd > start && isBlank(bytes[stackEnd - 1]!)) stackEnd--;
    let before = NaN;
    if (this.columns !== 1) {
      let j = stackEnd - 1;
      while (j >= start && !isBlank(bytes[j]!)) j--;
      before = j >= start ? this.number(bytes, j + 1, stackEnd) : NaN;
      if (this.columns === 0) this.columns = Number.isNaN(before) ? 1 : 2;
      if (this.columns === 2) {
        if (Number.isNaN(before)) return this.bad(bytes, start, end);
        stackEnd = j;
        while (stackEnd > start && isBlank(bytes[stackEnd - 1]!)) stackEnd--;
      }
    }
    this.parsedLines++;
    if (this.columns === 2) {
      this.value[0] = before;
      this.value[1] = last;
    } else this.value[0] = last;
    if (!this.writer && !this.builder) this.start();
    this.addStack(bytes, start, stackEnd);
  }

  finish(): FrameTree {
    if (this.parsedLines === 0 && this.badLines > 0) {
      throw new ProfileError(
        'unsupported-format',
        `This text is not folded stacks: line ${this.firstBadLine} reads "${this.firstBadText}", ` +
          'where a line like "main;parse;read 12" (frames joined by ";", then a count) was expected.',
      );
    }
    if (!this.writer && !this.builder) this.start();
    const info = {
      format: 'collapsed' as const,
      defaultSampleTypeIndex: this.sampleTypes().length - 1,
      samples: this.parsedLines,
      dropped:
        this.badLines > 0
          ? [{ reason: `lines that are not "stack count" (first: line ${this.firstBadLine})`, count: this.badLines }]
          : [],
      decimals: this.decimals,
    };
    if (this.builder) return this.builder.build(info);
    const writer = this.writer!;
    return assembleTree(writer.columns(), this.names, this.sampleTypes(), writer.stacks, info);
  }

  private sampleTypes() {
    return this.columns === 2
      ? [
          { type: 'before', unit: 'count' },
          { type: 'after', unit: 'count' },
        ]
      : [{ type: 'samples', unit: 'count' }];
  }

  /** Starts in pre-order mode, with columns sized from the text size. */
  private start(): void {
    const expected = Math.ceil(this.textBytes / BYTES_PER_FRAME_GUESS);
    this.writer = new PreorderWriter(this.sampleTypes().length, expected, this.maxFrames);
  }

  /** The input broke the pre-order: move every frame into a trie builder and map frame ids to nodes. */
  private spill(): FrameTreeBuilder {
    const writer = this.writer!;
    const builder = new FrameTreeBuilder({
      sampleTypes: this.sampleTypes(),
      names: this.names,
      maxFrames: this.maxFrames,
      expectedFrames: Math.max(writer.length * 2, Math.ceil(this.textBytes / BYTES_PER_FRAME_GUESS)),
    });
    const nodeOf = writer.spill(builder);
    for (let d = 0; d < this.prevNodes.length; d++) this.prevNodes[d] = nodeOf[this.prevNodes[d]!] ?? 0;
    this.writer = null;
    this.builder = builder;
    return builder;
  }

  /** The child of `parent` (at frame depth `depth` + 1) named `nameId`, made when missing. */
  private childOf(parent: number, nameId: number, depth: number): number {
    const writer = this.writer;
    if (writer) {
      const last = this.lastChild[depth]!;
      if (last === nameId) return this.lastChildFrame[depth]!;
      if (last < 0 || this.names.compare(nameId, last) > 0) {
        const frame = writer.addFrame(parent, nameId);
        this.lastChild[depth] = nameId;
        this.lastChildFrame[depth] = frame;
        this.lastChild[depth + 1] = -1;
        return frame;
      }
      return this.spill().child(this.prevNodeOrRoot(parent, depth), nameId);
    }
    return this.builder!.child(parent, nameId);
  }

  /** After a spill, the parent frame id of the line being read, as a trie node. */
  private prevNodeOrRoot(_parentFrame: number, depth: number): number {
    return depth === 0 ? 0 : this.prevNodes[depth - 1]!;
  }

  /**
   * Follows the frames of bytes[start, end) from the root, making what is missing, and adds the line's
   * values to its last frame.
   */
  private addStack(bytes: Uint8Array, start: number, end: number): void {
    const names = this.names;
    let node = 0;
    let depth = 0;
    if (start < end) {
      let samePrefix = this.prevBytes !== null;
      const prevDepth = this.prevDepth;
      let frameStart = start;
      for (;;) {
        if (depth + 1 >= this.prevNames.length) this.growPrev();
        const prevNodes = this.prevNodes;
        let i = frameStart;
        if (samePrefix && depth < prevDepth) {
          // compare with the previous line's frame at this depth
          const ps = this.prevStart[depth]!;
          const length = this.prevEnd[depth]! - ps;
          const prevBytes = this.prevBytes!;
          let k = 0;
          if (frameStart + length <= end) for (; k < length && bytes[frameStart + k] === prevBytes[ps + k]; k++);
          i = frameStart + length;
          if (k === length && (i === end || bytes[i] === SEMICOLON)) {
            node = prevNodes[depth]!;
            this.prevStart[depth] = frameStart;
            this.prevEnd[depth] = i;
            depth++;
            if (i >= end) break;
            frameStart = i + 1;
            continue;
          }
          samePrefix = false;
          i = frameStart;
        }
        // one frame: hash its bytes while looking for the ';' that ends it
        let h = FNV_OFFSET;
        for (; i < end; i++) {
          const b = bytes[i]!;
          if (b === SEMICOLON) break;
          h = Math.imul(h ^ b, FNV_PRIME);
        }
        const nameId = names.internHashed(bytes, frameStart, i, finishHash(h));
        samePrefix = false;
        node = this.childOf(node, nameId, depth);
        this.prevNames[depth] = nameId;
        this.prevNodes[depth] = node;
        this.prevStart[depth] = frameStart;
        this.prevEnd[depth] = i;
        depth++;
        if (i >= end) break;
        frameStart = i + 1;
      }
    }
    this.prevDepth = depth;
    this.prevBytes = bytes;
    const value = this.value;
    const sink = this.writer ?? this.builder!;
    const columns = this.columns === 2 ? 2 : 1;
    for (let t = 0; t < columns; t++) if (value[t] !== 0) sink.addValue(node, t, value[t]!);
    sink.endStack(node);
  }

  private growPrev(): void {
    const size = this.prevNames.length * 2;
    const grow = (a: Int32Array, fill = 0) => {
      const b = new Int32Array(size).fill(fill);
      b.set(a);
      return b;
    };
    this.prevNames = grow(this.prevNames);
    this.prevNodes = grow(this.prevNodes);
    this.prevStart = grow(this.prevStart);
    this.prevEnd = grow(this.prevEnd);
    this.lastChild = grow(this.lastChild, -1);
    this.lastChildFrame = grow(this.lastChildFrame);
  }

  /** A count token as a number, NaN when it is not a finite number. Tracks decimals for exact sums. */
  private number(bytes: Uint8Array, start: number, end: number): number {
    let i = start;
    let negative = false;
    if (bytes[i] === 45 || bytes[i] === 43) {
      negative = bytes[i] === 45;
      i++;
    }
    let value = 0;
    let digits = 0;
    for (; i < end; i++) {
      const d = bytes[i]! - 48;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
      digits++;
    }
    if (i === end && digits > 0 && digits <= 15) return negative ? -value : value;
    return this.slowNumber(bytes, start, end);
  }

  /** Decimals, exponents and long integers: parsed by Number() from the token's text. */
  private slowNumber(bytes: Uint8Array, start: number, end: number): number {
    const text = String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return NaN;
    const value = Number(text);
    if (!Number.isFinite(value)) return NaN;
    const dot = text.indexOf('.');
    if (dot >= 0 && !/[eE]/.test(text)) {
      this.decimals = Math.min(MAX_DECIMALS, Math.max(this.decimals, text.length - dot - 1));
    }
    return value;
  }

  private bad(bytes: Uint8Array, start: number, end: number): void {
    this.badLines++;
    if (this.firstBadLine === 0) {
      this.firstBadLine = this.lineNumber;
      const shown = bytes.subarray(start, Math.min(end, start + 80));
      this.firstBadText = new TextDecoder().decode(shown) + (end - start > 80 ? '…' : '');
    }
  }
}
