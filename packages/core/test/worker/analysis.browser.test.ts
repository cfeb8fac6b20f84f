/**
 * Analyses through the real Web Worker in real Chromium: a corpus profile parsed and kept in the worker,
 * a view with a preset, its function table, a sandwich, and a worker restart after which the page's tree
 * is sent again.
 */
import { describe, expect, test } from 'vitest';
import { commands } from 'vitest/browser';
import { ProfileParser } from '../../src/worker/client.ts';

declare const __CORPUS_DIR__: string;

async function corpusBytes(file: string): Promise<Uint8Array> {
  const base64 = await commands.readFile(`${__CORPUS_DIR__}/${file}`, 'base64');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

describe('analyses in the worker', () => {
  test('a Go CPU profile: hide the runtime, read the table, open a sandwich', async () => {
    const parser = new ProfileParser();
    const outcome = await parser.parse(await corpusBytes('pprof/go-flate.cpu.pb.gz'));
    if (!outcome.ok) throw new Error(outcome.error.message);
    const { tree, handle, functions } = outcome.profile;
    // the page's copy is complete: the worker kept its own
    expect(tree.total[0]).toBe(3780000000);
    expect(functions[tree.sampleTypeIndex]!.whole).toBe(3780000000);

    const view = await parser.view(handle, { transforms: [{ kind: 'hide', match: { preset: 'go-runtime' } }] });
    if (!view.ok) throw new Error(view.error.message);
    const hidden = view.value.tree;
    expect(hidden.total[0]).toBe(3780000000); // hide conserves the total
    expect(view.value.applied[0]!.matchedFrames).toBeGreaterThan(0);
    for (let i = 1; i < hidden.length; i++) expect(hidden.names.get(hidden.nameId[i]!)).not.toMatch(/^runtime\./);
    const table = view.value.functions[hidden.sampleTypeIndex]!;
    const names = Array.from(table.nameId, (id) => hidden.names.get(id));
    expect(names).toContain('main.main');

    const s = await parser.sandwich(handle, { transforms: [] }, 'compress/flate.(*compressor).deflate');
    if (!s.ok) throw new Error(s.error.message);
    const original = functions[tree.sampleTypeIndex]!;
    const row = Array.from(original.nameId).findIndex((id) => tree.names.get(id) === 'compress/flate.(*compressor).deflate');
    expect(s.value.callers.total[0]).toBe(original.total[row]);
    expect(s.value.callees.total[0]).toBe(original.total[row]);
    parser.dispose();
  });

  test('a view handed back (recycle) is emptied on the page; later views are still right', async () => {
    const parser = new ProfileParser();
    // large enough (160k frames) that its columns pass the pool’s 1 MiB floor
    const text = Array.from({ length: 150_000 }, (_, i) => `main;w${i % 97};x${i % 89};y${i} ${1 + (i % 5)}`).join('\n');
    const outcome = await parser.parse(new TextEncoder().encode(text));
    if (!outcome.ok) throw new Error(outcome.error.message);
    const spec = (name: string) => ({ transforms: [{ kind: 'hide' as const, match: { name } }] });
    const first = await parser.view(outcome.profile.handle, spec('main'));
    if (!first.ok) throw new Error(first.error.message);
    const expected = Array.from(first.value.tree.total);
    parser.recycle(first.value.tree);
    expect(first.value.tree.total.length).toBe(0); // moved to the worker
    for (const name of ['w1', 'x2', 'main']) {
      const again = await parser.view(outcome.profile.handle, spec(name));
      if (!again.ok) throw new Error(again.error.message);
      if (name === 'main') expect(Array.from(again.value.tree.total)).toEqual(expected);
      parser.recycle(again.value.tree);
    }
    expect(outcome.profile.tree.total[0]).toBe(expected[0]); // the page's own tree is untouched
    parser.dispose();
  });

  test('a large profile is prepared while the worker is idle: preparing() counts its jobs down to 0', async () => {
    // 200 k stacks, about 209 k frames: over the size the worker prepares (indexes, inversion origins)
    const text = Array.from({ length: 200_000 }, (_, i) => `main;w${i % 97};x${i % 89};y${i} ${1 + (i % 5)}`).join('\n');
    const parser = new ProfileParser();
    const outcome = await parser.parse(new TextEncoder().encode(text));
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.profile.tree.length).toBeGreaterThan(200_000);
    expect(await parser.preparing()).toBe(1);
    const since = performance.now();
    while ((await parser.preparing()) > 0) {
      if (performance.now() - since > 20_000) throw new Error('still preparing after 20 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // what it prepared serves the views: the inverted view's root children are the leaves y<i>
    const inverted = await parser.view(outcome.profile.handle, { transforms: [], inverted: true });
    if (!inverted.ok) throw new Error(inverted.error.message);
    expect(inverted.value.tree.total[0]).toBe(outcome.profile.tree.total[0]);
    parser.dispose();
    // in-process, the page would pay for it: nothing is prepared
    const inProcess = new ProfileParser({ createWorker: 'in-process' });
    const again = await inProcess.parse(new TextEncoder().encode(text));
    expect(again.ok).toBe(true);
    expect(await inProcess.preparing()).toBe(0);
    inProcess.dispose();
  });

  test('after a worker restart the page’s tree is sent again', async () => {
    const parser = new ProfileParser();
    const outcome = await parser.parse(new TextEncoder().encode('main;a;b 3\nmain;b 2\n'));
    if (!outcome.ok) throw new Error(outcome.error.message);
    parser.dispose();
    const view = await parser.view(outcome.profile.handle, { transforms: [{ kind: 'focus', match: { name: 'b' } }] });
    if (!view.ok) throw new Error(view.error.message);
    expect(view.value.tree.total[0]).toBe(5);
    // the page still has its tree: sending it did not move its buffers away
    expect(outcome.profile.tree.total[0]).toBe(5);
    parser.dispose();
  });
});
