/**
 * Properties that hold for every input (fast-check): folded → tree → folded is the identity on the
 * canonical form; totals are conserved; switching sample type and going through the wire form changes
 * nothing; the tree's structural invariants hold.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { foldToString, functionTable, treeFromWire, treeToWire, withSampleType, type FrameTree } from '../../src/index.ts';
import { treeFromFolded } from '../../src/testing/index.ts';

/** Frame names: any text without ';' or line breaks (what folded text can carry), blanks trimmed. */
const frameName = fc
  .string({ minLength: 1, maxLength: 12, unit: 'grapheme' })
  .map((s) => s.replace(/[;\r\n\t\v\f\u0085\u2028\u2029]/g, '_').trim())
  .filter((s) => s.length > 0 && !s.startsWith('#'));
const stack = fc.array(frameName, { minLength: 1, maxLength: 8 });
const count = fc.integer({ min: -1000, max: 100_000 });
const profile = fc.array(fc.tuple(stack, count), { minLength: 1, maxLength: 60 });

/** Canonical folded text: stacks merged (summed), zero sums dropped, sorted like the tree sorts names. */
function canonical(lines: [string[], number][]): string {
  const sums = new Map<string, { frames: string[]; value: number }>();
  for (const [frames, value] of lines) {
    const key = JSON.stringify(frames);
    const entry = sums.get(key) ?? { frames, value: 0 };
    entry.value += value;
    sums.set(key, entry);
  }
  const bytes = (s: string) => new TextEncoder().encode(s);
  const compareNames = (a: string, b: string) => Buffer.compare(Buffer.from(bytes(a)), Buffer.from(bytes(b)));
  const compareStacks = (a: string[], b: string[]) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareNames(a[i]!, b[i]!);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  };
  return [...sums.values()]
    .filter((e) => e.value !== 0)
    .sort((x, y) => compareStacks(x.frames, y.frames))
    .map((e) => `${e.frames.join(';')} ${e.value}\n`)
    .join('');
}

const toText = (lines: [string[], number][]) => lines.map(([frames, value]) => `${frames.join(';')} ${value}`).join('\n');

function checkInvariants(tree: FrameTree): void {
  expect(tree.parent[0]).toBe(-1);
  expect(tree.subtreeEnd[0]).toBe(tree.length);
  for (let i = 1; i < tree.length; i++) {
    const p = tree.parent[i]!;
    expect(p).toBeLessThan(i);
    expect(tree.depth[i]).toBe(tree.depth[p]! + 1);
    expect(tree.subtreeEnd[i]).toBeLessThanOrEqual(tree.subtreeEnd[p]!);
    expect(tree.subtreeEnd[i]).toBeGreaterThan(i);
  }
  // total = self + Σ children totals, for every frame
  for (let i = 0; i < tree.length; i++) {
    let sum = tree.self[i]!;
    for (let c = i + 1; c < tree.subtreeEnd[i]!; c = tree.subtreeEnd[c]!) sum += tree.total[c]!;
    expect(tree.total[i]).toBe(sum);
  }
}

describe('properties of the folded importer and the tree', () => {
  test('folded → tree → folded is the identity on canonical text', () => {
    fc.assert(
      fc.property(profile, (lines) => {
        expect(foldToString(treeFromFolded(toText(lines)))).toBe(canonical(lines));
      }),
      { numRuns: 300 },
    );
  });

  test('the root total is the sum of all counts, and the tree invariants hold', () => {
    fc.assert(
      fc.property(profile, (lines) => {
        const tree = treeFromFolded(toText(lines));
        expect(tree.total[0]).toBe(lines.reduce((s, [, v]) => s + v, 0));
        checkInvariants(tree);
      }),
      { numRuns: 200 },
    );
  });

  test('line order does not matter', () => {
    fc.assert(
      fc.property(profile, fc.integer(), (lines, seed) => {
        const shuffled = [...lines].sort(() => ((seed = (seed * 1103515245 + 12345) | 0) & 1 ? 1 : -1));
        expect(foldToString(treeFromFolded(toText(shuffled)))).toBe(foldToString(treeFromFolded(toText(lines))));
      }),
      { numRuns: 200 },
    );
  });

  test('the wire form (what crosses the worker boundary) round-trips exactly', () => {
    fc.assert(
      fc.property(profile, (lines) => {
        const tree = treeFromFolded(toText(lines));
        const back = treeFromWire(structuredClone(treeToWire(tree)));
        expect(foldToString(back)).toBe(foldToString(tree));
        expect(back.names.toArray()).toEqual(tree.names.toArray());
      }),
      { numRuns: 100 },
    );
  });

  test('function totals never exceed the whole (positive counts), and self sums to the whole', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(stack, fc.nat({ max: 1000 })), { minLength: 1, maxLength: 60 }), (lines) => {
        const tree = treeFromFolded(toText(lines));
        const table = functionTable(tree);
        const whole = tree.total[0]!;
        let selfSum = 0;
        for (let r = 0; r < table.nameId.length; r++) {
          expect(table.total[r]).toBeLessThanOrEqual(whole);
          expect(table.self[r]).toBeLessThanOrEqual(table.total[r]!);
          selfSum += table.self[r]!;
        }
        expect(selfSum).toBe(whole - tree.self[0]!);
      }),
      { numRuns: 200 },
    );
  });

  test('the 3-column form: each column folds to its own profile', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(stack, count, count), { minLength: 1, maxLength: 40 }), (lines) => {
        const tree = treeFromFolded(lines.map(([f, a, b]) => `${f.join(';')} ${a} ${b}`).join('\n'));
        expect(foldToString(withSampleType(tree, 0))).toBe(canonical(lines.map(([f, a]) => [f, a])));
        expect(foldToString(withSampleType(tree, 1))).toBe(canonical(lines.map(([f, , b]) => [f, b])));
      }),
      { numRuns: 100 },
    );
  });
});
