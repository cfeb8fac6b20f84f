/**
 * The CLI on hostile input, run as a user runs it (the built bin in a child process): every bad file,
 * bad pair and bad flag ends with a non-zero exit and exactly one line on stderr — `flamelens: …`, no
 * stack trace, no terminal escape from the file — and nothing on stdout. Inputs that are odd but valid
 * (a stack 100,000 deep, lines with NaN counts among good ones) give the correct result.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, test } from 'vitest';
import { CORPUS_DIR } from '../../core/test/corpus/manifest.ts';

const BIN = fileURLToPath(new URL('../bin/flamelens.mjs', import.meta.url));
const CPU = path.join(CORPUS_DIR, 'pprof/go-flate.cpu.pb.gz');
const HEAP = path.join(CORPUS_DIR, 'pprof/pyroscope_go_heap.pb.gz');
/** A run past this is a hang (the largest input here is 65 MB of one line). */
const HANG_MS = 60_000;

function flamelens(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 256 << 20, timeout: HANG_MS });
  return { status: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}

/** Exit `status`, stdout empty, stderr one `flamelens: ` line matching `message`, free of control characters. */
function expectOneLineError(run: ReturnType<typeof flamelens>, status: number, message: RegExp) {
  expect({ status: run.status, signal: run.signal, stdout: run.stdout }).toEqual({ status, signal: null, stdout: '' });
  expect(run.stderr).toMatch(/^flamelens: [^\n]+\n$/);
  expect(run.stderr).not.toMatch(/^\s+at |Error:|node:internal/m);
  expect(run.stderr.slice(0, -1)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u);
  expect(run.stderr).toMatch(message);
}

/** Deterministic bytes (mulberry32), so a failure names an input that can be made again. */
function randomBytes(seed: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[i] = (t ^ (t >>> 14)) & 0xff;
  }
  return out;
}

let dir = '';
const file = (name: string, bytes: Uint8Array | string) => {
  const target = path.join(dir, name);
  writeFileSync(target, bytes);
  return target;
};

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'flamelens-hostile-cli-'));
});

describe('flamelens on hostile files: one line on stderr, non-zero exit', () => {
  const gz = new Uint8Array(readFileSync(CPU));
  const raw = new Uint8Array(gunzipSync(gz));
  const foldedCpu = () => flamelens('fold', CPU).stdout;

  test.each([1, 2, 9, 10, 11, 100, 1000, 3284, 6568])('a gzipped pprof cut to %i bytes', (length) => {
    expectOneLineError(flamelens('summary', file(`cut-${length}.pb.gz`, gz.subarray(0, length))), 1, /cut short|ends early|not a known profile format/);
  });

  test.each([1, 8, 13, 50, 500, 6580, 13159])('a raw pprof cut to %i bytes', (length) => {
    expectOneLineError(flamelens('summary', file(`cut-${length}.pb`, raw.subarray(0, length))), 1, /ends early|not folded stacks|not a known profile/);
  });

  test('bit flips in a gzipped pprof: a damaged-data error, or exactly the original stacks', () => {
    const original = foldedCpu();
    let errors = 0;
    for (let k = 0; k < 12; k++) {
      const flipped = gz.slice();
      const at = 10 + ((k * 541) % (gz.length - 10)); // past the 10-byte header (its mtime byte is not data)
      flipped[at]! ^= 1 << (k % 8);
      const run = flamelens('fold', file(`flip-${k}.pb.gz`, flipped));
      if (run.status === 0) expect(run.stdout).toBe(original);
      else (expectOneLineError(run, 1, /damaged|ends early|corrupt|not/i), errors++);
    }
    expect(errors).toBeGreaterThan(6);
  });

  test.each([1, 2, 3, 4, 5, 6])('random bytes (seed %i)', (seed) => {
    expectOneLineError(flamelens('summary', file(`random-${seed}.bin`, randomBytes(seed, 64 + seed * 700))), 1, /not a profile|not folded|not a known/);
  });

  test.each([
    ['an image', 'x.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...randomBytes(7, 200)]), /PNG image, not a profile/],
    ['a zip', 'x.zip', new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...randomBytes(8, 200)]), /zip archive.*Unzip it/],
    ['JSON that is not a profile', 'x.json', '{"hello": "world", "list": [1, 2, 3]}', /JSON that is not a profile/],
    ['an empty file', 'empty.txt', '', /The file is empty/],
    ['HTML', 'x.html', '<html><body><script>alert(1)</script></body></html>\n', /not folded stacks/],
    ['a folded line with NaN only', 'nan.txt', 'main;a NaN\n', /not folded stacks/],
    ['counts that overflow', 'big.txt', 'a 1e308\nb 1e308\n', /more than a number can hold/],
  ])('%s', (_, name, bytes, message) => {
    expectOneLineError(flamelens('summary', file(name, bytes)), 1, message);
  });

  test('a gzip bomb stops at --max-decompressed (the limit is the user’s to raise)', () => {
    const mib = new Uint8Array(1 << 20).fill(0x61);
    const bomb = Buffer.concat(Array.from({ length: 64 }, () => gzipSync(mib, { level: 9 }))); // ~64 kB → 64 MiB
    const target = file('bomb.gz', bomb);
    expectOneLineError(flamelens('summary', target, '--max-decompressed', '8M'), 1, /decompression limit; raise it with --max-decompressed/);
  });

  test('a line longer than the line limit (64 MiB, no newline)', () => {
    const line = new Uint8Array((64 << 20) + 16).fill(0x61);
    for (let i = 1; i < line.length; i += 2) line[i] = 0x3b; // "a;a;a;…": looks like a stack, never ends
    expectOneLineError(flamelens('summary', file('long.txt', line)), 1, /^flamelens: \S+: Line 1 is longer than/);
  });

  test('a stack 100,000 frames deep: the correct result, or a clear error under --max-frames', () => {
    const deep = file('deep.txt', Array.from({ length: 100_000 }, (_, i) => `f${i % 3}`).join(';') + ' 5\n');
    const run = flamelens('summary', deep, '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ frames: 100_000, maxDepth: 100_000, functions: 3 });
    expectOneLineError(flamelens('summary', deep, '--max-frames', '5000'), 1, /more than 5,000 distinct frames/);
  });

  test('bad counts among good lines are skipped and reported; the rest is exact', () => {
    const run = flamelens('fold', file('mixed.txt', 'a NaN\nb Infinity\nc -Infinity\nd 1\ne -2\n'));
    expect(run).toMatchObject({ status: 0, stdout: 'd 1\ne -2\n' });
  });

  test('a message quoting the file shows its control and bidi characters as escapes', () => {
    const run = flamelens('summary', file('rtl.txt', 'main;evil\u202Etxt.exe nope\u0085x\u009b2J\n'));
    expectOneLineError(run, 1, /line 1 reads "main;evil\\u\{202e\}txt\.exe nope\\u\{85\}x\\u\{9b\}2J"/);
  });

  test('a diff of profiles that share no sample type', () => {
    expectOneLineError(flamelens('diff', CPU, HEAP), 1, /share no sample type.*samples\/count, cpu\/nanoseconds.*inuse_space\/bytes/);
  });

  test('a diff where one side is broken names that side', () => {
    const broken = file('broken.pb.gz', gz.subarray(0, 100));
    expectOneLineError(flamelens('diff', CPU, broken), 1, /broken\.pb\.gz: The gzip data is damaged or cut short/);
  });

  test('a missing file and a directory', () => {
    expectOneLineError(flamelens('summary', path.join(dir, 'no-such-file')), 1, /Cannot read .*no-such-file: ENOENT/);
    expectOneLineError(flamelens('summary', dir), 1, /is a directory, not a profile file/);
  });
});

describe('flamelens with bad flags: exit 2, one line', () => {
  test.each([
    [['summary', CPU, '--bogus'], /Unknown option '--bogus'/],
    [['summary', CPU, '--max-decompressed', 'lots'], /--max-decompressed expects a number/],
    [['summary', CPU, '--max-frames=-1'], /--max-frames expects a number/],
    [['summary', CPU, '--max-frames', '-1'], /Option '--max-frames' argument is ambiguous/],
    [['frobnicate', CPU], /unknown command "frobnicate"/],
    [['summary'], /summary needs a FILE/],
    [['summary', CPU, CPU], /unexpected argument/],
    [['diff', CPU, CPU, '--top', 'ten'], /--top expects a whole number/],
    [['diff', CPU, CPU, '--fail-on', 'NaN'], /--fail-on expects percentage points/],
    [['diff', CPU, CPU, '--function', '(', '--fail-on', '1'], /--function: Invalid regular expression/],
    [['diff', CPU, CPU, '--json', '--fold'], /cannot be combined/],
    [['diff', CPU, CPU, '--confidence', '150'], /--confidence expects a level/],
    [['top', CPU, '--sort', 'sideways'], /--sort is self or total/],
    [['fold', CPU, '--limit', '3'], /--limit is an option of top only/],
  ])('%j', (args, message) => {
    expectOneLineError(flamelens(...args), 2, message);
  });

  test('a sample type the profile lacks is bad input (exit 1) that lists the ones it has', () => {
    expectOneLineError(flamelens('fold', CPU, '--sample-type', 'alloc_space'), 1, /no sample type "alloc_space".*0: samples\/count, 1: cpu\/nanoseconds/);
  });

  test('a bad --transforms text for top', () => {
    const run = flamelens('top', CPU, '--transforms', 'q:zzz');
    expect(run.status).not.toBe(0);
    expectOneLineError(run, run.status!, /transform/i);
  });
});
