/**
 * The sandwich (callers above, callees below one function) and the inverted tree, drawn on fixtures and
 * checked against per-stack rewrites; inverting twice gives back every function's figures.
 */
import { describe, expect, test } from 'vitest';
import { applyTransform, diffFunctionTable, diffProfiles, diffValue, functionTable, functionTables, importProfile, invertTree, isDiffTree, sandwich, type DiffTree, type FrameTree } from '../../src/index.ts';
import { hasInversionOrigins, prepareInversion } from '../../src/analysis/invert.ts';
import { diffFromFolded, drawTree, frameAt, treeFromFolded } from '../../src/testing/index.ts';
import { anyTreeFromWire, anyTreeToWire } from '../../src/worker/analysis-wire.ts';
import { corpusBytes, readManifest } from '../corpus/manifest.ts';
import { drawColumns, randomStacks, rewrite, rewriteStacks, treeOfStacks } from './stacks.ts';

function drawing(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const indent = Math.min(...lines.map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

/** name → [self, total] of every function, for comparing trees whose name ids differ. */
function figures(tree: FrameTree, column = tree.sampleTypeIndex): Map<string, [number, number]> {
  const table = functionTable(tree, tree.selfByType[column], tree.totalByType[column]);
  return new Map(Array.from(table.nameId, (id, r) => [tree.names.get(id), [table.self[r]!, table.total[r]!]]));
}

const profile = treeFromFolded(`
  main;a;malloc 3
  main;b;malloc 2
  main;b 1
  main;f;g;f;malloc 4
`);

describe('inverted tree', () => {
  test('leaves at the root, callers below them', () => {
    expect(drawTree(invertTree(profile))).toBe(
      drawing(`
        all 10 (0)
          b 1 (0)
            main 1 (1)
          malloc 9 (0)
            a 3 (0)
              main 3 (3)
            b 2 (0)
              main 2 (2)
            f 4 (0)
              g 4 (0)
                f 4 (0)
                  main 4 (4)
      `),
    );
  });

  test('samples with an empty stack stay on the root', () => {
    const tree = treeOfStacks([
      { frames: [], values: [5] },
      { frames: ['x', 'y'], values: [2] },
    ]);
    expect(drawTree(invertTree(tree))).toBe(drawing(`
      all 7 (5)
        y 2 (0)
          x 2 (2)
    `));
  });

  test('inverting twice gives back the stacks (random profiles, both value columns)', () => {
    for (const seed of [3, 17, 2024]) {
      // a stack with no value has nothing to read upwards: the inverted view leaves it out
      const stacks = randomStacks(seed, 80, ['a', 'b', 'c', 'd', 'e']).filter((s) => s.values.some((v) => v !== 0));
      const tree = treeOfStacks(stacks);
      expect(drawColumns(invertTree(tree))).toBe(drawColumns(treeOfStacks(rewriteStacks(stacks, rewrite.invert), 2)));
      expect(drawColumns(invertTree(invertTree(tree)))).toBe(drawColumns(tree));
    }
  });

  test('origins prepared a few frames at a time (idle work) give the same inversion, and are kept', () => {
    for (const seed of [5, 41]) {
      const stacks = randomStacks(seed, 120, ['a', 'b', 'c', 'd', 'e']).filter((s) => s.values.some((v) => v !== 0));
      const expected = drawColumns(invertTree(treeOfStacks(stacks)));
      const tree = treeOfStacks(stacks);
      const steps = prepareInversion(tree, 7);
      let taken = 0;
      let step = steps.next();
      for (; !step.done; step = steps.next()) {
        expect(hasInversionOrigins(tree)).toBe(false);
        taken++;
      }
      // one step per 7 frames read, twice over (count, then place)
      expect(taken).toBe(2 * (Math.ceil((tree.length - 1) / 7) - 1));
      expect(hasInversionOrigins(tree)).toBe(true);
      // frames, up and upName (4 bytes each) and two values each (8 bytes) per origin, and per group its start,
      // name and two sums, plus the groups' end
      let origins = 0;
      const groups = new Set<number>();
      for (let i = 1; i < tree.length; i++) {
        if (tree.selfByType.every((column) => column[i] === 0)) continue;
        origins++;
        groups.add(tree.nameId[i]!);
      }
      expect(step.value).toBe(origins * (12 + 16) + groups.size * (8 + 16) + 4);
      expect(drawColumns(invertTree(tree))).toBe(expected);
      // again: nothing to find, the same bytes
      const again = prepareInversion(tree, 7).next();
      expect(again).toEqual({ done: true, value: step.value });
    }
  });

  const pprofRows = readManifest().filter((r) => r.format === 'pprof' && /^pprof\/(go-|parca_|pyroscope_(go|java|python|jfr_kafka_cpu_0))/.test(r.file));
  test.each(pprofRows.map((r) => r.file))('inverted twice, %s: every function has its self and total back', async (file) => {
    const result = await importProfile(corpusBytes(file));
    if (!result.ok) throw new Error(result.error.message);
    const tree = result.tree;
    const once = invertTree(tree);
    const twice = invertTree(once);
    expect(once.info.inverted).toBe(true);
    expect(twice.info.inverted).toBeUndefined();
    // the inverted view's table is the upright one's: self where the stacks end (the root's children), the
    // same totals; and inverting twice gives every function its figures back
    for (let t = 0; t < tree.sampleTypes.length; t++) {
      expect(figures(once, t)).toEqual(figures(tree, t));
      expect(figures(twice, t)).toEqual(figures(tree, t));
    }
  });

  test('the function table of an inverted view is the upright one: self where the stacks end', () => {
    const inverted = invertTree(profile);
    // drawn above: the frames' own self is at the outermost callers (main), the functions' at the leaves
    expect(figures(inverted)).toEqual(
      new Map([
        ['main', [0, 10]],
        ['a', [0, 3]],
        ['b', [1, 3]],
        ['f', [0, 4]],
        ['g', [0, 4]],
        ['malloc', [9, 9]],
      ]),
    );
    expect(figures(inverted)).toEqual(figures(profile));
    // every sample type at once, and a diff's two sides
    for (const seed of [9, 77]) {
      const stacks = randomStacks(seed, 60, ['a', 'b', 'c', 'd']).filter((s) => s.values.some((v) => v !== 0));
      const tree = treeOfStacks(stacks);
      expect(functionTables(invertTree(tree))).toEqual(functionTables(tree));
      const side = (k: number) => treeOfStacks(stacks.map((x) => ({ frames: x.frames, values: [x.values[k]!] })));
      const diff = diffProfiles(side(0), side(1));
      const diffInverted = invertTree(diff);
      expect(isDiffTree(diffInverted) && diffInverted.info.inverted).toBe(true);
      const byName = (d: FrameTree) => {
        const table = diffFunctionTable(d as DiffTree);
        return new Map(Array.from(table.nameId, (id, r) => [d.names.get(id), [table.self[r], table.total[r], table.selfB[r], table.totalB[r]]]));
      };
      expect(byName(diffInverted)).toEqual(byName(diff));
      // by self, a root child's change is its function's (its totals), a caller below it has none
      const d = diffInverted as DiffTree;
      for (let i = 1; i < d.length; i++) {
        const change = diffValue(d, i, { metric: 'absolute-delta', useSelf: true });
        expect(change).toBe(d.depth[i] === 1 ? d.totalB[i]! - d.total[i]! : 0);
      }
    }
  });
});

describe('sandwich', () => {
  test('of a diff: both halves keep the profiles’ wholes, so a caller’s change is its share of the whole profile', () => {
    // f grew from 4 of 10 to 12 of 20; its old caller a from 4 to 8: 40% of the whole profile both times (of
    // the function's own total it fell from 100% to 67%, which would draw it blue); b is new
    const diff = diffFromFolded('main;a;f 4\nmain;x 6', 'main;a;f 8\nmain;b;f 4\nmain;x 8');
    const { callers, callees } = sandwich(diff, 'f');
    for (const half of [callers, callees]) {
      if (!isDiffTree(half)) throw new Error('a diff sandwich half is a diff');
      expect([half.baselineTotal, half.comparisonTotal]).toEqual([10, 20]);
      // and what each side was read from: the noise test reads its sampling period
      expect(half.baselineInfo).toBe(diff.baselineInfo);
      expect(half.comparisonInfo).toBe(diff.comparisonInfo);
      // and so after a trip to the page (the worker sends it)
      const sent = anyTreeFromWire(anyTreeToWire(half)) as DiffTree;
      expect([sent.baselineTotal, sent.comparisonTotal]).toEqual([10, 20]);
    }
    const byA = frameAt(callers, 'f;a');
    expect(diffValue(callers as DiffTree, byA)).toBe(0); // 40% → 40% of each whole: unchanged, not shrank
    expect(diffValue(callers as DiffTree, frameAt(callers, 'f'))).toBeCloseTo(20, 12); // 40% → 60%
    expect(diffValue(callers as DiffTree, frameAt(callers, 'f;b'))).toBeCloseTo(20, 12); // new: 0 → 20%
  });

  test('callers above, callees below, recursion counted once', () => {
    const { callers, callees } = sandwich(profile, 'f');
    expect(drawTree(callers)).toBe(
      drawing(`
        all 4 (0)
          f 4 (0)
            main 4 (4)
      `),
    );
    expect(drawTree(callees)).toBe(
      drawing(`
        all 4 (0)
          f 4 (0)
            g 4 (0)
              f 4 (0)
                malloc 4 (4)
      `),
    );
  });

  test('every call of the function merges: malloc from three callers', () => {
    const { callers, callees, nameId } = sandwich(profile, 'malloc');
    expect(profile.names.get(nameId)).toBe('malloc');
    expect(drawTree(callers)).toBe(
      drawing(`
        all 9 (0)
          malloc 9 (0)
            a 3 (0)
              main 3 (3)
            b 2 (0)
              main 2 (2)
            f 4 (0)
              g 4 (0)
                f 4 (0)
                  main 4 (4)
      `),
    );
    expect(drawTree(callees)).toBe(drawing(`
      all 9 (0)
        malloc 9 (9)
    `));
  });

  test('an unknown function gives two empty trees', () => {
    const s = sandwich(profile, 'nope');
    expect(s.nameId).toBe(-1);
    expect(drawTree(s.callers)).toBe('all 0 (0)');
    expect(drawTree(s.callees)).toBe('all 0 (0)');
  });

  test('random profiles: both halves equal the per-stack rewrites, and the function total', () => {
    for (const seed of [11, 12, 13]) {
      const stacks = randomStacks(seed, 80, ['a', 'b', 'c', 'd']);
      const tree = treeOfStacks(stacks);
      for (const name of ['a', 'c']) {
        const s = sandwich(tree, name);
        expect(drawColumns(s.callers)).toBe(drawColumns(treeOfStacks(rewriteStacks(stacks, (f) => rewrite.callers(f, name)), 2)));
        expect(drawColumns(s.callees)).toBe(drawColumns(treeOfStacks(rewriteStacks(stacks, (f) => rewrite.focus(f, (n) => n === name)), 2)));
        const total = figures(tree).get(name)?.[1] ?? 0;
        expect(s.callers.total[0]).toBe(total);
        expect(s.callees.total[0]).toBe(total);
      }
    }
  });
});

describe('deep stacks (past 65535 frames: 32-bit depths)', () => {
  const frames = Array.from({ length: 70_000 }, (_, i) => (i % 2 ? 'b' : 'a'));
  const tree = treeOfStacks([{ frames, values: [3] }, { frames: ['a', 'c'], values: [1] }], 1);

  test('inverted, twice, and transformed, without recursion or overflow', () => {
    const inverted = invertTree(tree);
    expect(inverted.maxDepth).toBe(70_000);
    expect(inverted.depth).toBeInstanceOf(Uint32Array);
    const twice = invertTree(inverted);
    expect(Array.from(twice.depth)).toEqual(Array.from(tree.depth));
    expect(Array.from(twice.total)).toEqual(Array.from(tree.total));
    const merged = applyTransform(tree, { kind: 'merge-recursion' }).tree;
    expect(drawTree(merged)).toBe(drawing(`
      all 4 (0)
        a 4 (0)
          b 3 (3)
          c 1 (1)
    `));
    const hidden = applyTransform(tree, { kind: 'hide', match: { name: 'c' } }).tree;
    expect([hidden.maxDepth, hidden.total[0], hidden.depth instanceof Uint32Array]).toEqual([70_000, 4, true]);
  });
});
