import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import {
  diffFunctionTable,
  diffFunctionTables,
  functionTable,
  importProfile,
  rankChanges,
  withSampleType,
  type DiffFunctionTable,
  type DiffTree,
  type FrameTree,
} from '../../src/index.ts';
import { joinFunctionTables } from '../../src/diff/diff-functions.ts';
import { mergeDiffWithNames } from '../../src/diff/merge-diff.ts';
import { diffFromFolded } from '../../src/testing/index.ts';
import { CORPUS_DIR } from '../corpus/manifest.ts';

/** Rows by function name: [baseline self, baseline total, comparison self, comparison total]. */
function rowsOf(diff: DiffTree, table: DiffFunctionTable): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (let r = 0; r < table.nameId.length; r++) out[diff.names.get(table.nameId[r]!)] = [table.self[r]!, table.total[r]!, table.selfB[r]!, table.totalB[r]!];
  return out;
}

describe('function deltas', () => {
  test('both sides per function; a recursive function counts once per stack; names on one side only have zeros', () => {
    const diff = diffFromFolded('main;f;g;f 4\nmain;old 1\n', 'main;f 2\nmain;f;f;f 3\nmain;new 5\n');
    expect(rowsOf(diff, diffFunctionTable(diff))).toEqual({
      main: [0, 5, 0, 10],
      f: [4, 4, 5, 5],
      g: [0, 4, 0, 0],
      old: [1, 1, 0, 0],
      new: [0, 0, 5, 5],
    });
  });

  test('changes rank by the size of the normalized total delta', () => {
    const diff = diffFromFolded('main;a 50\nmain;b 30\nmain;c 20\n', 'main;a 52\nmain;b 10\nmain;c 38\n');
    const table = diffFunctionTable(diff);
    expect(rankChanges(diff, table).map((r) => diff.names.get(table.nameId[r]!))).toEqual(['b', 'c', 'a', 'main']);
    expect(rankChanges(diff, table, { metric: 'absolute-delta', useSelf: true }, 2).map((r) => diff.names.get(table.nameId[r]!))).toEqual(['b', 'c']);
  });
});

describe('joining the two sides’ own function tables (what the worker does)', () => {
  async function load(file: string): Promise<FrameTree> {
    const gunzip = (b: Uint8Array, max: number) => new Uint8Array(gunzipSync(b, { maxOutputLength: max }));
    const result = await importProfile(new Uint8Array(readFileSync(path.join(CORPUS_DIR, file))), { gunzip });
    if (!result.ok) throw new Error(result.error.message);
    return result.tree;
  }

  test.each([
    ['pprof/go-json-gogc100.cpu.pb.gz', 'pprof/go-json-gogc25.cpu.pb.gz'],
    ['pprof/pyroscope_gotruncate_cpu_1.pb.gz', 'pprof/pyroscope_gotruncate_cpu_1.fixed.pb.gz'],
    ['collapsed/inferno_diff_before.txt', 'collapsed/inferno_diff_after.txt'],
  ])('%s → %s: the join equals the walk over the merged tree, in every shared type', async (a, b) => {
    const baseline = await load(a);
    const comparison = await load(b);
    const { tree, names, shared } = mergeDiffWithNames(baseline, comparison);
    const walked = diffFunctionTables(tree);
    expect(walked.length).toBe(shared.length);
    shared.forEach((s, t) => {
      const joined = joinFunctionTables(
        functionTable(baseline, baseline.selfByType[s.baselineIndex], baseline.totalByType[s.baselineIndex]),
        functionTable(comparison, comparison.selfByType[s.comparisonIndex], comparison.totalByType[s.comparisonIndex]),
        names.fromBaseline,
        names.fromComparison,
        tree.names.length,
      );
      expect(joined).toEqual(walked[t]);
      expect(rowsOf(tree, joined)).toEqual(rowsOf(withSampleType(tree, t), diffFunctionTable(withSampleType(tree, t))));
    });
  });
});
