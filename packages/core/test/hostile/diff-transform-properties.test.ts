/**
 * Properties of the diff and the transforms for every input (fast-check): a profile diffed with itself is
 * all zero; merging B with A mirrors merging A with B; totals are conserved by hide, merge-recursion and
 * collapse-module and split exactly by keep/drop; inverting twice gives every function its totals back.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  applyTransform,
  diffStatus,
  diffValue,
  functionTable,
  invertTree,
  mergeDiff,
  modulesIn,
  type DiffMetric,
  type DiffTree,
  type FrameTree,
  type Transform,
} from '../../src/index.ts';
import { treeFromFolded } from '../../src/testing/index.ts';

/**
 * A small pool of names from a few modules (Go packages), so random stacks recurse, share functions
 * between the two sides of a diff and have modules to collapse.
 */
const NAMES = [
  'main.main',
  'main.work',
  'runtime.mallocgc',
  'runtime.gcBgMarkWorker',
  'net/http.(*conn).serve',
  'net/http.HandlerFunc.ServeHTTP',
  'encoding/json.Marshal',
  'f',
  'g',
];
const name = fc.constantFrom(...NAMES);
const stack = fc.array(name, { minLength: 1, maxLength: 7 });
/** Two value columns (two sample types), negative counts included: conservation must not rely on signs. */
const lines = (count: fc.Arbitrary<number>) => fc.array(fc.tuple(stack, count, count), { minLength: 1, maxLength: 40 });
const signed = fc.integer({ min: -50, max: 1000 });
const positive = fc.nat({ max: 1000 });

/** A two-sample-type tree (the 3-column folded form) so every check covers `totalByType`, not one column. */
const treeOf = (rows: [string[], number, number][]) => treeFromFolded(rows.map(([frames, a, b]) => `${frames.join(';')} ${a} ${b}`).join('\n'));
const nameOf = (tree: FrameTree, frame: number) => tree.names.get(tree.nameId[frame]!);
const pathOf = (tree: FrameTree, frame: number) => {
  const path: string[] = [];
  for (let i = frame; i > 0; i = tree.parent[i]!) path.push(nameOf(tree, i));
  return path.reverse().join(';');
};
const METRICS: DiffMetric[] = ['normalized-delta', 'relative-change', 'absolute-delta'];

/** Every sample type's root total and the sum of all self values (the two wholes a transform may keep). */
function wholes(tree: FrameTree): number[][] {
  return tree.totalByType.map((total, t) => {
    let selfSum = 0;
    for (let i = 0; i < tree.length; i++) selfSum += tree.selfByType[t]![i]!;
    return [total[0]!, selfSum];
  });
}

/** name → [self, total] of every function with a value (zero rows say nothing about stacks). */
function functionsByName(tree: FrameTree): Map<string, [number, number]> {
  const table = functionTable(tree);
  const out = new Map<string, [number, number]>();
  for (let r = 0; r < table.nameId.length; r++) {
    if (table.self[r] !== 0 || table.total[r] !== 0) out.set(tree.names.get(table.nameId[r]!), [table.self[r]!, table.total[r]!]);
  }
  return out;
}

describe('diff properties', () => {
  test('a profile diffed with itself is all zero: same values both sides, no new or removed frame', () => {
    fc.assert(
      fc.property(lines(signed), (rows) => {
        const tree = treeOf(rows);
        const diff = mergeDiff(tree, tree);
        expect(diff.length).toBe(tree.length);
        expect([diff.baselineTotal, diff.comparisonTotal]).toEqual([tree.total[0], tree.total[0]]);
        for (let i = 0; i < diff.length; i++) {
          expect(pathOf(diff, i)).toBe(pathOf(tree, i));
          expect([diff.totalB[i], diff.selfB[i]]).toEqual([diff.total[i], diff.self[i]]);
          expect(diffStatus(diff, i)).toBe('both');
          for (const metric of METRICS) {
            expect(diffValue(diff, i, { metric, useSelf: false })).toBe(0);
            expect(diffValue(diff, i, { metric, useSelf: true })).toBe(0);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  test('merge of B with A mirrors merge of A with B: same frames, sides swapped, deltas negated', () => {
    fc.assert(
      fc.property(lines(signed), lines(signed), (rowsA, rowsB) => {
        const a = treeOf(rowsA);
        const b = treeOf(rowsB);
        const ab: DiffTree = mergeDiff(a, b);
        const ba: DiffTree = mergeDiff(b, a);
        expect(ba.length).toBe(ab.length);
        expect([ba.baselineTotal, ba.comparisonTotal]).toEqual([ab.comparisonTotal, ab.baselineTotal]);
        const mirror = { new: 'removed', removed: 'new', both: 'both' } as const;
        for (let i = 0; i < ab.length; i++) {
          expect(pathOf(ba, i)).toBe(pathOf(ab, i));
          expect([ba.total[i], ba.self[i], ba.totalB[i], ba.selfB[i]]).toEqual([ab.totalB[i], ab.selfB[i], ab.total[i], ab.self[i]]);
          expect(diffStatus(ba, i)).toBe(mirror[diffStatus(ab, i)]);
          for (const metric of ['normalized-delta', 'absolute-delta'] as const) {
            for (const useSelf of [false, true]) {
              // `+ 0` folds −0 into 0: a zero delta has no sign to mirror
              expect(diffValue(ba, i, { metric, useSelf }) + 0).toBe(-diffValue(ab, i, { metric, useSelf }) + 0);
            }
          }
        }
        // every sample type both sides share is swapped too, not only the chosen one
        ab.totalByType.forEach((column, t) => expect(ba.totalBByType![t]).toEqual(column));
      }),
      { numRuns: 150 },
    );
  });
});

describe('transform properties', () => {
  /** A transform chosen from what the tree holds (a name on it, a module of it). */
  const pick = (index: number) => NAMES[index % NAMES.length]!;

  test('hide, merge-recursion and collapse-module conserve every sample type’s whole', () => {
    const changed = new Map<string, number>();
    fc.assert(
      fc.property(lines(signed), fc.nat(), fc.boolean(), (rows, index, direct) => {
        const tree = treeOf(rows);
        const modules = modulesIn(tree);
        const transforms: Transform[] = [
          { kind: 'hide', match: { name: pick(index) } },
          { kind: 'hide', match: { regex: '^(runtime|net/http)\\.' } },
          { kind: 'merge-recursion', direct },
          { kind: 'merge-recursion', match: { name: pick(index + 1) } },
          ...modules.map((module): Transform => ({ kind: 'collapse-module', module })),
        ];
        for (const transform of transforms) {
          const result = applyTransform(tree, transform);
          expect(wholes(result.tree), JSON.stringify(transform)).toEqual(wholes(tree));
          if (result.tree.length !== tree.length) changed.set(transform.kind, (changed.get(transform.kind) ?? 0) + 1);
        }
      }),
      { numRuns: 200 },
    );
    // the property was tested on trees each transform really rewrote, not only on no-ops
    for (const kind of ['hide', 'merge-recursion', 'collapse-module']) expect(changed.get(kind) ?? 0, kind).toBeGreaterThan(20);
  });

  test('keep and drop split the whole exactly; with positive counts each is at most the whole', () => {
    let split = 0;
    fc.assert(
      fc.property(lines(signed), fc.nat(), (rows, index) => {
        const tree = treeOf(rows);
        const match = { name: pick(index) };
        const kept = applyTransform(tree, { kind: 'keep', match }).tree;
        const dropped = applyTransform(tree, { kind: 'drop', match }).tree;
        tree.totalByType.forEach((total, t) => expect(kept.totalByType[t]![0]! + dropped.totalByType[t]![0]!).toBe(total[0]));
        if (kept.length > 1 && dropped.length > 1) split++;
      }),
      { numRuns: 200 },
    );
    expect(split).toBeGreaterThan(20); // both halves non-empty: the split was really tested
    fc.assert(
      fc.property(lines(positive), fc.nat(), (rows, index) => {
        const tree = treeOf(rows);
        const match = { regex: NAMES[index % NAMES.length]!.slice(0, 4) };
        for (const kind of ['keep', 'drop'] as const) {
          const result = applyTransform(tree, { kind, match }).tree;
          tree.totalByType.forEach((total, t) => expect(result.totalByType[t]![0]).toBeLessThanOrEqual(total[0]!));
        }
      }),
      { numRuns: 200 },
    );
  });

  test('inverting twice gives every function its self and total back', () => {
    fc.assert(
      fc.property(lines(signed), (rows) => {
        const tree = treeOf(rows);
        const twice = invertTree(invertTree(tree));
        expect(functionsByName(twice)).toEqual(functionsByName(tree));
        expect(twice.total[0]).toBe(tree.total[0]);
      }),
      { numRuns: 200 },
    );
  });
});
