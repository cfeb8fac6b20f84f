import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import {
  isFrameWithinNoise,
  mergeDiff,
  noiseMask,
  noiseModel,
  noiseZ,
  normalQuantile,
  twoSidedCriticalZ,
  type CountingNoiseModel,
  type DiffTree,
  type FrameTree,
  type ProfileInfo,
} from '../../src/index.ts';
import { FrameTreeBuilder } from '../../src/model/frame-tree-builder.ts';
import { diffFromFolded, frameAt } from '../../src/testing/index.ts';

const { jStat } = createRequire(import.meta.url)('jstat') as { jStat: { normal: { inv(p: number, mean: number, sd: number): number } } };

describe('normal quantile (AS 241)', () => {
  test('agrees with jstat where jstat is accurate (|z| < 5)', () => {
    const ps = [1e-6, 1e-4, 0.001, 0.01, 0.025, 0.05, 0.1, 0.3, 0.5, 0.7, 0.9, 0.95, 0.975, 0.99, 0.999, 1 - 1e-6];
    for (let p = 0.0005; p < 1; p += 0.0137) ps.push(p);
    for (const p of ps) {
      const expected = jStat.normal.inv(p, 0, 1);
      expect(Math.abs(normalQuantile(p) - expected)).toBeLessThan(1e-9 * Math.max(1, Math.abs(expected)));
    }
  });

  test('is exact in the far tails, where jstat drifts (values from CPython statistics.NormalDist, checked with erfc)', () => {
    expect(normalQuantile(1e-9)).toBeCloseTo(-5.9978070150076865, 13);
    expect(normalQuantile(1e-20)).toBeCloseTo(-9.262340089798405, 12);
    expect(normalQuantile(1e-300)).toBeCloseTo(-37.0470962993612, 11);
    expect(jStat.normal.inv(1e-20, 0, 1)).not.toBeCloseTo(-9.262340089798405, 2);
  });

  test('gives the textbook critical values', () => {
    expect(twoSidedCriticalZ(0.95)).toBeCloseTo(1.959964, 6);
    expect(twoSidedCriticalZ(0.99)).toBeCloseTo(2.575829, 6);
    expect(twoSidedCriticalZ(0.9)).toBeCloseTo(1.644854, 6);
    expect([normalQuantile(0), normalQuantile(1), normalQuantile(1.5)]).toEqual([-Infinity, Infinity, NaN]);
  });
});

/** The two-proportion z statistic computed by hand from the textbook formula. */
function textbookZ(xA: number, nA: number, xB: number, nB: number): number {
  const p = (xA + xB) / (nA + nB);
  return (xB / nB - xA / nA) / Math.sqrt(p * (1 - p) * (1 / nA + 1 / nB));
}

function counting(tree: DiffTree): CountingNoiseModel {
  const model = noiseModel(tree);
  if (model.kind !== 'counts') throw new Error(model.reason);
  return model;
}

describe('noise test on sample counts (folded counts are samples)', () => {
  // 1000 samples each side. "hot" moves 300 → 320 (2 pp: well within noise at n = 1000);
  // "cold" moves 100 → 200 (10 pp: far outside).
  const diff = diffFromFolded('main;hot 300\nmain;cold 100\nmain;rest 600\n', 'main;hot 320\nmain;cold 200\nmain;rest 480\n');

  test('z is the two-proportion statistic of the frame totals', () => {
    const model = counting(diff);
    expect(model.baselineSamples).toBe(1000);
    expect(noiseZ(model, 300, 320)).toBeCloseTo(textbookZ(300, 1000, 320, 1000), 12);
    expect(noiseZ(model, 100, 200)).toBeCloseTo(textbookZ(100, 1000, 200, 1000), 12);
  });

  test('a small move in a large count is within noise, a large one is not', () => {
    const model = counting(diff);
    expect(isFrameWithinNoise(diff, frameAt(diff, 'main;hot'), model)).toBe(true);
    expect(isFrameWithinNoise(diff, frameAt(diff, 'main;cold'), model)).toBe(false);
    expect(isFrameWithinNoise(diff, frameAt(diff, 'main;rest'), model)).toBe(false);
    // The root is the whole on both sides: no change of share.
    expect(isFrameWithinNoise(diff, 0, model)).toBe(true);
  });

  test('the confidence moves the line: 2 pp at n = 1000 is noise at 95% but not at 50%', () => {
    const z = Math.abs(textbookZ(300, 1000, 320, 1000));
    expect(z).toBeGreaterThan(twoSidedCriticalZ(0.5));
    expect(z).toBeLessThan(twoSidedCriticalZ(0.95));
    const loose = noiseModel(diff, { confidence: 0.5 });
    expect(isFrameWithinNoise(diff, frameAt(diff, 'main;hot'), loose)).toBe(false);
    expect(() => noiseModel(diff, { confidence: 95 })).toThrow(RangeError);
  });

  test('the same shares with ten times the samples are no longer noise', () => {
    const big = diffFromFolded('main;hot 3000\nmain;rest 7000\n', 'main;hot 3200\nmain;rest 6800\n');
    expect(isFrameWithinNoise(big, frameAt(big, 'main;hot'), counting(big))).toBe(false);
  });

  test('the mask marks exactly the frames within noise', () => {
    const model = counting(diff);
    const mask = noiseMask(diff, model);
    for (let i = 0; i < diff.length; i++) expect(mask[i]).toBe(isFrameWithinNoise(diff, i, model) ? 1 : 0);
    expect([...mask].filter((m) => m === 1).length).toBe(3); // all, main, hot
  });

  test('one sample of a new frame is noise; its status still says new', () => {
    const d = diffFromFolded('main;a 1000\n', 'main;a 999\nmain;b 1\n');
    expect(isFrameWithinNoise(d, frameAt(d, 'main;b'), counting(d))).toBe(true);
  });
});

function pprofLike(unit: string, period: ProfileInfo['period'] | undefined, values: [string, number][]): FrameTree {
  const builder = new FrameTreeBuilder({ sampleTypes: [{ type: unit === 'count' ? 'samples' : 'cpu', unit }] });
  for (const [name, value] of values) builder.addStack([builder.names.internString(name)], [value]);
  return builder.build({ format: 'pprof', defaultSampleTypeIndex: 0, samples: values.length, dropped: [], ...(period ? { period } : {}) });
}

describe('noise test units', () => {
  const cpuPeriod = { value: 10_000_000, type: 'cpu', unit: 'nanoseconds' };

  test('CPU time becomes samples through the period (10 ms per sample)', () => {
    const a = pprofLike('nanoseconds', cpuPeriod, [['f', 3_000_000_000], ['g', 7_000_000_000]]);
    const b = pprofLike('nanoseconds', cpuPeriod, [['f', 3_200_000_000], ['g', 6_800_000_000]]);
    const diff = mergeDiff(a, b);
    const model = counting(diff);
    expect([model.baselineScale, model.baselineSamples, model.comparisonSamples]).toEqual([1e7, 1000, 1000]);
    expect(noiseZ(model, diff.total[1]!, diff.totalB[1]!)).toBeCloseTo(textbookZ(300, 1000, 320, 1000), 12);
  });

  test('a period in another time unit is converted (values in ms, period in ns)', () => {
    const a = pprofLike('milliseconds', cpuPeriod, [['f', 3000], ['g', 7000]]);
    const model = counting(mergeDiff(a, a));
    expect(model.baselineScale).toBe(10);
  });

  test('time without a period is not a count: no test, and the reason says so', () => {
    const a = pprofLike('nanoseconds', undefined, [['f', 3e9]]);
    expect(noiseModel(mergeDiff(a, a))).toEqual({
      kind: 'unavailable',
      reason: 'No noise test: a time in nanoseconds is not a sample count, and the profile gives no sampling period to convert it.',
    });
  });

  test('a time period no sampler uses (JFR walls write 1 ns) means no test', () => {
    const a = pprofLike('nanoseconds', { value: 1, type: 'wall', unit: 'nanoseconds' }, [['f', 3e9]]);
    expect(noiseModel(mergeDiff(a, a))).toEqual({
      kind: 'unavailable',
      reason: 'No noise test: its sampling period (1 ns) is not a real one, so its times cannot be turned into sample counts.',
    });
    const fast = pprofLike('nanoseconds', { value: 100_000, type: 'cpu', unit: 'nanoseconds' }, [['f', 3e9]]);
    expect(noiseModel(mergeDiff(fast, fast)).kind).toBe('counts');
  });

  test('a period that cannot be right (JFR writes 1 s) is refused rather than trusted', () => {
    const jfr = { value: 1e9, type: 'cpu', unit: 'nanoseconds' };
    const a = pprofLike('nanoseconds', jfr, [['f', 1e7], ['g', 2e7], ['h', 3e7]]);
    const model = noiseModel(mergeDiff(a, a));
    expect(model.kind).toBe('unavailable');
    expect(model.kind === 'unavailable' && model.reason).toMatch(/do not fit sample counts .*3 stacks have a value, but the whole would be 0\.06 samples/);
  });

  test('heap object counts (period in bytes) are estimates: no test; heap bytes use the period', () => {
    const heap = { value: 524288, type: 'space', unit: 'bytes' };
    const objects = pprofLike('count', heap, [['f', 40]]);
    expect(noiseModel(mergeDiff(objects, objects))).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/upscaled estimates/) });
    const bytes = pprofLike('bytes', heap, [['f', 524288 * 40]]);
    expect(counting(mergeDiff(bytes, bytes)).baselineSamples).toBe(40);
  });

  test('negative values (a delta profile) mean no test', () => {
    const d = diffFromFolded('main;a 5\nmain;b -2\n', 'main;a 5\n');
    expect(noiseModel(d)).toMatchObject({ kind: 'unavailable', reason: expect.stringMatching(/negative values/) });
    expect(noiseMask(d, noiseModel(d)).every((m) => m === 0)).toBe(true);
  });
});
