/**
 * The worker's analysis API as plain code (the same object the Web Worker exposes), and the page-side
 * client in-process: views with their function tables, sandwiches, the kept view, what the worker holds
 * and what it copies, and a profile sent again after the worker lost it.
 */
import { describe, expect, test } from 'vitest';
import { drawTree, treeFromFolded } from '../../src/testing/index.ts';
import { anyTreeFromWire, anyTreeToWire } from '../../src/worker/analysis-wire.ts';
import { ProfileParser } from '../../src/worker/client.ts';
import { buffersOf } from '../../src/analysis/tree-writer.ts';
import { createWorkerApi } from '../../src/worker/worker-api.ts';
import { useBufferPool } from '../../src/analysis/buffer-pool.ts';
import type { DiffTree, FrameTree, Transform } from '../../src/index.ts';

const folded = `
  main;parse;lock;read 3
  main;parse;lock 1
  main;render;lock 4
  main;render 5
`;
const bytes = () => new TextEncoder().encode(folded);
const hideLock: Transform = { kind: 'hide', match: { name: 'lock' } };

async function parsed(api: ReturnType<typeof createWorkerApi>, handle = 1) {
  const result = await api.parse(1, bytes(), { retainAs: handle });
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

describe('worker analysis API', () => {
  test('a parse with retainAs keeps the tree and sends the page a copy', async () => {
    const api = createWorkerApi();
    const result = await parsed(api);
    expect(api.held().trees).toBe(1);
    // nothing the page got is a buffer the worker keeps: transferring it leaves the worker's tree intact
    const view = api.view(1, { transforms: [] });
    if (!view.ok) throw new Error(view.error.message);
    const kept = new Set(buffersOf(anyTreeFromWire(view.tree)));
    for (const b of [result.tree.parent.buffer, result.tree.names.bytes.buffer, ...result.tree.totalByType.map((c) => c.buffer)]) {
      expect(kept.has(b)).toBe(false);
    }
  });

  test('a view: transforms applied, function tables of the view, what each transform matched', async () => {
    const api = createWorkerApi();
    await parsed(api);
    const view = api.view(1, { transforms: [hideLock] });
    if (!view.ok) throw new Error(view.error.message);
    const tree = anyTreeFromWire(view.tree);
    expect(drawTree(tree)).toBe(['all 13 (0)', '  main 13 (0)', '    parse 4 (1)', '      read 3 (3)', '    render 9 (9)'].join('\n'));
    expect(view.applied).toEqual([{ transform: hideLock, matchedFrames: 2 }]);
    const table = view.functions[0]!;
    const row = (name: string) => Array.from(table.nameId).findIndex((id) => tree.names.get(id) === name);
    expect(row('lock')).toBe(-1);
    expect([table.self[row('render')], table.total[row('render')], table.whole]).toEqual([9, 9, 13]);
  });

  test('inverted view, and a sandwich in a transformed view', async () => {
    const api = createWorkerApi();
    const profile = await parsed(api);
    const inverted = api.view(1, { transforms: [], inverted: true });
    if (!inverted.ok) throw new Error(inverted.error.message);
    expect(drawTree(anyTreeFromWire(inverted.tree)).split('\n')[1]).toBe('  lock 5 (0)');
    // its table is the profile's: lock's self (5) is where its stacks end, not where the inverted paths do
    const rows = (tables: typeof profile.functions) => {
      const names = anyTreeFromWire(inverted.tree).names;
      const t = tables[0]!;
      return new Map(Array.from(t.nameId, (id, r) => [names.get(id), [t.self[r], t.total[r]]]));
    };
    expect(rows(inverted.functions).get('lock')).toEqual([5, 8]);
    expect(rows(inverted.functions).get('main')).toEqual([0, 13]);
    const s = api.sandwich(1, { transforms: [{ kind: 'drop', match: { name: 'parse' } }] }, 'lock');
    if (!s.ok) throw new Error(s.error.message);
    expect(drawTree(anyTreeFromWire(s.callers))).toBe(['all 4 (0)', '  lock 4 (0)', '    render 4 (0)', '      main 4 (4)'].join('\n'));
    expect(drawTree(anyTreeFromWire(s.callees))).toBe(['all 4 (0)', '  lock 4 (4)'].join('\n'));
  });

  test('a sandwich in an inverted view is the sandwich of the view not inverted: its callers are callers', async () => {
    const api = createWorkerApi();
    await parsed(api);
    const drop: Transform = { kind: 'drop', match: { name: 'read' } };
    for (const transforms of [[], [drop]]) {
      const view = api.view(1, { transforms, inverted: true });
      if (!view.ok) throw new Error(view.error.message);
      const inverted = api.sandwich(1, { transforms, inverted: true }, 'lock');
      const upright = api.sandwich(1, { transforms }, 'lock');
      if (!inverted.ok || !upright.ok) throw new Error('sandwich failed');
      const halves = (s: typeof upright) => [drawTree(anyTreeFromWire(s.callers)), drawTree(anyTreeFromWire(s.callees))];
      expect(halves(inverted)).toEqual(halves(upright));
    }
    // lock is called by parse and render (both under main), and calls read
    const s = api.sandwich(1, { transforms: [], inverted: true }, 'lock');
    if (!s.ok) throw new Error(s.error.message);
    expect(drawTree(anyTreeFromWire(s.callers))).toBe(['all 8 (0)', '  lock 8 (0)', '    parse 4 (0)', '      main 4 (4)', '    render 4 (0)', '      main 4 (4)'].join('\n'));
    expect(drawTree(anyTreeFromWire(s.callees))).toBe(['all 8 (0)', '  lock 8 (5)', '    read 3 (3)'].join('\n'));
  });

  test('the kept view serves a prefix: adding one transform applies one transform', async () => {
    const api = createWorkerApi();
    await parsed(api);
    const first = api.view(1, { transforms: [{ kind: 'focus', match: { name: 'parse' } }] });
    const second = api.view(1, { transforms: [{ kind: 'focus', match: { name: 'parse' } }, hideLock] });
    if (!first.ok || !second.ok) throw new Error('view failed');
    expect(second.applied.map((a) => a.matchedFrames)).toEqual([1, 1]);
    expect(drawTree(anyTreeFromWire(second.tree))).toBe(['all 4 (0)', '  parse 4 (1)', '    read 3 (3)'].join('\n'));
  });

  test('errors are values: unknown handle, bad transform', async () => {
    const api = createWorkerApi();
    expect(api.view(9, { transforms: [] })).toMatchObject({ ok: false, error: { kind: 'unknown-profile' } });
    await parsed(api);
    expect(api.view(1, { transforms: [{ kind: 'hide', match: { regex: '[' } }] })).toMatchObject({ ok: false, error: { kind: 'invalid-transform' } });
    expect(api.sandwich(2, { transforms: [] }, 'x')).toMatchObject({ ok: false, error: { kind: 'unknown-profile' } });
  });

  test('the store is bounded: the least recently used profile goes, never the one in use', async () => {
    const api = createWorkerApi({ storeBytes: 1 }); // room for nothing but the profile in use
    await parsed(api, 1);
    await parsed(api, 2);
    expect(api.held().trees).toBe(1);
    expect(api.view(1, { transforms: [] })).toMatchObject({ ok: false, error: { kind: 'unknown-profile' } });
    expect(api.view(2, { transforms: [hideLock] }).ok).toBe(true);
  });

  test('a DiffTree crosses the boundary with both sides', () => {
    const two = treeFromFolded('a;b 1 3\na 2 0\n');
    const diff: DiffTree = {
      ...two,
      kind: 'diff',
      sampleTypes: [two.sampleTypes[0]!],
      sampleTypeIndex: 0,
      totalByType: [two.totalByType[0]!],
      selfByType: [two.selfByType[0]!],
      total: two.totalByType[0]!,
      self: two.selfByType[0]!,
      totalB: two.totalByType[1]!,
      selfB: two.selfByType[1]!,
      baselineTotal: 3,
      comparisonTotal: 3,
      comparisonName: 'after.txt',
    };
    const api = createWorkerApi();
    api.adopt(5, anyTreeToWire(diff));
    const view = api.view(5, { transforms: [{ kind: 'hide', match: { name: 'b' } }] });
    if (!view.ok) throw new Error(view.error.message);
    const back = anyTreeFromWire(view.tree) as DiffTree;
    expect(back.kind).toBe('diff');
    expect([back.total[0], back.totalB[0], back.self[1], back.selfB[1], back.comparisonName]).toEqual([3, 3, 3, 3, 'after.txt']);
    const table = view.functions[0] as { totalB?: Float64Array };
    expect(Array.from(table.totalB!)).toEqual([3]);
  });
});

describe('page-side client (in-process worker)', () => {
  test('parse gives a handle; views and sandwiches come back as trees', async () => {
    const parser = new ProfileParser({ createWorker: 'in-process' });
    const outcome = await parser.parse(bytes());
    if (!outcome.ok) throw new Error(outcome.error.message);
    const { handle } = outcome.profile;
    const view = await parser.view(handle, { transforms: [hideLock] });
    expect(view.ok && view.value.tree.total[0]).toBe(13);
    const s = await parser.sandwich(handle, { transforms: [] }, 'lock');
    expect(s.ok && [s.value.callers.total[0], s.value.callees.total[0]]).toEqual([8, 8]);
    // the view without transforms is the page's own tree (no copy crosses); its tables come from the worker
    const plain = await parser.view(handle, { transforms: [] });
    expect(plain.ok && plain.value.tree).toBe(outcome.profile.tree);
    expect(plain.ok && plain.value.functions[0]!.whole).toBe(13);
    parser.dispose();
  });

  test('after the worker is replaced, the page’s tree is sent again and the request succeeds', async () => {
    const parser = new ProfileParser({ createWorker: 'in-process' });
    const outcome = await parser.parse(bytes());
    if (!outcome.ok) throw new Error(outcome.error.message);
    parser.dispose(); // a fresh worker holds nothing
    const view = await parser.view(outcome.profile.handle, { transforms: [hideLock] });
    expect(view.ok && drawTree(view.value.tree).split('\n')).toContain('    render 9 (9)');
  });

  test('a tree made on the page is adopted; a released one is unknown; a cancel resolves at once', async () => {
    const parser = new ProfileParser({ createWorker: 'in-process' });
    const tree: FrameTree = treeFromFolded('x;y 2\n');
    const handle = parser.adopt(tree);
    const tables = await parser.functionTables(handle, { transforms: [] });
    expect(tables.ok && tables.value[0]!.whole).toBe(2);
    parser.release(handle);
    expect(await parser.view(handle, { transforms: [] })).toMatchObject({ ok: false, error: { kind: 'unknown-profile' } });
    const controller = new AbortController();
    controller.abort();
    const again = parser.adopt(tree);
    expect(await parser.view(again, { transforms: [] }, { signal: controller.signal })).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
  });
});

describe('recycled memory (the worker’s buffer pool)', () => {
  test('views and sandwiches computed one after another on recycled buffers equal fresh ones', async () => {
    const lines: string[] = [];
    let x = 7;
    const next = () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) / 2 ** 32;
    };
    // big enough that columns pass the pool's 1 MiB floor
    for (let i = 0; i < 60_000; i++) {
      const depth = 1 + Math.floor(next() * 10);
      lines.push(Array.from({ length: depth }, () => `f${Math.floor(next() * 40)}`).join(';') + ` ${1 + Math.floor(next() * 9)}`);
    }
    const text = new TextEncoder().encode(lines.join('\n'));
    const specs = [
      { transforms: [{ kind: 'hide', match: { name: 'f1' } }] },
      { transforms: [{ kind: 'hide', match: { name: 'f1' } }, { kind: 'merge-recursion' }] },
      { transforms: [{ kind: 'focus', match: { name: 'f2' } }] },
      { transforms: [{ kind: 'drop', match: { regex: '^f1' } }], inverted: true },
      { transforms: [{ kind: 'collapse-module', module: 'f3' }] },
      { transforms: [{ kind: 'hide', match: { name: 'f1' } }] },
    ] as const;
    const run = async (recycleMemory: boolean) => {
      const api = createWorkerApi({ recycleMemory });
      const parsed = await api.parse(1, text, { retainAs: 1 });
      if (!parsed.ok) throw new Error(parsed.error.message);
      expect(parsed.tree.length).toBeGreaterThan(200_000); // columns above the pool's 1 MiB floor
      const out: string[] = [];
      let pooled = 0;
      for (const spec of specs) {
        pooled = Math.max(pooled, api.held().pooled);
        const view = api.view(1, spec as never);
        if (!view.ok) throw new Error(view.error.message);
        out.push(drawTree(anyTreeFromWire(view.tree)));
        const s = api.sandwich(1, spec as never, 'f4');
        if (!s.ok) throw new Error(s.error.message);
        out.push(drawTree(anyTreeFromWire(s.callers)), drawTree(anyTreeFromWire(s.callees)));
      }
      useBufferPool(null);
      // the recycling run did recycle: replaced views went to the pool and were taken again
      expect(pooled > 0).toBe(recycleMemory);
      return out;
    };
    const fresh = await run(false);
    const recycled = await run(true);
    expect(recycled).toHaveLength(fresh.length);
    for (let i = 0; i < fresh.length; i++) expect(recycled[i]).toBe(fresh[i]);
  });
});

describe('idle work', () => {
  test('held profiles and kept views are indexed by name when idle: counted as held, same sandwiches and focuses', async () => {
    const run = async (indexFromFrames: number) => {
      const api = createWorkerApi({ idleWork: true, indexFromFrames });
      await parsed(api);
      const spec = { transforms: [hideLock] };
      expect(api.view(1, spec).ok).toBe(true);
      const before = api.held().bytes;
      const idleAt = performance.now();
      while (api.idleJobs() > 0) {
        if (performance.now() - idleAt > 5000) throw new Error('the index was not built');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const grew = api.held().bytes - before;
      const out: string[] = [];
      for (const [view, name] of [[{ transforms: [] }, 'lock'], [spec, 'parse'], [{ transforms: [] }, 'main']] as const) {
        const s = api.sandwich(1, view, name);
        if (!s.ok) throw new Error(s.error.message);
        out.push(drawTree(anyTreeFromWire(s.callers)), drawTree(anyTreeFromWire(s.callees)));
      }
      const focus = api.view(1, { transforms: [{ kind: 'focus', match: { name: 'lock' } }] });
      if (!focus.ok) throw new Error(focus.error.message);
      out.push(drawTree(anyTreeFromWire(focus.tree)));
      for (const transforms of [[], [hideLock]]) {
        const inverted = api.view(1, { transforms, inverted: true });
        if (!inverted.ok) throw new Error(inverted.error.message);
        out.push(drawTree(anyTreeFromWire(inverted.tree)));
      }
      return { out, grew };
    };
    const scanned = await run(Infinity);
    // in-process (no idleWork), nothing is prepared: that time would be the page's
    const inProcess = createWorkerApi({ indexFromFrames: 1 });
    await parsed(inProcess);
    expect(inProcess.idleJobs()).toBe(0);
    const indexed = await run(1);
    expect(scanned.grew).toBe(0);
    // the index: 4 bytes per name (6 with the root's, plus an end) and per frame but the root, for the
    // profile (7 frames) and its view hiding lock (5 frames)
    const index = 4 * (6 + 1 + 6) + 4 * (6 + 1 + 4);
    // the inversion's origins: 20 bytes per frame with a self value, 16 per name among them, 4 more; the
    // profile: read, lock twice, render (3 names); hiding lock: read, parse, render
    const origins = 20 * 4 + 16 * 3 + 4 + (20 * 3 + 16 * 3 + 4);
    expect(indexed.grew).toBe(index + origins);
    expect(indexed.out).toEqual(scanned.out);
  });
});
