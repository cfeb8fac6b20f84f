/**
 * `flamelens top` as a user runs it (the built bin in a child process): its JSON rows against figures
 * computed independently from `flamelens fold` text of the same file — self = sum of the values of stacks
 * whose leaf is the function, total = sum of the values of stacks that contain it — exactly.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { CORPUS_DIR } from '../../core/test/corpus/manifest.ts';

const BIN = fileURLToPath(new URL('../bin/flamelens.mjs', import.meta.url));
const corpus = (file: string) => path.join(CORPUS_DIR, file);

function flamelens(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 256 << 20 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** name → {self, total} from folded text, by the definitions (a stack counts once per function). */
function figuresFromFolded(text: string): Map<string, { self: number; total: number }> {
  const figures = new Map<string, { self: number; total: number }>();
  const row = (name: string) => figures.get(name) ?? figures.set(name, { self: 0, total: 0 }).get(name)!;
  for (const line of text.split('\n')) {
    if (!line) continue;
    const space = line.lastIndexOf(' ');
    const frames = line.slice(0, space).split(';');
    const value = Number(line.slice(space + 1));
    row(frames[frames.length - 1]!).self += value;
    for (const name of new Set(frames)) row(name).total += value;
  }
  return figures;
}

describe('flamelens top', () => {
  test.each([
    ['pprof/go-flate.cpu.pb.gz', []],
    ['pprof/pyroscope_go_heap.pb.gz', ['--sample-type', 'inuse_space']],
    ['pprof/pyroscope_jfr_kafka_cpu_0.pb.gz', []],
    ['pprof/speedscope_simple.prof', []],
    ['collapsed/speedscope_recursion.txt', []],
    ['collapsed/flamegraph_perf-vertx-stacks-01-collapsed-all.txt', []],
  ])('%s %s: --json rows = figures from the folded stacks', (file, extra) => {
    const fold = flamelens('fold', corpus(file), ...extra);
    expect(fold.status).toBe(0);
    const expected = figuresFromFolded(fold.stdout);
    const top = flamelens('top', corpus(file), '--json', ...extra);
    expect(top.status).toBe(0);
    const rows = JSON.parse(top.stdout) as { name: string; self: number; total: number }[];
    expect(new Map(rows.map((r) => [r.name, { self: r.self, total: r.total }]))).toEqual(expected);
    expect(rows.map((r) => Object.keys(r))).toEqual(rows.map(() => ['name', 'self', 'total']));
    // heaviest self first
    expect(rows.map((r) => r.self)).toEqual([...rows.map((r) => r.self)].sort((a, b) => b - a));
  });

  test('as text: a header, aligned columns with units and shares, 25 rows by default', () => {
    const { status, stdout } = flamelens('top', corpus('pprof/go-flate.cpu.pb.gz'));
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^cpu\/nanoseconds: total 3\.78 s, \d+ functions, top 25 by self$/);
    expect(lines[1]).toMatch(/self\s+self%\s+total\s+total%\s+function/);
    expect(lines).toHaveLength(27);
    expect(lines[2]).toMatch(/^\s*2\.31 s\s+61\.1%\s+2\.65 s\s+70\.1%\s+compress\/flate\.\(\*compressor\)\.findMatch$/);
  });

  test('--sort total --limit 2, and transforms written as in the app’s URL', () => {
    const byTotal = JSON.parse(flamelens('top', corpus('pprof/go-flate.cpu.pb.gz'), '--json', '--sort', 'total', '--limit', '2').stdout);
    // main.main is called only by runtime.main, which has no self time: equal totals, then by name
    expect(byTotal.map((r: { name: string }) => r.name)).toEqual(['main.main', 'runtime.main']);
    expect(byTotal[0].total).toBe(byTotal[1].total);
    const hidden = JSON.parse(flamelens('top', corpus('pprof/go-flate.cpu.pb.gz'), '--json', '--transforms', 'h:p:go-runtime').stdout);
    expect(hidden.some((r: { name: string }) => r.name.startsWith('runtime.'))).toBe(false);
    // hiding keeps main.main whole: still the heaviest total
    expect(Math.max(...hidden.map((r: { total: number }) => r.total))).toBe(byTotal[0].total);
  });

  test.each([
    [['--limit', 'x'], 2, /--limit expects a whole number/],
    [['--sort', 'name'], 2, /--sort is self or total/],
    [['--transforms', 'q:n:x'], 1, /--transforms: Unknown transform "q:n:x"/],
  ])('bad options %s: exit %i with one line', (args, code, message) => {
    const { status, stderr } = flamelens('top', corpus('pprof/go-flate.cpu.pb.gz'), ...args);
    expect(status).toBe(code);
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
