/**
 * A mutation fuzzer over real corpus files, shared by the unit test (a bounded run) and `npm run fuzz`
 * (a long run). Every input must end in a tree whose invariants hold or in a typed, worded error —
 * never an exception, an "internal" error or a hang.
 */
import { gzipSync } from 'node:zlib';
import { importProfile, type ProfileErrorKind } from '../../src/index.ts';
import { corpusBytes } from '../corpus/manifest.ts';

/** Seeds: small real files of every kind the importers read (and one they reject). */
export const SEEDS = [
  'pprof/go-flate.cpu.pb.gz',
  'pprof/parca_two-stacks.pb.gz',
  'pprof/pyroscope_pyspy-1_not-gzipped.pb.gz',
  'pprof/pyroscope_nodejs_heap-js.pprof',
  'pprof/pyroscope_invalid_utf8.pb.gz',
  'collapsed/inferno_perf-go-stacks.txt',
  'collapsed/speedscope_simple-utf16-le.txt',
  'collapsed/inferno_diff_result-default.txt',
  'collapsed/inferno_fractional.txt',
  'pprof-legacy/google-pprof_legacy_java.contention',
];

export type MutationKind =
  | 'truncated'
  | 'bit-flips'
  | 'overwritten'
  | 'inserted'
  | 'deleted'
  | 'duplicated'
  | 'spliced'
  | 'regzipped'
  | 'random-bytes'
  | 'foreign';

export interface FuzzReport {
  tried: Record<string, number>;
  results: Record<string, number>;
  errors: Record<string, number>;
  /** Inputs that threw, gave an "internal" error, broke an invariant or took too long. */
  failures: { kind: string; seed: string; problem: string }[];
  slowestMs: number;
  slowest: string;
  peakRssMB: number;
}

/** Deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(kind: MutationKind, input: Uint8Array, other: Uint8Array, rand: () => number): Uint8Array {
  const at = (n: number) => Math.floor(rand() * n);
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => at(256));
  switch (kind) {
    case 'truncated': {
      // every short prefix is a class of its own; beyond that, random lengths
      const length = rand() < 0.3 ? at(Math.min(64, input.length + 1)) : at(input.length + 1);
      return input.slice(0, length);
    }
    case 'bit-flips': {
      const out = input.slice();
      for (let i = 1 + at(8); i > 0; i--) if (out.length) out[at(out.length)]! ^= 1 << at(8);
      return out;
    }
    case 'overwritten': {
      const out = input.slice();
      const start = at(out.length + 1);
      out.set(bytes(Math.min(out.length - start, 1 + at(64))), start);
      return out;
    }
    case 'inserted': {
      const pos = at(input.length + 1);
      return concat(input.subarray(0, pos), bytes(1 + at(32)), input.subarray(pos));
    }
    case 'deleted': {
      const pos = at(input.length + 1);
      return concat(input.subarray(0, pos), input.subarray(Math.min(input.length, pos + 1 + at(64))));
    }
    case 'duplicated': {
      const pos = at(input.length + 1);
      const piece = input.subarray(pos, Math.min(input.length, pos + 1 + at(256)));
      return concat(input.subarray(0, pos), piece, piece, input.subarray(pos));
    }
    case 'spliced':
      return concat(input.subarray(0, at(input.length + 1)), other.subarray(at(other.length + 1)));
    case 'regzipped':
      return new Uint8Array(gzipSync(mutate('bit-flips', input, other, rand)));
    case 'random-bytes':
      return bytes(at(4096));
    case 'foreign': {
      const samples = [
        new Uint8Array(0),
        concat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), bytes(100)),
        concat(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), bytes(100)),
        new TextEncoder().encode('{"hello": "world", "list": [1, 2, 3]}'),
        new TextEncoder().encode('[1, 2, 3]'),
        new TextEncoder().encode('<html><body><script>alert(1)</script></body></html>\n'),
        new Uint8Array(16),
        new TextEncoder().encode('\u0000\u0001\u0002 not text'),
      ];
      return samples[at(samples.length)]!;
    }
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

const ERROR_KINDS = new Set<ProfileErrorKind>(['unsupported-format', 'corrupt', 'too-large', 'empty']);
/** An input taking longer than this is a hang for the fuzzer (the inputs are a few kB). */
const HANG_MS = 5000;

/** Runs `count` mutated inputs and reports what happened. */
export async function fuzz(count: number, seed = 1): Promise<FuzzReport> {
  const rand = prng(seed);
  const seeds = SEEDS.map((file) => ({ file, bytes: corpusBytes(file) }));
  const kinds: MutationKind[] = ['truncated', 'bit-flips', 'overwritten', 'inserted', 'deleted', 'duplicated', 'spliced', 'regzipped', 'random-bytes', 'foreign'];
  const report: FuzzReport = { tried: {}, results: {}, errors: {}, failures: [], slowestMs: 0, slowest: '', peakRssMB: 0 };
  for (let i = 0; i < count; i++) {
    const kind = kinds[i % kinds.length]!;
    const base = seeds[Math.floor(rand() * seeds.length)]!;
    const other = seeds[Math.floor(rand() * seeds.length)]!;
    const input = mutate(kind, base.bytes, other.bytes, rand);
    report.tried[kind] = (report.tried[kind] ?? 0) + 1;
    const label = `${kind} of ${base.file} (#${i})`;
    const t0 = performance.now();
    let problem: string | null = null;
    try {
      const result = await importProfile(input, { maxDecompressedBytes: 64 << 20, maxFrames: 1_000_000 });
      if (result.ok) {
        problem = invariantProblem(result.tree);
        if (!problem) report.results[kind] = (report.results[kind] ?? 0) + 1;
      } else if (!ERROR_KINDS.has(result.error.kind)) problem = `error kind ${result.error.kind}: ${result.error.message}`;
      else if (!/^[A-Z].{10,}[.)]$/s.test(result.error.message)) problem = `unworded error: ${result.error.message}`;
      else report.errors[kind] = (report.errors[kind] ?? 0) + 1;
    } catch (error) {
      problem = `threw ${String(error)}`;
    }
    const ms = performance.now() - t0;
    if (ms > report.slowestMs) [report.slowestMs, report.slowest] = [ms, label];
    if (ms > HANG_MS) problem ??= `took ${Math.round(ms)} ms`;
    if (problem) report.failures.push({ kind, seed: base.file, problem: `${label}: ${problem}` });
    if (i % 64 === 0) report.peakRssMB = Math.max(report.peakRssMB, process.memoryUsage().rss / 2 ** 20);
  }
  return report;
}

function invariantProblem(tree: import('../../src/index.ts').FrameTree): string | null {
  if (tree.parent[0] !== -1 || tree.subtreeEnd[0] !== tree.length) return 'bad root';
  for (let i = 1; i < tree.length; i++) {
    const p = tree.parent[i]!;
    if (!(p >= 0 && p < i) || tree.subtreeEnd[i]! > tree.subtreeEnd[p]! || tree.depth[i] !== tree.depth[p]! + 1) return `bad frame ${i}`;
  }
  for (const total of tree.totalByType) if (!Number.isFinite(total[0])) return 'non-finite total';
  for (let n = 0; n < tree.names.length; n++) tree.names.get(n);
  return null;
}
