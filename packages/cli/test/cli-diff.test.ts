/**
 * `flamelens diff` as a CI job runs it: the built bin in a child process, on corpus pairs and on generated
 * folded fixtures.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { CORPUS_DIR } from '../../core/test/corpus/manifest.ts';

const BIN = fileURLToPath(new URL('../bin/flamelens.mjs', import.meta.url));
const corpus = (file: string) => path.join(CORPUS_DIR, file);
const GOGC100 = corpus('pprof/go-json-gogc100.cpu.pb.gz');
const GOGC25 = corpus('pprof/go-json-gogc25.cpu.pb.gz');

function flamelens(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 256 << 20 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Writes folded fixtures into a temp folder; returns their paths. */
function fixtures<K extends string>(files: Record<K, string>): Record<K, string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'flamelens-diff-cli-'));
  return Object.fromEntries(
    Object.entries<string>(files).map(([name, text]) => {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      return [name, file];
    }),
  ) as Record<K, string>;
}

describe('flamelens diff', () => {
  const { base, grown } = fixtures({
    base: 'main;parse 40\nmain;render 50\nmain;gc 10\n',
    grown: 'main;parse 40\nmain;render 30\nmain;gc 30\nmain;jit 100\n',
  });

  test('the table lists both sides, shares and the delta in pp, largest change first', () => {
    const { status, stdout, stderr } = flamelens('diff', base, grown);
    expect([status, stderr]).toEqual([0, '']);
    const rows = stdout.split('\n').filter((l) => /^\s*[+-]\d/.test(l));
    // jit: 0% → 50% (+50 pp, new); render: 50% → 15% (−35 pp); parse 40% → 20% (−20 pp); gc 10% → 15% (+5 pp).
    expect(rows.map((l) => l.trim().split(/\s+/).at(-1))).toEqual(['jit', 'render', 'parse', 'gc', 'main']);
    expect(rows[0]).toMatch(/^\s*\+50\.00\s+0\s+0\.00%\s+100\s+50\.00%\s+\+50\.00\s+new\s+jit$/);
    expect(rows[1]).toMatch(/^\s*-35\.00\s+50\s+50\.00%\s+30\s+15\.00%\s+-35\.00\s+render$/);
    expect(stdout).toMatch(/^baseline\s+\S+base\s+total 100$/m);
    expect(stdout).toMatch(/^comparison\s+\S+grown\s+total 200$/m);
    expect(stdout).toMatch(/two-proportion z-test at 95%; the values are sample counts/);
  });

  test('--json carries every function with both sides, shares in percent and deltas in pp', () => {
    const { status, stdout } = flamelens('diff', base, grown, '--json');
    expect(status).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.baseline.total).toBe(100);
    expect(report.comparison.total).toBe(200);
    expect(report.functionCount).toBe(5);
    expect(report.functions).toHaveLength(5);
    const gc = report.functions.find((f: { name: string }) => f.name === 'gc');
    expect(gc).toEqual({
      name: 'gc',
      baseline: { self: 10, total: 10 },
      comparison: { self: 30, total: 30 },
      baselineShare: { self: 10, total: 10 },
      comparisonShare: { self: 15, total: 15 },
      delta: { self: expect.closeTo(5, 12), total: expect.closeTo(5, 12) },
      relativeChange: expect.closeTo(0.5, 12),
      status: 'both',
      withinNoise: true,
    });
    expect(report.functions.find((f: { name: string }) => f.name === 'jit')).toMatchObject({ status: 'new', relativeChange: null, withinNoise: false });
  });

  test("--fold of inferno's before/after is inferno's 3-column output (same lines; ours in tree order)", () => {
    const { status, stdout } = flamelens('diff', corpus('collapsed/inferno_diff_before.txt'), corpus('collapsed/inferno_diff_after.txt'), '--fold');
    expect(status).toBe(0);
    const expected = readFileSync(corpus('collapsed/inferno_diff_result-default.txt'), 'utf8');
    expect(stdout.trimEnd().split('\n').sort()).toEqual(expected.trimEnd().split('\n').sort());
    const stacks = stdout.trimEnd().split('\n').map((l) => l.split(' ')[0]);
    expect(stacks).toEqual([...stacks].sort());
  });

  test('a 3-column folded file alone is a diff', () => {
    const { status, stdout } = flamelens('diff', corpus('collapsed/inferno_diff_result-default.txt'), '--json');
    expect(status).toBe(0);
    const report = JSON.parse(stdout);
    expect([report.baseline.total, report.comparison.total]).toEqual([65, 80]);
    expect(report.baseline.file).toMatch(/inferno_diff_result-default\.txt \(before\)$/);
  });

  test('--sample-type picks one of the types both profiles have', () => {
    const counts = JSON.parse(flamelens('diff', GOGC100, GOGC25, '--json', '--sample-type', 'samples').stdout);
    expect(counts.sampleType).toEqual({ type: 'samples', unit: 'count' });
    expect([counts.baseline.total, counts.comparison.total]).toEqual([438, 672]);
    const { status, stderr } = flamelens('diff', GOGC100, GOGC25, '--sample-type', 'alloc_space');
    expect(status).toBe(1);
    expect(stderr).toBe('flamelens: No sample type "alloc_space" is in both profiles (they share samples/count, cpu/nanoseconds).\n');
  });

  describe('--fail-on, the CI regression gate', () => {
    test('GOGC=25 grew the garbage collector by more than 10 pp: exit 3, the offenders on stderr', () => {
      const { status, stdout, stderr } = flamelens('diff', GOGC100, GOGC25, '--fail-on', '10', '--function', '^runtime\\.gc');
      expect(status).toBe(3);
      expect(stdout).toMatch(/runtime\.gcBgMarkWorker/);
      const lines = stderr.trimEnd().split('\n');
      expect(lines[0]).toBe('flamelens: 3 functions grew by more than 10 pp (--fail-on 10 --function ^runtime\\.gc):');
      expect(lines.slice(1)).toEqual([
        expect.stringMatching(/^ {2}\+13\.07 pp {2}runtime\.gcBgMarkWorker {2}\(17\.58% → 30\.65%\)$/),
        expect.stringMatching(/^ {2}\+12\.71 pp {2}runtime\.gcBgMarkWorker\.func2 /),
        expect.stringMatching(/^ {2}\+12\.71 pp {2}runtime\.gcDrain /),
      ]);
    });

    test('under the limit, or only matching functions that did not grow that much: exit 0', () => {
      expect(flamelens('diff', GOGC100, GOGC25, '--fail-on', '30').status).toBe(0);
      expect(flamelens('diff', GOGC100, GOGC25, '--fail-on', '1', '--function', '^encoding/json').status).toBe(0);
    });

    test('a function that shrank never trips the gate; a profile against itself passes at 0', () => {
      // render −35 pp and parse −20 pp: large changes, but shrinking.
      expect(flamelens('diff', base, grown, '--fail-on', '4', '--function', '^(render|parse)$').status).toBe(0);
      expect(flamelens('diff', grown, base, '--fail-on', '4', '--function', '^(render|parse)$').status).toBe(3);
      expect(flamelens('diff', GOGC25, GOGC25, '--fail-on', '0').status).toBe(0);
    });

    test('--ignore-noise says so when no noise test can be made (time without a sampling period)', () => {
      const java = corpus('pprof/pyroscope_java_profile.pb.gz');
      const { status, stderr } = flamelens('diff', java, java, '--fail-on', '1', '--ignore-noise');
      expect(status).toBe(0);
      expect(stderr).toBe(
        'flamelens: --ignore-noise has no effect here. No noise test: a time in nanoseconds is not a sample count, and the profile gives no sampling period to convert it.\n',
      );
    });

    test('--ignore-noise lets a change that sampling explains pass', () => {
      // gc: 10 of 100 → 30 of 200 samples, +5 pp, within noise at 95%.
      expect(flamelens('diff', base, grown, '--fail-on', '4', '--function', '^gc$').status).toBe(3);
      expect(flamelens('diff', base, grown, '--fail-on', '4', '--function', '^gc$', '--ignore-noise').status).toBe(0);
    });
  });

  test.each([
    ['no shared sample type', [GOGC100, corpus('pprof/pyroscope_go_heap.pb.gz')], /^flamelens: The two profiles share no sample type, so they cannot be compared: the baseline has samples\/count, cpu\/nanoseconds, the comparison has alloc_objects\/count/],
    ['one file that is not 3-column', [GOGC100], /^flamelens: One file can be compared only when it is 3-column folded text/],
    ['a missing file', [GOGC100, '/nonexistent/new.pb.gz'], /^flamelens: Cannot read \/nonexistent\/new\.pb\.gz: ENOENT/],
    ['a legacy pprof', [GOGC100, corpus('pprof-legacy/google-pprof_legacy_gobench.cpu')], /legacy binary pprof/],
  ])('bad input (%s): exit 1, one line', (_, files, message) => {
    const { status, stdout, stderr } = flamelens('diff', ...files);
    expect([status, stdout]).toEqual([1, '']);
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  test.each([
    [['diff']],
    [['diff', 'a', 'b', 'c']],
    [['diff', 'a', 'b', '--fail-on', 'lots']],
    [['diff', 'a', 'b', '--fail-on', '-1']],
    [['diff', 'a', 'b', '--function', 'x']],
    [['diff', 'a', 'b', '--fail-on', '1', '--function', '(']],
    [['diff', 'a', 'b', '--json', '--fold']],
    [['diff', 'a', 'b', '--confidence', '100']],
    [['diff', 'a', 'b', '--confidence', 'high']],
    [['fold', 'a', '--fail-on', '1']],
  ])('bad usage %j: exit 2', (args) => {
    const { status, stderr } = flamelens(...args);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^flamelens: .*\n$/);
  });
});
