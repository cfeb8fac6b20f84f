import type { FrameTree } from '../model/frame-tree.ts';
import { FrameTreeBuilder } from '../model/frame-tree-builder.ts';
import { finishHash, FNV_OFFSET, FNV_PRIME } from '../model/name-interner.ts';
import { concat, formatBytes, type ChunkSource } from './chunks.ts';
import { ProfileError } from './errors.ts';
import { Pacer, type ParseControl } from './progress.ts';

export interface CollapsedImportOptions extends ParseControl {
  readonly maxFrames?: number;
  /** Longest line accepted, in bytes (a guard against a file with no newlines). */
  readonly maxLineBytes?: number;
  /** Size of the text in bytes when known: sizes the builder's tables once. */
  readonly textBytes?: number;
}

/** Default longest line: real stacks are a few kB; 64 MiB means the input is not folded text. */
export const DEFAULT_MAX_LINE_BYTES = 64 << 20;
/** Largest number of decimals kept exact (sums of decimal counts are rounded to the file's decimals). */
const MAX_DECIMALS = 12;

/** Folded text per distinct tree frame, low side (s1m: 45 bytes), for sizing the builder up front. */
const BYTES_PER_FRAME_GUESS = 40;

const NEWLINE = 10;
const SEMICOLON = 59;
const HASH = 35;

/**
 * Reads folded stacks (`a;b;c 12`, root first) from byte chunks — never as one string, so files far
 * beyond V8's string limit work. The count is the last whitespace-separated token (integer or decimal);
 * when the first stack line ends in two numbers the file is the 3-column form `stack before after` and
 * gives two value columns. CRLF, `#` comments, blank lines, spaces inside names, repeated and unsorted
 * stacks are all normal. Frames are split on `;` only.
 */
export async function importCollapsed(source: ChunkSource, options: CollapsedImportOptions = {}): Promise<FrameTree> {
  const pacer = Pacer.of(options);
  pacer.phase = 'parsing';
  const maxLine = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const parser = new LineParser(options.maxFrames, options.textBytes);
  let carry: Uint8Array[] = [];
  let carrySize = 0;
  for (let chunk = await source.next(); chunk; chunk = await source.next()) {
    let pos = 0;
    if (carrySize > 0) {
      const newline = chunk.indexOf(NEWLINE);
      if (newline < 0) {
        carry.push(chunk);
        carrySize += chunk.length;
        if (carrySize > maxLine) throw lineTooLong(parser.lineNumber + 1, maxLine);
        continue;
      }
      if (carrySize + newline > maxLine) throw lineTooLong(parser.lineNumber + 1, maxLine);
      const line = concat([...carry, chunk.subarray(0, newline)]);
      parser.line(line, 0, line.length);
      carry = [];
      carrySize = 0;
      pos = newline + 1;
    }
    for (;;) {
      const newline = chunk.indexOf(NEWLINE, pos);
      if (newline < 0) break;
      if (newline - pos > maxLine) throw lineTooLong(parser.lineNumber + 1, maxLine);
      parser.line(chunk, pos, newline);
      pos = newline + 1;
      if (pacer.due()) {
        pacer.stacks = parser.lineNumber;
        await pacer.pause();
      }
    }
    if (pos < chunk.length) {
      if (chunk.length - pos > maxLine) throw lineTooLong(parser.lineNumber + 1, maxLine);
      carry.push(chunk.slice(pos));
      carrySize = chunk.length - pos;
    }
    pacer.stacks = parser.lineNumber;
    if (pacer.due()) await pacer.pause();
  }
  if (carrySize > 0) {
    const line = concat(carry);
    parser.line(line, 0, line.length);
  }
  pacer.throwIfCancelled();
  pacer.phase = 'building';
  pacer.report();
  return parser.finish();
}

/**
 * Synchronous folded-stack parse of bytes already in memory (tests, text fixtures, pasted text).
 * Same rules as importCollapsed.
 */
export function importCollapsedSync(bytes: Uint8Array, options: { maxFrames?: number } = {}): FrameTree {
  const parser = new LineParser(options.maxFrames, bytes.length);
  let pos = 0;
  for (;;) {
    const newline = bytes.indexOf(NEWLINE, pos);
    if (newline < 0) break;
    parser.line(bytes, pos, newline);
    pos = newline + 1;
  }
  if (pos < bytes.length) parser.line(bytes, pos, bytes.length);
  return parser.finish();
}

function lineTooLong(lineNumber: number, maxLine: number): ProfileError {
  return new ProfileError(
    'too-large',
    `Line ${lineNumber} is longer than ${formatBytes(maxLine)}: this does not look like folded stacks (raise the line limit if it is).`,
  );
}

function isBlank(byte: number): boolean {
  return byte === 32 || byte === 9 || byte === 13 || byte === 12 || byte === 11;
}

/** Parses one line at a time into a FrameTreeBuilder. */
class LineParser {
  lineNumber = 0;
  private builder: FrameTreeBuilder | null = null;
  private readonly maxFrames: number | undefined;
  /** 1 = `stack count`, 2 = `stack before after`; decided by the first stack line. */
  private columns = 0;
  private parsedLines = 0;
  private badLines = 0;
  private firstBadLine = 0;
  private firstBadText = '';
  private decimals = 0;
  /** The previous stack, per depth: name id, node, and where its bytes are (in prevBytes). */
  private prevNames = new Int32Array(256);
  private prevNodes = new Int32Array(256);
  private prevStart = new Int32Array(256);
  private prevEnd = new Int32Array(256);
  private prevBytes: Uint8Array | null = null;
  private prevDepth = 0;
  private readonly value = new Float64Array(2);

  constructor(
    maxFrames: number | undefined,
    /** Text size when known; real folded files average 40–50 bytes per distinct frame. */
    private readonly textBytes = 0,
  ) {
    this.maxFrames = maxFrames;
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
    const builder = this.ensureBuilder();
    return builder.build({
      format: 'collapsed',
      defaultSampleTypeIndex: builder.typeCount - 1,
      samples: this.parsedLines,
      dropped:
        this.badLines > 0
          ? [{ reason: `lines that are not "stack count" (first: line ${this.firstBadLine})`, count: this.badLines }]
          : [],
      decimals: this.decimals,
    });
  }

  private ensureBuilder(): FrameTreeBuilder {
    if (!this.builder) {
      const sampleTypes =
        this.columns === 2
          ? [
              { type: 'before', unit: 'count' },
              { type: 'after', unit: 'count' },
            ]
          : [{ type: 'samples', unit: 'count' }];
      this.builder = new FrameTreeBuilder({
        sampleTypes,
        expectedFrames: Math.ceil(this.textBytes / BYTES_PER_FRAME_GUESS),
        ...(this.maxFrames ? { maxFrames: this.maxFrames } : {}),
      });
    }
    return this.builder;
  }

  /**
   * Walks/extends the trie along the frames of bytes[start, end) and adds the line's values.
   *
   * Sorted folded files repeat most of the previous line: while a frame's bytes equal the previous
   * line's frame at the same depth, its name and node are reused with one byte comparison — no hash,
   * no name lookup, no trie lookup. The first differing frame and everything after it take the full path.
   */
  private addStack(bytes: Uint8Array, start: number, end: number): void {
    const builder = this.ensureBuilder();
    const names = builder.names;
    let node = builder.root;
    let depth = 0;
    if (start < end) {
      if (this.prevNames.length < end - start + 1) this.growPrev(end - start + 1);
      const prevNames = this.prevNames;
      const prevNodes = this.prevNodes;
      const prevStart = this.prevStart;
      const prevEnd = this.prevEnd;
      const prevBytes = this.prevBytes;
      const prevDepth = this.prevDepth;
      let samePrefix = prevBytes !== null;
      let frameStart = start;
      for (;;) {
        let i = frameStart;
        if (samePrefix && depth < prevDepth) {
          // compare with the previous line's frame at this depth
          const ps = prevStart[depth]!;
          const length = prevEnd[depth]! - ps;
          let k = 0;
          if (frameStart + length <= end) for (; k < length && bytes[frameStart + k] === prevBytes![ps + k]; k++);
          i = frameStart + length;
          if (k === length && (i === end || bytes[i] === SEMICOLON)) {
            node = prevNodes[depth]!;
            prevStart[depth] = frameStart;
            prevEnd[depth] = i;
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
        node = builder.child(node, nameId);
        prevNames[depth] = nameId;
        prevNodes[depth] = node;
        prevStart[depth] = frameStart;
        prevEnd[depth] = i;
        depth++;
        if (i >= end) break;
        frameStart = i + 1;
      }
    }
    this.prevDepth = depth;
    this.prevBytes = bytes;
    const value = this.value;
    for (let t = 0; t < builder.typeCount; t++) if (value[t] !== 0) builder.addValue(node, t, value[t]!);
    builder.endStack(node);
  }

  private growPrev(minimum: number): void {
    const size = Math.max(minimum, this.prevNames.length * 2);
    const grow = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.prevNames = grow(this.prevNames);
    this.prevNodes = grow(this.prevNodes);
    this.prevStart = grow(this.prevStart);
    this.prevEnd = grow(this.prevEnd);
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
