import type { FrameTree } from '../model/frame-tree.ts';
import { concat, formatBytes, type ChunkSource } from './chunks.ts';
import { ProfileError } from './errors.ts';
import { FoldedLineParser } from './folded-line-parser.ts';
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

const NEWLINE = 10;

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
  const parser = new FoldedLineParser(options.maxFrames, options.textBytes);
  let carry: Uint8Array[] = [];
  let carrySize = 0;
  for (let chunk = await source.next(); chunk; chunk = await source.next()) {
    let pos = 0;
    if (carrySize > 0) {
      const newline = chunk.indexOf(NEWLINE);
      if (newline < 0) {
        carry.push(source.reusesBuffers ? chunk.slice() : chunk);
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
  const parser = new FoldedLineParser(options.maxFrames, bytes.length);
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
