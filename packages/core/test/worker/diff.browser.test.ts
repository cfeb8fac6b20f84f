/**
 * Diffs through the real Web Workers in real Chromium: both files parse at once in two workers, the
 * parsed sides move to the first worker, the DiffTree comes back transferred.
 */
import { describe, expect, test } from 'vitest';
import { commands } from 'vitest/browser';
import { ProfileParser } from '../../src/worker/client.ts';
import { diffValue, foldDiffToString, isFrameWithinNoise, noiseModel } from '../../src/index.ts';

declare const __CORPUS_DIR__: string;
const CORPUS = __CORPUS_DIR__;

async function corpusBytes(file: string): Promise<Uint8Array<ArrayBuffer>> {
  const base64 = await commands.readFile(`${CORPUS}/${file}`, 'base64');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

describe('diff in the workers', () => {
  test("inferno's pair gives inferno's 3-column result; the input buffers moved to the workers", async () => {
    const before = (await corpusBytes('collapsed/inferno_diff_before.txt')).buffer as ArrayBuffer;
    const after = (await corpusBytes('collapsed/inferno_diff_after.txt')).buffer as ArrayBuffer;
    const expected = await commands.readFile(`${CORPUS}/collapsed/inferno_diff_result-default.txt`);
    let made = 0;
    const parser = new ProfileParser({
      createWorker: () => {
        made++;
        return new Worker(new URL('../../src/worker/worker.ts', import.meta.url), { type: 'module' });
      },
    });
    const outcome = await parser.diff({ baseline: before, comparison: after });
    parser.dispose();
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(made).toBe(2);
    expect([before.byteLength, after.byteLength]).toEqual([0, 0]);
    expect(foldDiffToString(outcome.diff.tree).trimEnd().split('\n').sort()).toEqual(expected.trimEnd().split('\n').sort());
  });

  test('GOGC=100 → 25 as Blobs: garbage-collector frames grow beyond noise, with progress from both sides', async () => {
    const a = new Blob([await corpusBytes('pprof/go-json-gogc100.cpu.pb.gz')]);
    const b = new Blob([await corpusBytes('pprof/go-json-gogc25.cpu.pb.gz')]);
    const parser = new ProfileParser();
    const sides = new Set<string>();
    const outcome = await parser.diff({ baseline: a, comparison: b }, { onProgress: (_, side) => sides.add(side) });
    parser.dispose();
    if (!outcome.ok) throw new Error(outcome.error.message);
    const { tree, functions, comparisonSampleTypes } = outcome.diff;
    expect(comparisonSampleTypes.map((t) => t.type)).toEqual(['samples', 'cpu']);
    expect(functions).toHaveLength(2);
    let worker = -1;
    for (let c = 1; c < tree.length; c = tree.subtreeEnd[c]!) if (tree.names.get(tree.nameId[c]!) === 'runtime.gcBgMarkWorker') worker = c;
    expect(diffValue(tree, worker)).toBeGreaterThan(10);
    expect(isFrameWithinNoise(tree, worker, noiseModel(tree))).toBe(false);
    expect([...sides].sort()).toEqual(['baseline', 'comparison']);
  });

  test('a broken comparison names its side; the parser works on afterwards', async () => {
    const parser = new ProfileParser();
    const bad = await parser.diff(
      { baseline: new TextEncoder().encode('main 1\n'), comparison: await corpusBytes('pprof-legacy/google-pprof_legacy_gobench.cpu') },
      { comparisonName: 'old.cpu' },
    );
    expect(bad).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^The comparison \(old\.cpu\): .*legacy/) } });
    const good = await parser.diff({ baseline: new TextEncoder().encode('main 1\n'), comparison: new TextEncoder().encode('main 3\n') });
    expect(good.ok && good.diff.tree.comparisonTotal).toBe(3);
    parser.dispose();
  });

  test('a broken baseline ends the diff at once: the comparison is not waited for (here it never ends)', async () => {
    const endless = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new TextEncoder().encode('main;a 1\n')) });
    const parser = new ProfileParser();
    const bad = await parser.diff({ baseline: new TextEncoder().encode('\x89PNG\r\n\x1a\n'), comparison: endless }, { baselineName: 'shot.png' });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'unsupported-format', message: expect.stringMatching(/^The baseline \(shot\.png\): This looks like/) } });
    const next = await parser.diff({ baseline: new TextEncoder().encode('a 1\n'), comparison: new TextEncoder().encode('a 2\n') });
    expect(next.ok).toBe(true);
    parser.dispose();
  });

  test('a cancel ends a running diff', async () => {
    const lines = new Blob([Array.from({ length: 300_000 }, (_, i) => `main;h${i % 500};leaf${i} 1`).join('\n')]);
    const parser = new ProfileParser();
    const controller = new AbortController();
    const running = parser.diff({ baseline: lines, comparison: lines }, { signal: controller.signal, onProgress: () => controller.abort() });
    expect(await running).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    const again = await parser.diff({ baseline: new TextEncoder().encode('a 1\n'), comparison: new TextEncoder().encode('a 2\n') });
    expect(again.ok).toBe(true);
    parser.dispose();
  });
});
