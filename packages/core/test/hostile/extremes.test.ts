/**
 * Hostile extremes: bounded memory and time, then a correct result or a clear error. Sizes are modest
 * here; `npm run fuzz` runs them at full size (FLAMELENS_HOSTILE_FULL=1: a 4 GiB bomb, 10 million names,
 * a 200 MB line).
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { foldToString, importProfile } from '../../src/index.ts';
import { describe as describeGunzipError } from '../../src/parse/gunzip.ts';

const FULL = !!process.env.FLAMELENS_HOSTILE_FULL;
const text = (s: string) => new TextEncoder().encode(s);

async function outcome(input: Uint8Array | Blob, options = {}) {
  const result = await importProfile(input, options);
  return result;
}

/** A protobuf varint. */
function varint(n: bigint): number[] {
  const out: number[] = [];
  do {
    let b = Number(n & 0x7fn);
    n >>= 7n;
    if (n > 0n) b |= 0x80;
    out.push(b);
  } while (n > 0n);
  return out;
}

describe('hostile extremes', () => {
  test('a decompression bomb ends at the limit, in bounded memory', async () => {
    // one gzip member of 1 MiB of folded lines (~2 kB compressed), repeated: gzip allows concatenated
    // members, so the bomb inflates to `members` MiB
    const line = text('main;work;loop 1\n');
    const mib = new Uint8Array(1 << 20);
    for (let i = 0; i + line.length <= mib.length; i += line.length) mib.set(line, i);
    const member = gzipSync(mib, { level: 9 });
    const members = FULL ? 4096 : 256;
    const bomb = new Uint8Array(Buffer.concat(Array.from({ length: members }, () => member)));
    expect(bomb.length).toBeLessThan(members * 8192);
    const limit = FULL ? undefined : 64 << 20;
    const before = process.memoryUsage().rss;
    const result = await outcome(bomb, limit ? { maxDecompressedBytes: limit } : {});
    expect(result).toMatchObject({ ok: false, error: { kind: 'too-large' } });
    if (!result.ok) expect(result.error.message).toMatch(/inflates to more than .* raise the limit/);
    // streamed folded text: memory grows with the tree (one stack), not with the inflated size
    expect(process.memoryUsage().rss - before).toBeLessThan(512 << 20);
  });

  test('absurd protobuf lengths and varints are corrupt, not allocations', async () => {
    // field 2 (sample) announcing 2^60 bytes
    const huge = new Uint8Array([0x12, ...varint(1n << 60n), 1, 2, 3]);
    expect(await outcome(huge)).toMatchObject({ ok: false, error: { kind: 'corrupt' } });
    // a varint of 20 bytes (field 14, default_sample_type); the NUL makes it binary, not text
    const endless = new Uint8Array([0x70, ...Array.from({ length: 20 }, () => 0xff), 0x00]);
    expect(await outcome(endless)).toMatchObject({ ok: false, error: { kind: 'corrupt' } });
    // sample_type pointing at string 2^40 (no such string): read as an empty name, not a crash
    const badIndex = new Uint8Array([0x0a, 0x06, 0x08, ...varint(1n << 40n), 0x10, 0x00]);
    const r = await outcome(badIndex);
    expect(r.ok || r.error.kind !== 'internal').toBe(true);
  });

  test('many distinct names stay within the frame limit or end in a clear error', async () => {
    const names = FULL ? 10_000_000 : 100_000;
    // built in blocks of 100,000 lines: 10 million small strings would fill the JS heap of the test itself
    const blocks: string[] = [];
    for (let start = 0; start < names; start += 100_000) {
      let block = '';
      for (let i = start; i < Math.min(names, start + 100_000); i++) block += `root;fn_${i.toString(36)} 1\n`;
      blocks.push(block);
    }
    const blob = new Blob(blocks);
    blocks.length = 0;
    const ok = await outcome(blob);
    expect(ok.ok && ok.tree.names.length).toBe(names + 2);
    const limited = await outcome(blob, { maxFrames: names / 2 });
    expect(limited).toMatchObject({ ok: false, error: { kind: 'too-large', message: expect.stringMatching(/distinct frames.*Raise the frame limit/) } });
  });

  test('a single enormous line with no newline is refused at the line limit', async () => {
    const size = FULL ? 200 << 20 : 8 << 20;
    const blob = new Blob([new Uint8Array(size).fill(0x61)]);
    const result = await outcome(blob, { maxLineBytes: FULL ? undefined : 1 << 20 });
    expect(result).toMatchObject({ ok: false, error: { kind: 'too-large', message: expect.stringMatching(/^Line 1 is longer than/) } });
  });

  test('a stack 100,000 frames deep parses (no recursion anywhere)', async () => {
    const deep = Array.from({ length: 100_000 }, (_, i) => `f${i % 3}`).join(';') + ' 5\n';
    const result = await outcome(text(deep));
    expect(result.ok && [result.tree.maxDepth, result.tree.total[result.tree.length - 1]]).toEqual([100_000, 5]);
  });

  test('counts: negative kept, NaN/Infinity refused per line, 1e308 overflow is a clear error', async () => {
    const neg = await outcome(text('a -3\nb 5\n'));
    expect(neg.ok && foldToString(neg.tree)).toBe('a -3\nb 5\n');
    const bad = await outcome(text('a NaN\nb Infinity\nc -Infinity\nd 1\n'));
    expect(bad.ok && [bad.tree.total[0], bad.tree.info.dropped[0]?.count]).toEqual([1, 3]);
    const overflow = await outcome(text('a 1e308\nb 1e308\n'));
    expect(overflow).toMatchObject({ ok: false, error: { kind: 'corrupt', message: expect.stringMatching(/more than a number can hold/) } });
  });
});

describe('a damaged gzip stream', () => {
  test('is worded without the browser API name around the decompressor’s reason', () => {
    const browserError = new TypeError("Failed to execute 'close' on 'WritableStreamDefaultWriter': Compressed input was truncated.");
    expect(describeGunzipError(browserError)).toBe('Compressed input was truncated');
    expect(describeGunzipError(new Error('unexpected end of file'))).toBe('unexpected end of file');
  });

  test('a cut gzip file ends in one sentence', async () => {
    const cut = new Uint8Array(gzipSync(text('main;work 1\n'.repeat(1000)))).subarray(0, 30);
    const result = await outcome(cut);
    expect(result).toMatchObject({ ok: false, error: { kind: 'corrupt', message: expect.stringMatching(/^The gzip data is damaged or cut short after .* of output \([^.()]+\)\.$/) } });
  });
});
