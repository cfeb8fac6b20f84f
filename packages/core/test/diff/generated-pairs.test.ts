/**
 * Diff pairs from ../shared/tools/gen_profiles.mjs (deterministic; generated small, into a temp folder):
 * the generator changes known subtrees (grow, shrink, add, remove, insert a wrapper) and writes the exact
 * totals of each changed subtree on both sides into NAME.truth.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  diffStatus,
  diffValue,
  foldDiffToString,
  foldToString,
  importProfile,
  isFrameWithinNoise,
  mergeDiff,
  noiseModel,
  withSampleType,
  type DiffTree,
  type FrameTree,
} from '../../src/index.ts';
import { frameAt } from '../../src/testing/index.ts';
import { CORPUS_DIR } from '../corpus/manifest.ts';

const GENERATOR = path.resolve(CORPUS_DIR, '../tools/gen_profiles.mjs');
const ROOT = path.resolve(import.meta.dirname, '../../../..');

interface Change {
  kind: 'grow' | 'shrink' | 'add' | 'remove' | 'insert';
  path: string[];
  baseTotal: number;
  diffTotal: number;
}
interface Truth {
  baseTotalSamples: number;
  diffTotalSamples: number;
  changes: Change[];
}

async function read(file: string): Promise<FrameTree> {
  const result = await importProfile(new Uint8Array(readFileSync(file)));
  if (!result.ok) throw new Error(result.error.message);
  return result.tree;
}

/** Generates NAME.{base,diff}.{collapsed,pb.gz} and NAME.truth.json; returns the prefix. */
function generate(dir: string, name: string, options: string[]): string {
  const prefix = path.join(dir, name);
  execFileSync(process.execPath, [GENERATOR, '--out', prefix, '--diff', ...options], { cwd: ROOT, stdio: 'ignore' });
  return prefix;
}

describe.each([
  ['3k stacks, every kind of change', ['--stacks', '3000', '--seed', '7', '--grow', '3', '--shrink', '3', '--add', '4', '--remove', '4', '--insert', '2']],
  ['6k stacks, deeper with recursion', ['--stacks', '6000', '--seed', '11', '--depth-mean', '22', '--recursion', '0.1', '--branch-mean', '8', '--insert', '3']],
])('generated pair: %s', (_, options) => {
  let truth: Truth;
  const diffs: Record<string, DiffTree> = {};
  let base: FrameTree;
  let comparison: FrameTree;

  beforeAll(async () => {
    const prefix = generate(mkdtempSync(path.join(tmpdir(), 'flamelens-diff-')), 'pair', options);
    truth = JSON.parse(readFileSync(`${prefix}.truth.json`, 'utf8')) as Truth;
    base = await read(`${prefix}.base.collapsed`);
    comparison = await read(`${prefix}.diff.collapsed`);
    diffs.collapsed = mergeDiff(base, comparison);
    // pprof carries samples/count and cpu/nanoseconds: both are merged; compare the sample counts.
    diffs.pprof = withSampleType(mergeDiff(await read(`${prefix}.base.pb.gz`), await read(`${prefix}.diff.pb.gz`)), 0);
  }, 120_000); // generating takes about a second alone, much longer on a busy machine

  test.each(['collapsed', 'pprof'])('%s: every changed subtree has its exact totals on both sides', (format) => {
    const diff = diffs[format]!;
    expect([diff.baselineTotal, diff.comparisonTotal]).toEqual([truth.baseTotalSamples, truth.diffTotalSamples]);
    expect(truth.changes.length).toBeGreaterThan(4);
    for (const change of truth.changes) {
      const frame = frameAt(diff, change.path.join(';'));
      expect([change.kind, diff.total[frame], diff.totalB[frame]]).toEqual([change.kind, change.baseTotal, change.diffTotal]);
    }
  });

  test.each(['collapsed', 'pprof'])('%s: grown is red, shrunk is blue, removed and new are marked', (format) => {
    const diff = diffs[format]!;
    for (const change of truth.changes) {
      const frame = frameAt(diff, change.path.join(';'));
      const label = `${change.kind} ${change.path.at(-1)}`;
      if (change.kind === 'grow') expect([label, diffValue(diff, frame) > 0]).toEqual([label, true]);
      if (change.kind === 'shrink') expect([label, diffValue(diff, frame) < 0]).toEqual([label, true]);
      if (change.kind === 'remove') expect([label, diffStatus(diff, frame)]).toEqual([label, 'removed']);
      if (change.kind === 'add' || change.kind === 'insert') expect([label, diffStatus(diff, frame)]).toEqual([label, 'new']);
      // Everything under a removed (new) frame is removed (new) too.
      if (change.kind === 'remove' || change.kind === 'add') {
        for (let f = frame; f < diff.subtreeEnd[frame]!; f++) if (diff.total[f] !== 0 || diff.totalB[f] !== 0) expect(diffStatus(diff, f)).toBe(diffStatus(diff, frame));
      }
    }
  });

  test('the grown and shrunk subtrees (3× and ¼ of their samples) are far outside sampling noise', () => {
    const diff = diffs.collapsed!;
    const model = noiseModel(diff);
    expect(model.kind).toBe('counts');
    const large = truth.changes.filter((c) => (c.kind === 'grow' || c.kind === 'shrink') && c.baseTotal >= 100);
    expect(large.length).toBeGreaterThan(1);
    for (const change of large) {
      expect([change.path.at(-1), isFrameWithinNoise(diff, frameAt(diff, change.path.join(';')), model)]).toEqual([change.path.at(-1), false]);
    }
  });

  test('the 3-column fold holds both sides: its columns fold back to each input', () => {
    const diff = diffs.collapsed!;
    const lines = foldDiffToString(diff).trimEnd().split('\n');
    const column = (k: 1 | 2) =>
      lines
        .map((l) => l.split(' '))
        .filter((cells) => cells.at(-3 + k) !== '0')
        .map((cells) => `${cells.slice(0, -2).join(' ')} ${cells.at(-3 + k)}`)
        .join('\n') + '\n';
    expect(column(1)).toBe(foldToString(base));
    expect(column(2)).toBe(foldToString(comparison));
  });

  test('the baseline against itself is all neutral', () => {
    const same = mergeDiff(base, base);
    expect(same.length).toBe(base.length);
    for (let i = 0; i < same.length; i++) {
      if (diffValue(same, i) !== 0 || diffStatus(same, i) !== 'both') throw new Error(`frame ${i} is not neutral`);
    }
  });
});
