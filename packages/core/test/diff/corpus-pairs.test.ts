/**
 * The real before/after pairs of ../shared/corpus/DIFF_PAIRS.tsv, merged and checked against the figures of
 * MANIFEST.tsv and what each pair is known to show.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import {
  diffFunctionTable,
  diffProfiles,
  diffStatus,
  diffValue,
  changeOf,
  foldDiffToString,
  foldToString,
  importProfile,
  isFrameWithinNoise,
  isWithinNoise,
  mergeDiff,
  noiseModel,
  withSampleType,
  type DiffTree,
  type FrameTree,
} from '../../src/index.ts';
import { CORPUS_DIR, readManifest } from '../corpus/manifest.ts';

const manifest = readManifest();
const row = (file: string) => manifest.find((r) => r.file === file)!;

async function load(file: string): Promise<FrameTree> {
  const gunzip = (b: Uint8Array, max: number) => new Uint8Array(gunzipSync(b, { maxOutputLength: max }));
  const result = await importProfile(new Uint8Array(readFileSync(path.join(CORPUS_DIR, file))), { gunzip });
  if (!result.ok) throw new Error(`${file}: ${result.error.message}`);
  return result.tree;
}

/** Function rows by name: [baseline total, comparison total, Δ total pp, Δ self pp]. */
function functionsOf(diff: DiffTree): Map<string, { a: number; b: number; delta: number; selfDelta: number }> {
  const table = diffFunctionTable(diff);
  const byName = new Map<string, { a: number; b: number; delta: number; selfDelta: number }>();
  for (let r = 0; r < table.nameId.length; r++) {
    byName.set(diff.names.get(table.nameId[r]!), {
      a: table.total[r]!,
      b: table.totalB[r]!,
      delta: changeOf(table.total[r]!, table.totalB[r]!, diff),
      selfDelta: changeOf(table.self[r]!, table.selfB[r]!, diff),
    });
  }
  return byName;
}

test('DIFF_PAIRS.tsv lists the pairs tested here', () => {
  const pairs = readFileSync(path.join(CORPUS_DIR, 'DIFF_PAIRS.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t').slice(0, 2).join(' '));
  expect(pairs).toContain('collapsed/inferno_diff_before.txt collapsed/inferno_diff_after.txt');
  expect(pairs).toContain('pprof/go-json-gogc100.cpu.pb.gz pprof/go-json-gogc25.cpu.pb.gz');
});

describe('inferno diff-folded', () => {
  test("--fold output equals inferno's 3-column result, line for line (inferno writes hash order; we write tree order)", async () => {
    const diff = mergeDiff(await load('collapsed/inferno_diff_before.txt'), await load('collapsed/inferno_diff_after.txt'));
    const expected = readFileSync(path.join(CORPUS_DIR, 'collapsed/inferno_diff_result-default.txt'), 'utf8');
    const lines = foldDiffToString(diff).trimEnd().split('\n');
    expect(lines.length).toBe(row('collapsed/inferno_diff_result-default.txt').lines);
    expect([...lines].sort()).toEqual(expected.trimEnd().split('\n').sort());
    expect([diff.baselineTotal, diff.comparisonTotal]).toEqual([65, 80]);
  });

  test("inferno's 3-column file read on its own is the same diff", async () => {
    const merged = mergeDiff(await load('collapsed/inferno_diff_before.txt'), await load('collapsed/inferno_diff_after.txt'));
    const threeColumn = diffProfiles(await load('collapsed/inferno_diff_result-default.txt'), null);
    expect(foldDiffToString(threeColumn)).toBe(foldDiffToString(merged));
    expect(threeColumn.length).toBe(merged.length);
    for (let i = 0; i < merged.length; i++) expect(diffValue(threeColumn, i)).toBe(diffValue(merged, i));
  });
});

test('GOGC=100 → GOGC=25: garbage-collector frames grew, far outside noise; the JSON work stayed (absolute) put', async () => {
  const diff = mergeDiff(await load('pprof/go-json-gogc100.cpu.pb.gz'), await load('pprof/go-json-gogc25.cpu.pb.gz'));
  expect(diff.sampleTypes[diff.sampleTypeIndex]).toMatchObject({ type: 'cpu', unit: 'nanoseconds' });
  expect([diff.baselineTotal, diff.comparisonTotal]).toEqual([row('pprof/go-json-gogc100.cpu.pb.gz').valueSums[1], row('pprof/go-json-gogc25.cpu.pb.gz').valueSums[1]]);
  const noise = noiseModel(diff);
  expect(noise).toMatchObject({ kind: 'counts', baselineScale: 1e7, comparisonScale: 1e7 });
  const functions = functionsOf(diff);
  for (const gc of ['runtime.gcBgMarkWorker', 'runtime.gcDrain', 'runtime.scanobject']) {
    const f = functions.get(gc)!;
    expect([gc, f.delta > 10, noise.kind === 'counts' && isWithinNoise(noise, f.a, f.b)]).toEqual([gc, true, false]);
  }
  expect(functions.get('runtime.gcAssistAlloc')).toMatchObject({ a: 0 });
  // gcBgMarkWorker is a root of its own stacks: its frame grows as its function does.
  let worker = -1;
  for (let c = 1; c < diff.length; c = diff.subtreeEnd[c]!) if (diff.names.get(diff.nameId[c]!) === 'runtime.gcBgMarkWorker') worker = c;
  expect(diffValue(diff, worker)).toBeGreaterThan(10);
  expect(isFrameWithinNoise(diff, worker, noise)).toBe(false);
  const json = functions.get('encoding/json.Unmarshal')!;
  expect(Math.abs(json.b - json.a) / json.a).toBeLessThan(0.1);
});

test('parca heap series 00 → 07: identical value sums in all four types, every delta exactly zero', async () => {
  const diff = mergeDiff(await load('pprof/parca_many_00_1644509272337470000.pb.gz'), await load(manifest.find((r) => r.file.startsWith('pprof/parca_many_07'))!.file));
  expect(diff.sampleTypes.map((t) => t.type)).toEqual(['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']);
  expect(diff.sampleTypes.map((t) => t.total)).toEqual(row('pprof/parca_many_00_1644509272337470000.pb.gz').valueSums);
  for (let t = 0; t < diff.sampleTypes.length; t++) {
    const view = withSampleType(diff, t);
    expect(view.comparisonTotal).toBe(view.baselineTotal);
    for (let i = 0; i < view.length; i++) {
      if (diffValue(view, i) !== 0 || diffValue(view, i, { metric: 'absolute-delta', useSelf: true }) !== 0) {
        throw new Error(`type ${t} frame ${i} changed`);
      }
      if (view.total[i] !== 0 && diffStatus(view, i) !== 'both') throw new Error(`frame ${i} is ${diffStatus(view, i)}`);
    }
  }
});

/** `Pool[go.shape.[]T]` → `Pool[...]`, as Pyroscope's repair writes Go generic instantiations. */
function shortenGoShapes(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    if (!name.startsWith('[go.shape.', i)) {
      out += name[i];
      continue;
    }
    let depth = 0;
    let j = i;
    for (; j < name.length; j++) {
      if (name[j] === '[') depth++;
      else if (name[j] === ']' && --depth === 0) break;
    }
    out += '[...]';
    i = j;
  }
  return out;
}

describe.each([
  ['pprof/pyroscope_gotruncate_cpu_1.pb.gz', 1],
  ['pprof/pyroscope_gotruncate_heap_1.pb.gz', 2],
  ['pprof/pyroscope_gotruncate_heap_3.pb.gz', 2],
])('truncated vs repaired stacks: %s', (truncated, factor) => {
  const repaired = truncated.replace('.pb.gz', '.fixed.pb.gz');
  test(`the repaired side has ${factor}× the value, and every function's self share is unchanged (only stack roots moved)`, async () => {
    const diff = mergeDiff(await load(truncated), await load(repaired));
    const type = `${diff.sampleTypes[diff.sampleTypeIndex]!.type}/${diff.unit}`;
    expect(diff.baselineTotal).toBe(row(truncated).valueSums[row(truncated).sampleTypes.indexOf(type)]);
    expect(diff.comparisonTotal).toBe(row(repaired).valueSums[row(repaired).sampleTypes.indexOf(type)]);
    expect(diff.comparisonTotal).toBe(factor * diff.baselineTotal);
    // The repair also shortens Go generic instantiations (f[go.shape.string] → f[...]): compare by the
    // shortened name. Everything else keeps its leaf, so each function's self share is the same.
    const table = diffFunctionTable(diff);
    const selfByName = new Map<string, { a: number; b: number }>();
    for (let r = 0; r < table.nameId.length; r++) {
      const name = shortenGoShapes(diff.names.get(table.nameId[r]!));
      const f = selfByName.get(name) ?? { a: 0, b: 0 };
      selfByName.set(name, { a: f.a + table.self[r]!, b: f.b + table.selfB[r]! });
    }
    expect(selfByName.size).toBeGreaterThan(100);
    for (const [name, f] of selfByName) {
      const moved = changeOf(f.a, f.b, diff);
      if (Math.abs(moved) > 1e-9) throw new Error(`${name}: self share moved by ${moved} pp`);
    }
    // Repair adds the frames truncation cut off at the root side: some stacks are new on the repaired side.
    let fresh = 0;
    for (let i = 1; i < diff.length; i++) if (diffStatus(diff, i) === 'new') fresh++;
    expect(fresh).toBeGreaterThan(0);
  });
});

test('vert.x perf halves: the 3-column fold splits back into each half exactly', async () => {
  const part1 = await load('collapsed/inferno_perf-vertx-unsorted-part1.txt');
  const part2 = await load('collapsed/inferno_perf-vertx-unsorted-part2.txt');
  const diff = mergeDiff(part1, part2);
  expect([diff.baselineTotal, diff.comparisonTotal]).toEqual([
    Number(row('collapsed/inferno_perf-vertx-unsorted-part1.txt').totals[0]),
    Number(row('collapsed/inferno_perf-vertx-unsorted-part2.txt').totals[0]),
  ]);
  const lines = foldDiffToString(diff).trimEnd().split('\n').map((l) => l.split(' '));
  const side = (k: number) => lines.filter((c) => c.at(k) !== '0').map((c) => `${c.slice(0, -2).join(' ')} ${c.at(k)}\n`).join('');
  expect(side(-2)).toBe(foldToString(part1));
  expect(side(-1)).toBe(foldToString(part2));
});

test('Kafka JVM CPU windows: pprof and collapsed give the same totals; the JFR period (1 s) is refused for the noise test', async () => {
  const pprof = mergeDiff(await load('pprof/pyroscope_jfr_kafka_cpu_0.pb.gz'), await load('pprof/pyroscope_jfr_kafka_cpu_3.pb.gz'));
  expect([pprof.baselineTotal, pprof.comparisonTotal]).toEqual([row('pprof/pyroscope_jfr_kafka_cpu_0.pb.gz').valueSums[0], row('pprof/pyroscope_jfr_kafka_cpu_3.pb.gz').valueSums[0]]);
  expect(noiseModel(pprof)).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/do not fit sample counts at 1000000000 nanoseconds per sample/) });
  const collapsed = mergeDiff(await load('collapsed/pyroscope_jfr_kafka_cpu_0.collapsed.txt'), await load('collapsed/pyroscope_jfr_kafka_cpu_3.collapsed.txt'));
  expect(noiseModel(collapsed).kind).toBe('counts');
  expect(collapsed.baselineTotal).toBe(Number(row('collapsed/pyroscope_jfr_kafka_cpu_0.collapsed.txt').totals[0]));
});

test('a pprof CPU profile against folded text: they share samples/count only', async () => {
  const diff = mergeDiff(await load('pprof/go-json-gogc100.cpu.pb.gz'), await load('collapsed/inferno_diff_after.txt'));
  expect(diff.sampleTypes.map((t) => `${t.type}/${t.unit}`)).toEqual(['samples/count']);
  expect([diff.baselineTotal, diff.comparisonTotal]).toEqual([row('pprof/go-json-gogc100.cpu.pb.gz').valueSums[0], 80]);
});

test('JFR wall clock with a 1 ns "period": no noise test, and the reason says why', async () => {
  const wall = await load('pprof/pyroscope_jfr_dump2_wall.pb.gz');
  const diff = mergeDiff(wall, wall);
  expect(diff.baselineTotal).toBe(row('pprof/pyroscope_jfr_dump2_wall.pb.gz').valueSums[0]);
  expect(noiseModel(diff)).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/sampling period \(1 ns\) is not a real one/) });
});
