/**
 * The real Web Worker in real Chromium: a corpus pprof parsed through comlink with the result
 * transferred, progress on a large input, a cancel, and a worker that dies.
 */
import { describe, expect, test } from 'vitest';
import { commands } from 'vitest/browser';
import { ProfileParser } from '../../src/worker/client.ts';

declare const __CORPUS_DIR__: string;
/** Absolute path of the shared corpus, defined by the browser test project (vite.config.ts). */
const CORPUS = __CORPUS_DIR__;

async function corpusBytes(file: string): Promise<Uint8Array> {
  const base64 = await commands.readFile(`${CORPUS}/${file}`, 'base64');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

async function manifestRow(file: string): Promise<Record<string, string>> {
  const [header, ...rows] = (await commands.readFile(`${CORPUS}/MANIFEST.tsv`)).trimEnd().split('\n');
  const columns = header!.split('\t');
  const cells = rows.map((r) => r.split('\t')).find((c) => c[0] === file)!;
  return Object.fromEntries(columns.map((c, i) => [c, cells[i]!]));
}

describe('parsing in the worker', () => {
  test('a gzipped pprof comes back as a transferred tree with exact totals', async () => {
    const file = 'pprof/pyroscope_go_heap.pb.gz';
    const bytes = await corpusBytes(file);
    const buffer = bytes.buffer as ArrayBuffer;
    const parser = new ProfileParser();
    const outcome = await parser.parse(buffer);
    parser.dispose();
    if (!outcome.ok) throw new Error(outcome.error.message);
    // the input buffer was moved to the worker, not copied
    expect(buffer.byteLength).toBe(0);
    const { tree, functions } = outcome.profile;
    const row = await manifestRow(file);
    expect(tree.sampleTypes.map((t) => t.total).join(',')).toBe(row.value_sums);
    expect(tree.names.length - 1).toBe(Number(row.frames_distinct));
    expect(tree.info.stacks).toBe(Number(row.stacks_distinct));
    expect(functions).toHaveLength(tree.sampleTypes.length);
    expect(tree.parent).toBeInstanceOf(Int32Array);
  });

  test('progress arrives while a large folded file parses, and a cancel ends it', async () => {
    const lines = Array.from({ length: 300_000 }, (_, i) => `main;handler${i % 500};work${i % 333};leaf${i} 1`).join('\n');
    const parser = new ProfileParser();
    const progress: number[] = [];
    const full = await parser.parse(new Blob([lines]), { onProgress: (p) => progress.push(p.stacks) });
    if (!full.ok) throw new Error(full.error.message);
    expect(full.profile.tree.total[0]).toBe(300_000);
    expect(progress.length).toBeGreaterThan(0);

    const controller = new AbortController();
    const cancelled = parser.parse(new Blob([lines]), {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(await cancelled).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    // the parser still works afterwards
    const again = await parser.parse(new TextEncoder().encode('a;b 2\n'));
    expect(again.ok && again.profile.tree.total[0]).toBe(2);
    parser.dispose();
  });

  test('a new parse cancels the one still running', async () => {
    const parser = new ProfileParser();
    const big = new Blob([Array.from({ length: 200_000 }, (_, i) => `a;b${i} 1`).join('\n')]);
    const first = parser.parse(big);
    const second = parser.parse(new TextEncoder().encode('x 1\n'));
    expect(await first).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect((await second).ok).toBe(true);
    parser.dispose();
  });

  test('a worker that dies becomes an error, and a fresh worker serves the next file', async () => {
    let made = 0;
    const parser = new ProfileParser({
      createWorker: () => {
        made++;
        if (made === 1) {
          const url = URL.createObjectURL(new Blob(['throw new Error("boom")'], { type: 'text/javascript' }));
          return new Worker(url);
        }
        return new Worker(new URL('../../src/worker/worker.ts', import.meta.url), { type: 'module' });
      },
    });
    const dead = await parser.parse(new TextEncoder().encode('a 1\n'));
    expect(dead).toMatchObject({ ok: false, error: { kind: 'internal', message: expect.stringMatching(/crashed/) } });
    const next = await parser.parse(new TextEncoder().encode('a 1\n'));
    expect(next.ok).toBe(true);
    expect(made).toBe(2);
    parser.dispose();
  });
});
