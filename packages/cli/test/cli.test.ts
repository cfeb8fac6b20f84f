/**
 * The CLI as a user runs it: the built `flamelens` bin (built by `npm install`'s prepare step) in a child
 * process, on corpus files, compared with MANIFEST.tsv.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { CORPUS_DIR, readManifest } from '../../core/test/corpus/manifest.ts';

const BIN = fileURLToPath(new URL('../bin/flamelens.mjs', import.meta.url));
const corpus = (file: string) => path.join(CORPUS_DIR, file);

function flamelens(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 256 << 20 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('flamelens CLI', () => {
  const manifest = readManifest();
  const row = (file: string) => manifest.find((r) => r.file === file)!;

  test('summary --json gives the manifest figures', () => {
    const file = 'pprof/pyroscope_go_heap.pb.gz';
    const { status, stdout } = flamelens('summary', corpus(file), '--json');
    expect(status).toBe(0);
    const summary = JSON.parse(stdout);
    const m = row(file);
    expect(summary).toEqual({
      format: 'pprof',
      sampleTypes: m.sampleTypes.map((t, i) => ({ type: t.split('/')[0], unit: t.split('/')[1], total: m.valueSums[i] })),
      defaultSampleType: 'alloc_space',
      functions: m.framesDistinct,
      frames: expect.any(Number),
      stacks: m.stacksDistinct,
      maxDepth: m.maxDepth,
    });
  });

  test('summary as text names the default sample type', () => {
    const { status, stdout } = flamelens('summary', corpus('pprof/go-flate.cpu.pb.gz'));
    expect(status).toBe(0);
    expect(stdout).toMatch(/cpu\/nanoseconds\s+total 3780000000 \(3\.78 s\)\s+\[default\]/);
  });

  test('fold prints one line per distinct stack, exact totals of the chosen sample type', () => {
    const file = 'pprof/google-pprof_report_sample.cpu.pb.gz';
    const m = row(file);
    const { status, stdout } = flamelens('fold', corpus(file), '--sample-type', '0');
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.length).toBe(m.details.folded0_lines);
    expect(lines.reduce((s, l) => s + Number(l.slice(l.lastIndexOf(' ') + 1)), 0)).toBe(m.details.folded0_total);
    const byType = flamelens('fold', corpus(file), '--sample-type', 'cpu');
    expect(byType.stdout.trimEnd().split('\n').reduce((s, l) => s + Number(l.slice(l.lastIndexOf(' ') + 1)), 0)).toBe(m.valueSums[1]);
  });

  test('fold of folded text round-trips (sorted, repeated stacks summed)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'flamelens-'));
    const file = path.join(dir, 'in.txt');
    writeFileSync(file, 'b;x 1\na 2\nb;x 3\n');
    expect(flamelens('fold', file).stdout).toBe('a 2\nb;x 4\n');
  });

  test.each([
    ['a legacy pprof', ['summary', corpus('pprof-legacy/google-pprof_legacy_gobench.cpu')], /legacy binary pprof/],
    ['a missing file', ['summary', '/nonexistent/file.pb.gz'], /Cannot read \/nonexistent\/file\.pb\.gz: ENOENT/],
    ['an unknown sample type', ['fold', corpus('pprof/go-flate.cpu.pb.gz'), '--sample-type', 'heap'], /no sample type "heap"/],
  ])('%s: exit 1 with one line, no stack trace', (_, args, message) => {
    const { status, stdout, stderr } = flamelens(...args);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^flamelens: /);
  });

  test('bad usage exits 2', () => {
    expect(flamelens('frobnicate', 'x').status).toBe(2);
    expect(flamelens('summary').status).toBe(2);
    expect(flamelens('summary', 'x', '--bogus').status).toBe(2);
  });
});
