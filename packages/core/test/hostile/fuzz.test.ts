import { describe, expect, test } from 'vitest';
import { fuzz } from './fuzz.ts';

/** Inputs per unit-test run (`npm run fuzz` runs many more: FLAMELENS_FUZZ_COUNT). */
const COUNT = Number(process.env.FLAMELENS_FUZZ_COUNT ?? 1500);

describe('mutated corpus files through every importer', () => {
  test(`${COUNT} inputs: each is a valid tree or a worded, typed error`, async () => {
    const report = await fuzz(COUNT, Number(process.env.FLAMELENS_FUZZ_SEED ?? 1));
    if (process.env.FLAMELENS_FUZZ_COUNT) console.log(JSON.stringify(report, null, 2));
    expect(report.failures).toEqual([]);
    const tried = Object.values(report.tried).reduce((a, b) => a + b, 0);
    const handled = Object.values(report.results).reduce((a, b) => a + b, 0) + Object.values(report.errors).reduce((a, b) => a + b, 0);
    expect(handled).toBe(tried);
    // the mutations really exercise both outcomes
    expect(Object.values(report.errors).reduce((a, b) => a + b, 0)).toBeGreaterThan(COUNT / 10);
    expect(Object.values(report.results).reduce((a, b) => a + b, 0)).toBeGreaterThan(COUNT / 10);
  }, Math.max(600_000, COUNT * 100)); // a big run's bound is per input (fuzz.ts HANG_MS); the whole gets 100 ms per input on a loaded machine
});
