/**
 * A tree the page keeps is sent to the worker as a copy: transferring the wire must leave every buffer of
 * the page's tree in place — a DiffTree's comparison columns included (they once travelled uncopied, and
 * the page's diff went blank after its first analysis).
 */
import { describe, expect, test } from 'vitest';
import { mergeDiff, transferablesOf } from '../../src/index.ts';
import { buffersOf } from '../../src/analysis/tree-writer.ts';
import { treeFromFolded } from '../../src/testing/index.ts';
import { anyTreeFromWire, anyTreeToWire } from '../../src/worker/analysis-wire.ts';

describe('anyTreeToWire with every buffer kept by the sender', () => {
  test('a DiffTree: no buffer of the wire belongs to the tree, and the copy reads the same', () => {
    const diff = mergeDiff(treeFromFolded('main;a 3\nmain;b 1'), treeFromFolded('main;a 2\nmain;c 6'));
    const own = new Set(buffersOf(diff));
    for (const column of [diff.totalB, diff.selfB, ...(diff.totalBByType ?? []), ...(diff.selfBByType ?? [])]) own.add(column.buffer);
    const wire = anyTreeToWire(diff, () => true);
    const shared = transferablesOf(wire).filter((b) => own.has(b));
    expect(shared).toEqual([]);
    const back = anyTreeFromWire(wire) as typeof diff;
    expect(Array.from(back.totalB)).toEqual(Array.from(diff.totalB));
    expect(Array.from(back.selfB)).toEqual(Array.from(diff.selfB));
    expect([back.baselineTotal, back.comparisonTotal]).toEqual([diff.baselineTotal, diff.comparisonTotal]);
  });
});
