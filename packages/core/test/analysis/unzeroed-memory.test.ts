/**
 * Analyses take some of their arrays without zeroing (recycled memory in the worker, see buffer-pool.ts)
 * and must write every element before reading it. Fresh memory is zeroed, so tests would not notice a
 * read before a write: here every such array starts full of garbage, and each view must come out the
 * same as with zeroed arrays.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { applyTransform, importProfile, invertTree, pruneLimits, sandwich, type FrameTree, type Transform } from '../../src/index.ts';
import { poisonUnzeroed } from '../../src/analysis/buffer-pool.ts';
import { drawTree } from '../../src/testing/index.ts';
import { corpusBytes } from '../corpus/manifest.ts';
import { randomStacks, treeOfStacks } from './stacks.ts';

const TRANSFORMS: Transform[] = [
  { kind: 'hide', match: { name: 'b' } },
  { kind: 'drop', match: { name: 'b' } },
  { kind: 'keep', match: { name: 'b' } },
  { kind: 'focus', match: { name: 'b' } },
  { kind: 'merge-recursion' },
  { kind: 'merge-recursion', direct: true },
  { kind: 'merge-recursion', match: { name: 'a' } },
  { kind: 'collapse-module', module: 'q' },
];

/** Every view of `tree` drawn: each transform (exact and pruned), inverted, and a sandwich. */
function allViews(tree: FrameTree, transforms: readonly Transform[], sandwichOf: string, share: number): string[] {
  const prune = () => ({ limits: pruneLimits(tree, share)!, pruned: 0 });
  const out: string[] = [];
  for (const t of transforms) {
    out.push(drawTree(applyTransform(tree, t).tree));
    if (t.kind !== 'keep') out.push(drawTree(applyTransform(tree, t, prune()).tree));
  }
  out.push(drawTree(invertTree(tree)), drawTree(invertTree(tree, undefined, prune())));
  const s = sandwich(tree, sandwichOf);
  const p = sandwich(tree, sandwichOf, prune());
  out.push(drawTree(s.callers), drawTree(s.callees), drawTree(p.callers), drawTree(p.callees));
  return out;
}

function sameWithGarbage(views: () => string[]) {
  const zeroed = views();
  for (const byte of [0xff, 0x5a]) {
    poisonUnzeroed(byte);
    const poisoned = views();
    poisonUnzeroed(null);
    expect(poisoned).toHaveLength(zeroed.length);
    for (let i = 0; i < zeroed.length; i++) expect(poisoned[i], `view ${i}, garbage byte ${byte}`).toBe(zeroed[i]);
  }
}

describe('views do not read memory they did not write', () => {
  afterEach(() => poisonUnzeroed(null));

  for (const seed of [3, 17, 2024]) {
    test(`random stacks, seed ${seed}`, () => {
      const tree = treeOfStacks(randomStacks(seed, 80, ['a', 'b', 'q.c', 'q.d', 'e']));
      sameWithGarbage(() => allViews(tree, TRANSFORMS, 'b', 0.02));
    });
  }

  test('a corpus profile', async () => {
    const result = await importProfile(corpusBytes('pprof/go-json-gogc100.cpu.pb.gz'));
    if (!result.ok) throw new Error(result.error.message);
    const tree = result.tree;
    // the function with the most frames: the most callers and callees to merge
    const frames = new Uint32Array(tree.names.length);
    for (let i = 1; i < tree.length; i++) frames[tree.nameId[i]!]!++;
    const name = tree.names.get(frames.indexOf(Math.max(...frames)));
    const transforms: Transform[] = [{ kind: 'merge-recursion' }, { kind: 'hide', match: { name } }, { kind: 'drop', match: { name } }, { kind: 'focus', match: { name } }, { kind: 'collapse-module', module: 'runtime' }];
    sameWithGarbage(() => allViews(tree, transforms, name, 0.001));
  });
});
