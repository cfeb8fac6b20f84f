import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { foldToString, importProfile, type ChunkSource } from '../../src/index.ts';
import { corpusBytes } from '../corpus/manifest.ts';

/**
 * A source that behaves like the CLI's file reader at its worst: tiny chunks read into a ring of three
 * buffers, each overwritten three reads later (and scribbled over first, so a stale reference shows).
 */
function ringSource(bytes: Uint8Array, chunkSize: number): ChunkSource {
  const ring = [0, 1, 2].map(() => new Uint8Array(chunkSize));
  let pos = 0;
  let turn = 0;
  return {
    reusesBuffers: true,
    async next() {
      if (pos >= bytes.length) return null;
      const buffer = ring[turn++ % 3]!;
      buffer.fill(0x3f);
      const n = Math.min(chunkSize, bytes.length - pos);
      buffer.set(bytes.subarray(pos, pos + n));
      pos += n;
      return buffer.subarray(0, n);
    },
    async cancel() {
      pos = bytes.length;
    },
  };
}

async function fold(source: Parameters<typeof importProfile>[0]): Promise<string> {
  const result = await importProfile(source);
  if (!result.ok) throw new Error(result.error.message);
  return foldToString(result.tree);
}

describe('sources that reuse their buffers', () => {
  const text = Array.from({ length: 3000 }, (_, i) => `root;mid${i % 37};leaf${(i * 7) % 101} ${1 + (i % 4)}`).join('\n');
  const bytes = new TextEncoder().encode(text);

  test.each([5, 64, 4096])('folded text in %i-byte ring chunks gives the same tree', async (size) => {
    expect(await fold(ringSource(bytes, size))).toBe(await fold(bytes));
  });

  test('gzipped folded text through a reused ring', async () => {
    const gz = new Uint8Array(gzipSync(bytes));
    expect(await fold(ringSource(gz, 100))).toBe(await fold(bytes));
  });

  test('a pprof file (read whole) through a reused ring', async () => {
    const file = corpusBytes('pprof/go-gotypes.cpu.pb.gz');
    expect(await fold(ringSource(file, 333))).toBe(await fold(file));
  });

  test('a Blob is read with a reusing BYOB reader where the platform has one', async () => {
    expect(await fold(new Blob([bytes]))).toBe(await fold(bytes));
  });
});

describe('sources asked again after their end', () => {
  test('a small Blob (shorter than the sniffing look-ahead) parses: no read after the end', async () => {
    const small = new Blob(['main;a 1\nmain;b 2\n']);
    expect(await fold(small)).toBe('main;a 1\nmain;b 2\n');
  });

  test('a small stream likewise', async () => {
    const stream = new Blob(['x;y 3\n']).stream();
    expect(await fold(stream)).toBe('x;y 3\n');
  });
});
