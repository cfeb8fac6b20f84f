/**
 * The diff path of the worker API and the client, run in-process (the real worker is exercised by
 * diff-worker.browser.test.ts): the wire form of a DiffTree, parse-and-merge, merge of trees on the page,
 * errors as values.
 */
import { describe, expect, test } from 'vitest';
import { diffValue, foldDiffToString, mergeDiff, transferablesOf, treeFromWire, treeToWire, withSampleType, type DiffTree } from '../../src/index.ts';
import { diffTreeFromWire } from '../../src/worker/wire.ts';
import { ProfileParser } from '../../src/worker/client.ts';
import { diffFromFolded, frameAt, treeFromFolded } from '../../src/testing/index.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('DiffTree on the wire', () => {
  test('round-trips with both sides, every shared type, the side infos and names', () => {
    const diff: DiffTree = { ...diffFromFolded('main;a 3\nmain;b 1\n', 'main;a 2\nmain;c 6\n'), baselineName: 'before.txt', comparisonName: 'after.txt' };
    const back = diffTreeFromWire(treeToWire(diff));
    expect(foldDiffToString(back)).toBe(foldDiffToString(diff));
    expect([back.baselineTotal, back.comparisonTotal, back.baselineName, back.comparisonName]).toEqual([4, 8, 'before.txt', 'after.txt']);
    expect(back.comparisonInfo).toEqual(diff.comparisonInfo);
    expect(back.totalB).toBe(diff.totalB); // the same array: nothing copied
  });

  test('a plain tree stays plain, and every diff column is among the transferables', () => {
    expect('totalB' in treeFromWire(treeToWire(treeFromFolded('a 1\n')))).toBe(false);
    const diff = diffFromFolded('a 1\n', 'b 2\n');
    const buffers = transferablesOf(treeToWire(diff));
    for (const column of [diff.totalB, diff.selfB, diff.total, diff.self, diff.parent, diff.names.bytes]) expect(buffers).toContain(column.buffer);
  });

  test('a sample type switch survives the wire', () => {
    const a = treeFromFolded('main;x 1\n');
    const wire = treeToWire(withSampleType(mergeDiff(a, a), 0));
    expect(diffTreeFromWire(wire).comparisonTotal).toBe(1);
  });
});

describe('ProfileParser.diff (in-process)', () => {
  const parser = new ProfileParser({ createWorker: 'in-process' });

  test('two files of different formats are parsed and merged, with function tables and each side’s types', async () => {
    const outcome = await parser.diff(
      { baseline: bytes('main;parse 3\nmain;render 5\n'), comparison: new Blob(['main;parse 6\nmain;gc 2\n']) },
      { baselineName: 'a.txt', comparisonName: 'b.txt' },
    );
    if (!outcome.ok) throw new Error(outcome.error.message);
    const { tree, functions, baselineSampleTypes } = outcome.diff;
    expect(diffValue(tree, frameAt(tree, 'main;parse'))).toBeCloseTo(75 - 37.5, 12);
    expect([tree.baselineName, tree.comparisonName]).toEqual(['a.txt', 'b.txt']);
    expect(baselineSampleTypes).toEqual([{ type: 'samples', unit: 'count', total: 8 }]);
    expect(functions).toHaveLength(1);
    const row = [...functions[0]!.nameId].findIndex((id) => tree.names.get(id) === 'parse');
    expect([functions[0]!.total[row], functions[0]!.totalB[row]]).toEqual([3, 6]);
  });

  test('one 3-column folded file is a diff on its own', async () => {
    const outcome = await parser.diff({ baseline: bytes('main;a 3 1\nmain;b 0 4\n') });
    expect(outcome.ok && [outcome.diff.tree.baselineTotal, outcome.diff.tree.comparisonTotal]).toEqual([3, 5]);
  });

  test('a side that does not parse names its side; inputs that cannot be compared say why', async () => {
    const bad = await parser.diff({ baseline: bytes('main 1\n'), comparison: bytes('\x89PNG\r\n\x1a\n') }, { comparisonName: 'new.png' });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'unsupported-format', message: expect.stringMatching(/^The comparison \(new\.png\): This looks like/) } });
    const one = await parser.diff({ baseline: bytes('main 1\n') });
    expect(one).toMatchObject({ ok: false, error: { kind: 'incompatible' } });
  });

  test('merge: trees already on the page are merged in the worker and stay usable on the page', async () => {
    const a = treeFromFolded('x;y 2\n');
    const b = treeFromFolded('x;z 2\n');
    const outcome = await parser.merge(a, b);
    expect(outcome.ok && foldDiffToString(outcome.diff.tree)).toBe('x;y 2 0\nx;z 0 2\n');
    expect(a.total[0]).toBe(2);
  });

  test('a new job cancels the running diff', async () => {
    const big = new Blob([Array.from({ length: 100_000 }, (_, i) => `a;b${i} 1`).join('\n')]);
    const first = parser.diff({ baseline: big, comparison: big });
    const second = parser.parse(bytes('x 1\n'));
    expect(await first).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect((await second).ok).toBe(true);
  });
});
