/**
 * Every file of the shared corpus, loaded and compared exactly with MANIFEST.tsv (figures computed by an
 * independent script). Formats not read yet must fail cleanly, with a sentence naming what the file is.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { foldToString, importProfile, summarize } from '../../src/index.ts';
import { CORPUS_DIR, corpusBytes, readManifest } from './manifest.ts';

const rows = readManifest();

/** Formats the importers read; the others must be rejected with a clear message. */
const READ = new Set(['pprof', 'collapsed', 'nestedset']);

describe('corpus figures match MANIFEST.tsv exactly', () => {
  test('the manifest is there and lists files of every kind', () => {
    expect(rows.length).toBeGreaterThan(100);
    expect(new Set(rows.map((r) => r.format))).toEqual(
      new Set(['pprof', 'pprof-legacy', 'collapsed', 'flamebearer', 'd3json', 'cpuprofile', 'nestedset']),
    );
  });

  for (const row of rows.filter((r) => r.format === 'pprof')) {
    test(`pprof ${row.file}`, async () => {
      const result = await importProfile(corpusBytes(row.file));
      if (!result.ok) throw new Error(result.error.message);
      const { tree } = result;
      const summary = summarize(tree);
      expect(summary.format).toBe('pprof');
      expect(tree.sampleTypes.map((t) => `${t.type}/${t.unit}`)).toEqual(row.sampleTypes);
      expect(tree.sampleTypes.map((t) => t.total)).toEqual(row.valueSums);
      expect(tree.info.samples).toBe(Number(row.details.samples));
      expect(summary.functions).toBe(row.framesDistinct);
      expect(summary.stacks).toBe(row.stacksDistinct);
      expect(summary.maxDepth).toBe(row.maxDepth);
      const defaultType = String(row.details.default_sample_type ?? '');
      const expectedDefault = defaultType ? row.sampleTypes.findIndex((t) => t.startsWith(`${defaultType}/`)) : row.sampleTypes.length - 1;
      expect(tree.info.defaultSampleTypeIndex).toBe(expectedDefault);
      // folded output of the first sample type: line count and total as the manifest's folded0
      const folded = foldToString(tree, tree.selfByType[0]);
      const lines = folded === '' ? [] : folded.trimEnd().split('\n');
      expect(lines.length).toBe(row.details.folded0_lines);
      expect(lines.reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0)).toBe(row.details.folded0_total);
    });
  }

  for (const row of rows.filter((r) => r.format === 'collapsed' && r.lines! > 0)) {
    test(`collapsed ${row.file}`, async () => {
      const result = await importProfile(corpusBytes(row.file));
      if (!result.ok) throw new Error(result.error.message);
      const { tree } = result;
      const summary = summarize(tree);
      expect(summary.format).toBe('collapsed');
      expect(tree.info.samples).toBe(row.lines);
      expect(tree.sampleTypes.map((t) => String(t.total))).toEqual(row.totals);
      expect(summary.functions).toBe(row.framesDistinct);
      expect(summary.stacks).toBe(row.stacksDistinct);
      expect(summary.maxDepth).toBe(row.maxDepth);
      expect(tree.info.dropped).toEqual([]);
    });
  }

  for (const row of rows.filter((r) => r.format === 'nestedset')) {
    test(`nested set ${row.file}`, async () => {
      const result = await importProfile(corpusBytes(row.file));
      if (!result.ok) throw new Error(result.error.message);
      const { tree } = result;
      const d = row.details as Record<'rows' | 'max_level' | 'root_value' | 'sum_value' | 'sum_self' | 'labels_distinct', number>;
      expect(tree.info.format).toBe('nestedset');
      expect(tree.info.samples).toBe(d.rows);
      // one row per frame: the root row is the synthetic root, no sibling names repeat in this file
      expect(tree.length).toBe(d.rows);
      expect(tree.maxDepth).toBe(d.max_level);
      expect(tree.total[0]).toBe(d.root_value);
      let sumOfTotals = 0;
      for (let f = 0; f < tree.length; f++) sumOfTotals += tree.total[f]!;
      expect(sumOfTotals).toBe(d.sum_value);
      // the root's label ("total") becomes the synthetic root's name, so one distinct label fewer
      expect(summarize(tree).functions).toBe(d.labels_distinct - 1);
      // the note's quirk: "self" is value/1e6 in every row (sum_self = sum_value / 1e6), so it is not a true
      // self value: totals come from "value", and every row is reported as recomputed
      expect(d.sum_self * 1e6).toBe(d.sum_value);
      expect(tree.info.dropped).toEqual([{ reason: expect.stringMatching(/"self" is not their value minus their children's/), count: d.rows }]);
      // the recomputed self values add up to the root's value, as true self values do
      let sumOfSelf = 0;
      for (let f = 0; f < tree.length; f++) sumOfSelf += tree.self[f]!;
      expect(sumOfSelf).toBe(d.root_value);
      // fileName is one value short (upstream quirk): an extra field, ignored, not a ragged-frame error
      const json = JSON.parse(readFileSync(path.join(CORPUS_DIR, row.file), 'utf8')) as { fields: { name: string; values: unknown[] }[] };
      expect(json.fields.find((f) => f.name === 'fileName')!.values.length).toBe(d.rows - 1);
    });
  }

  test('an empty folded file is an "empty" error, not an empty graph', async () => {
    const empty = rows.find((r) => r.format === 'collapsed' && r.lines === 0)!;
    const result = await importProfile(corpusBytes(empty.file));
    expect(result).toEqual({ ok: false, error: { kind: 'empty', message: 'The file is empty.' } });
  });

  for (const row of rows.filter((r) => !READ.has(r.format))) {
    test(`${row.format} ${row.file} is rejected with a message naming what it is`, async () => {
      const result = await importProfile(corpusBytes(row.file));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.kind).toBe('unsupported-format');
      const named: Record<string, RegExp> = {
        'pprof-legacy': /legacy .*pprof.*go tool pprof -proto/,
        flamebearer: /Pyroscope flamebearer/,
        d3json: /d3-flame-graph/,
        cpuprofile: /\.cpuprofile/,
      };
      expect(result.error.message).toMatch(named[row.format]!);
      expect(result.error.message).toMatch(/Supported: pprof/);
    });
  }
});
