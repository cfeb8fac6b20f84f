/**
 * Swapping a diff's sides is the same as merging the other way round: the app's swap button relies on it
 * instead of parsing and merging both files again.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { diffFunctionTable, importProfile, mergeDiff, swapDiffFunctionTable, swapDiffSides, withSampleType, type DiffFunctionTable, type DiffTree, type FrameTree } from '../../src/index.ts';
import { treeFromFolded } from '../../src/testing/index.ts';
import { CORPUS_DIR } from '../corpus/manifest.ts';

async function load(file: string): Promise<FrameTree> {
  const gunzip = (b: Uint8Array, max: number) => new Uint8Array(gunzipSync(b, { maxOutputLength: max }));
  const result = await importProfile(new Uint8Array(readFileSync(path.join(CORPUS_DIR, file))), { gunzip });
  if (!result.ok) throw new Error(`${file}: ${result.error.message}`);
  return result.tree;
}

/** Everything a viewer reads from a diff tree, as plain data. */
function readable(tree: DiffTree) {
  return {
    names: Array.from(tree.nameId, (id) => tree.names.get(id)),
    parent: Array.from(tree.parent),
    total: Array.from(tree.total),
    self: Array.from(tree.self),
    totalB: Array.from(tree.totalB),
    selfB: Array.from(tree.selfB),
    wholes: [tree.baselineTotal, tree.comparisonTotal],
    sides: [tree.baselineName, tree.comparisonName],
    sampleTypes: tree.sampleTypes.map((t) => `${t.type}/${t.unit}=${t.total}`),
  };
}

function tableByName(tree: DiffTree, table: DiffFunctionTable) {
  const rows = new Map<string, number[]>();
  table.nameId.forEach((id, r) => rows.set(tree.names.get(id), [table.self[r]!, table.total[r]!, table.selfB[r]!, table.totalB[r]!]));
  return { rows, wholes: [table.whole, table.wholeB] };
}

describe('swapDiffSides', () => {
  test('a hand-made pair: the swapped diff is the diff of B against A', () => {
    const a = treeFromFolded('main;a 3\nmain;b 1');
    const b = treeFromFolded('main;a 2\nmain;c 6');
    const swapped = swapDiffSides(mergeDiff(a, b, { baselineName: 'a.txt', comparisonName: 'b.txt' }));
    expect(readable(swapped)).toEqual(readable(mergeDiff(b, a, { baselineName: 'b.txt', comparisonName: 'a.txt' })));
    expect(readable(swapDiffSides(swapped))).toEqual(readable(mergeDiff(a, b, { baselineName: 'a.txt', comparisonName: 'b.txt' })));
  });

  test('a real pprof pair with 4 sample types: every type and its function table swap', async () => {
    const a = await load('pprof/parca_many_00_1644509272337470000.pb.gz');
    const b = await load('pprof/parca_many_09_1644509299337903000.pb.gz');
    const swapped = swapDiffSides(mergeDiff(a, b));
    const reversed = mergeDiff(b, a);
    expect(swapped.sampleTypes.length).toBe(4);
    for (let t = 0; t < swapped.sampleTypes.length; t++) {
      expect(readable(withSampleType(swapped, t))).toEqual(readable(withSampleType(reversed, t)));
    }
    // Name ids depend on the merge order: compare the tables row by row by name.
    const forward = mergeDiff(a, b);
    expect(tableByName(forward, swapDiffFunctionTable(diffFunctionTable(forward)))).toEqual(tableByName(reversed, diffFunctionTable(reversed)));
  });
});
