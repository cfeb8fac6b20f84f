/**
 * Previews through the worker API and the in-process client: a large view asked with `preview` comes
 * back pruned (`exact: false`, no tables, every frame it has with its exact values), the exact view with
 * its tables follows from the kept step; small views, kept views and `keep` come back exact at once.
 */
import { describe, expect, test } from 'vitest';
import { anyTreeFromWire } from '../../src/worker/analysis-wire.ts';
import { ProfileParser } from '../../src/worker/client.ts';
import { createWorkerApi, PREVIEW_FROM_FRAMES } from '../../src/worker/worker-api.ts';
import { PREVIEW_SHARE } from '../../src/analysis/tree-writer.ts';
import type { FrameTree, ViewSpec } from '../../src/index.ts';

/** Folded text with a few heavy stacks and very many light ones: over PREVIEW_FROM_FRAMES frames. */
function largeFolded(): string {
  const lines = ['main;hot;work 50000000', 'main;hot;lock;work 20000000', 'main;warm;work 10000000'];
  let seed = 7;
  const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % 1000);
  for (let i = 0; i < 70_000; i++) lines.push(`main;f${next()};g${next()};h${i};lock;leaf${next()} 1`);
  return lines.join('\n');
}

const bytes = new TextEncoder().encode(largeFolded());
const hideLock: ViewSpec = { transforms: [{ kind: 'hide', match: { name: 'lock' } }] };
const inverted: ViewSpec = { transforms: [], inverted: true };

describe('previews through the worker', () => {
  test('a large view: a pruned preview first, then the exact view with its tables', async () => {
    const api = createWorkerApi();
    const parsed = await api.parse(1, bytes, { retainAs: 1 });
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.tree.length).toBeGreaterThan(PREVIEW_FROM_FRAMES);
    for (const spec of [hideLock, inverted]) {
      const preview = api.view(1, spec, true, true);
      const exact = api.view(1, spec, true, false);
      if (!preview.ok || !exact.ok) throw new Error('view failed');
      expect([preview.exact, preview.functions.length]).toEqual([false, 0]);
      expect([exact.exact, exact.functions.length]).toEqual([true, 1]);
      const small = anyTreeFromWire(preview.tree);
      const full = anyTreeFromWire(exact.tree);
      expect(small.length).toBeLessThan(full.length / 10);
      // the same whole, and the heavy frames with their exact values
      expect(small.total[0]).toBe(full.total[0]);
      const figures = (tree: FrameTree, path: string[]) => {
        let frame = 0;
        for (const name of path) {
          let found = -1;
          for (let c = frame + 1; c < tree.subtreeEnd[frame]!; c = tree.subtreeEnd[c]!) if (tree.names.get(tree.nameId[c]!) === name) found = c;
          if (found < 0) return null;
          frame = found;
        }
        return [tree.self[frame], tree.total[frame]];
      };
      const heavy = spec.inverted ? ['work', 'hot', 'main'] : ['main', 'hot', 'work'];
      expect(figures(small, heavy)).toEqual(figures(full, heavy));
      expect(figures(small, heavy)).not.toBeNull();
      // every frame kept is at least the share of the whole, or a placeholder for those left out
      const narrow = small.info.narrowNameId;
      for (let i = 1; i < small.length; i++) if (small.nameId[i] !== narrow) expect(small.total[i]! >= small.total[0]! * PREVIEW_SHARE).toBe(true);
      expect(exact.applied).toEqual(preview.applied);
    }
  });

  test('exact at once: a kept view, a small profile, and keep', async () => {
    const api = createWorkerApi();
    await api.parse(1, bytes, { retainAs: 1 });
    const first = api.view(1, hideLock, false, false);
    const again = api.view(1, hideLock, true, true);
    expect(first.ok && again.ok && again.exact && again.functions.length).toBe(1);
    const keep = api.view(1, { transforms: [{ kind: 'keep', match: { name: 'hot' } }] }, true, true);
    expect(keep.ok && keep.exact).toBe(true);
    await api.parse(2, new TextEncoder().encode('main;a 1\nmain;b 2\n'), { retainAs: 2 });
    const small = api.view(2, inverted, true, true);
    expect(small.ok && small.exact).toBe(true);
  });

  test('the client: `exact` on views and sandwiches, and the sandwich preview pruned', async () => {
    const parser = new ProfileParser({ createWorker: 'in-process' });
    const parsed = await parser.parse(new Blob([bytes]));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const { handle } = parsed.profile;
    const preview = await parser.view(handle, inverted, { preview: true });
    const exact = await parser.view(handle, inverted);
    expect(preview.ok && !preview.value.exact && exact.ok && exact.value.exact).toBe(true);
    const sandwichPreview = await parser.sandwich(handle, { transforms: [] }, 'lock', { preview: true });
    const sandwich = await parser.sandwich(handle, { transforms: [] }, 'lock');
    if (!sandwichPreview.ok || !sandwich.ok) throw new Error('sandwich failed');
    expect([sandwichPreview.value.exact, sandwich.value.exact]).toEqual([false, true]);
    expect(sandwichPreview.value.callers.total[0]).toBe(sandwich.value.callers.total[0]);
    expect(sandwichPreview.value.callers.length).toBeLessThan(sandwich.value.callers.length);
    parser.dispose();
  });
});
