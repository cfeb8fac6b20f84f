import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { importProfile } from '../../src/index.ts';
import { corpusBytes } from '../corpus/manifest.ts';

const bytes = (...b: number[]) => new Uint8Array(b);

async function error(input: Uint8Array, options = {}) {
  const result = await importProfile(input, options);
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

describe('sniffing never trusts the name, and every failure is a sentence', () => {
  test('a raw pprof in a file named .pb.gz is read (magic bytes decide)', async () => {
    const result = await importProfile(corpusBytes('pprof/pyroscope_pyspy-1_not-gzipped.pb.gz'));
    expect(result.ok).toBe(true);
  });

  test.each([
    ['a PNG image', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)],
    ['a zip archive', bytes(0x50, 0x4b, 0x03, 0x04, 0, 0)],
    ['a PDF document', new TextEncoder().encode('%PDF-1.7\n')],
    ['an executable (ELF) file', bytes(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1)],
  ])('%s is named', async (what, input) => {
    const e = await error(input);
    expect(e.kind).toBe('unsupported-format');
    expect(e.message).toContain(`This looks like ${what}`);
  });

  test('an empty file', async () => {
    expect(await error(new Uint8Array())).toEqual({ kind: 'empty', message: 'The file is empty.' });
  });

  test('a file of only comments has no stacks', async () => {
    expect((await error(new TextEncoder().encode('# nothing\n'))).kind).toBe('empty');
  });

  test('a truncated pprof says where it ends', async () => {
    const raw = new Uint8Array(gunzipSync(corpusBytes('pprof/go-flate.cpu.pb.gz')));
    const e = await error(raw.subarray(0, Math.floor(raw.length / 2)));
    expect(e.kind).toBe('corrupt');
    expect(e.message).toMatch(/ends early|byte \d+/);
  });

  test('truncated gzip is corrupt, not a hang', async () => {
    const gz = corpusBytes('pprof/go-flate.cpu.pb.gz');
    const e = await error(gz.subarray(0, gz.length - 100));
    expect(e.kind).toBe('corrupt');
    expect(e.message).toMatch(/gzip/);
  });

  test('a decompression bomb stops at the limit', async () => {
    const bomb = new Uint8Array(gzipSync('main;work 1\n'.repeat(5 << 20)));
    expect(bomb.length).toBeLessThan(200_000);
    const e = await error(bomb, { maxDecompressedBytes: 10 << 20 });
    expect(e.kind).toBe('too-large');
    expect(e.message).toMatch(/inflates to more than 10 MiB/);
  });

  test('gzip inside gzip is named', async () => {
    const twice = new Uint8Array(gzipSync(gzipSync('a 1\n')));
    expect((await error(twice)).message).toMatch(/gzipped twice/);
  });

  test('cancelling stops a parse with a cancelled error', async () => {
    const controller = new AbortController();
    controller.abort();
    const big = new TextEncoder().encode('a;b;c 1\n'.repeat(200_000));
    const e = await error(big, { signal: controller.signal });
    expect(e.kind).toBe('cancelled');
  });

  test('progress is reported on large input, with bytes and stacks', async () => {
    const text = Array.from({ length: 400_000 }, (_, i) => `main;f${i % 1000};g${i % 777} 1`).join('\n');
    const input = new TextEncoder().encode(text);
    const seen: { bytesRead: number; stacks: number }[] = [];
    const result = await importProfile(input, { onProgress: (p) => seen.push(p) });
    expect(result.ok).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some((p) => p.stacks > 0 && p.bytesRead > 0)).toBe(true);
  });
});
