/**
 * flamelens — the Flamelens core on the command line, for scripts and CI.
 *
 *   flamelens summary FILE [--json]
 *   flamelens fold FILE [--sample-type INDEX|TYPE]
 *   flamelens diff BASE NEW [--fold | --json] [--fail-on PCT [--function REGEX]]
 *   flamelens top FILE [--json] [--sample-type INDEX|TYPE] [--limit N] [--sort self|total] [--transforms TEXT]
 */
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { DEFAULT_NOISE_CONFIDENCE, findSampleType, foldChunks, ProfileError, withSampleType, type FrameTree } from '@flamelens/core';
import { readProfile, type Limits } from './read-profile.ts';
import { summaryCommand } from './commands/summary.ts';
import { diffCommand, EXIT_THRESHOLD_CROSSED, type DiffCommandOptions } from './commands/diff.ts';
import { topCommand } from './commands/top.ts';

const USAGE = `Usage:
  flamelens summary FILE [--json] [--sample-type INDEX|TYPE]
      format, sample types with totals, functions, frames, stacks, maximum depth
  flamelens fold FILE [--sample-type INDEX|TYPE]
      the profile as folded stacks ("root;...;leaf value"), one line per distinct stack
  flamelens diff BASE NEW [--sample-type TYPE] [--top N] [--fold | --json]
                 [--fail-on PCT [--function REGEX] [--ignore-noise]] [--confidence C]
  flamelens diff FILE ...    (FILE: 3-column folded text, "stack before after")
      the functions whose share of the profile changed most from BASE (baseline) to NEW (comparison):
      both sides' totals and shares, and the delta in percentage points (pp) of each profile's total
  flamelens top FILE [--json] [--sample-type INDEX|TYPE] [--limit N] [--sort self|total] [--transforms TEXT]
      the function table: self and total (counted once per stack) of every function, heaviest first;
      --json prints [{"name","self","total"}] (all rows unless --limit; text shows 25); --transforms
      applies transforms written as in the web app's URL (e.g. "h:p:go-runtime~f:n:main.work")

FILE is pprof (.pb.gz or raw protobuf) or folded stacks (gzipped or not); the format is read from the
content, not the name.

Options:
  --sample-type INDEX|TYPE   which value column (index, "cpu", or "cpu/nanoseconds"); default: the
                             profile's default (pprof default_sample_type, else the last). For diff:
                             one the two profiles share (matched by type and unit)
  --json                     summary / diff as one JSON object
  --top N                    diff: rows to print (default 20 for the table, all for --json)
  --fold                     diff: the merged tree as 3-column folded text, "stack before after", one
                             line per distinct stack, root first, in tree order (sorted by name)
  --fail-on PCT              diff: exit ${EXIT_THRESHOLD_CROSSED} when a function's total share grew by more than PCT
                             percentage points (a function counts once per stack), listing them on stderr
  --function REGEX           diff: only functions whose name matches REGEX count for --fail-on
  --ignore-noise             diff: changes within sampling noise do not count for --fail-on
  --confidence C             diff: confidence of the noise test, 0.95 or 95 (default 95%)
  --max-frames N             refuse trees larger than N frames (default 16000000)
  --max-decompressed SIZE    refuse gzip input inflating past SIZE bytes (default 2G; suffixes K, M, G)
  -h, --help                 this text

Exit status: 0 done, 1 bad input (one line on stderr), 2 bad usage, ${EXIT_THRESHOLD_CROSSED} --fail-on crossed.
`;

/** Runs the CLI; returns the exit status (0 ok, 1 bad input, 2 bad usage, 3 diff --fail-on crossed). Never throws. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (error) {
    if (isBrokenPipe(error)) return 0;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`flamelens: ${message.split('\n')[0]}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}

class UsageError extends Error {}

async function run(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        fold: { type: 'boolean' },
        'sample-type': { type: 'string' },
        top: { type: 'string' },
        'fail-on': { type: 'string' },
        function: { type: 'string' },
        'ignore-noise': { type: 'boolean' },
        confidence: { type: 'string' },
        'max-frames': { type: 'string' },
        'max-decompressed': { type: 'string' },
        limit: { type: 'string' },
        sort: { type: 'string' },
        transforms: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message} (see flamelens --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }
  const [command, ...files] = positionals;
  if (command !== 'summary' && command !== 'fold' && command !== 'diff' && command !== 'top') throw new UsageError(`unknown command "${command}" (see flamelens --help)`);
  const maxFiles = command === 'diff' ? 2 : 1;
  if (files.length === 0) throw new UsageError(`${command} needs ${command === 'diff' ? 'BASE and NEW files' : 'a FILE'} (see flamelens --help)`);
  if (files.length > maxFiles) throw new UsageError(`unexpected argument "${files[maxFiles]}" (see flamelens --help)`);
  const limits: Limits = {
    ...(values['max-frames'] ? { maxFrames: parseSize(values['max-frames'], '--max-frames') } : {}),
    ...(values['max-decompressed'] ? { maxDecompressedBytes: parseSize(values['max-decompressed'], '--max-decompressed') } : {}),
  };
  if (command !== 'top') {
    for (const flag of ['limit', 'sort', 'transforms'] as const) {
      if (values[flag] !== undefined) throw new UsageError(`--${flag} is an option of top only (see flamelens --help)`);
    }
  }
  if (command === 'diff') return runDiff(files, values, limits);
  for (const flag of ['fold', 'top', 'fail-on', 'function', 'ignore-noise', 'confidence'] as const) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} is an option of diff only (see flamelens --help)`);
  }
  let tree = await readProfile(files[0]!, limits);
  if (values['sample-type'] !== undefined) tree = chooseSampleType(tree, values['sample-type']);
  if (command === 'summary') await write(summaryCommand(tree, !!values.json));
  else if (command === 'top') await write(topCommand(tree, topOptions(values)));
  else for (const piece of foldChunks(tree)) await write(piece);
  return 0;
}

type DiffFlags = {
  json?: boolean; fold?: boolean; 'sample-type'?: string; top?: string; 'fail-on'?: string;
  function?: string; 'ignore-noise'?: boolean; confidence?: string;
};

async function runDiff(files: readonly string[], values: DiffFlags, limits: Limits): Promise<number> {
  if (values.json && values.fold) throw new UsageError('--json and --fold cannot be combined (see flamelens --help)');
  if (values.function !== undefined && values['fail-on'] === undefined) throw new UsageError('--function needs --fail-on (see flamelens --help)');
  const options: DiffCommandOptions = {
    output: values.fold ? 'fold' : values.json ? 'json' : 'table',
    ...(values['sample-type'] !== undefined ? { sampleType: values['sample-type'] } : {}),
    top: values.top !== undefined ? parseCount(values.top, '--top') : values.json ? Infinity : 20,
    ...(values['fail-on'] !== undefined ? { failOn: parseNumber(values['fail-on'], '--fail-on') } : {}),
    ...(values.function !== undefined ? { functionPattern: parseRegex(values.function) } : {}),
    ignoreNoise: !!values['ignore-noise'],
    confidence: values.confidence !== undefined ? parseConfidence(values.confidence) : DEFAULT_NOISE_CONFIDENCE,
  };
  const [baseline, comparison] = await Promise.all(files.map((file) => readProfile(file, limits)));
  return diffCommand(
    // A single 3-column file holds both sides: name them by its columns.
    files[1]
      ? { baseline: baseline!, comparison: comparison!, baselineFile: files[0]!, comparisonFile: files[1] }
      : { baseline: baseline!, comparison: null, baselineFile: `${files[0]} (before)`, comparisonFile: `${files[0]} (after)` },
    options,
    { write, warn: (text) => process.stderr.write(text) },
  );
}

function parseCount(text: string, flag: string): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`${flag} expects a whole number, not "${text}"`);
  const n = Number(text);
  return n === 0 ? Infinity : n;
}

function parseNumber(text: string, flag: string): number {
  const n = Number(text.trim().replace(/%$/, ''));
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`${flag} expects percentage points, a number ≥ 0 like 2 or 0.5, not "${text}"`);
  return n;
}

function parseConfidence(text: string): number {
  const n = Number(text.trim().replace(/%$/, ''));
  const confidence = n >= 1 ? n / 100 : n;
  if (!(confidence > 0 && confidence < 1)) throw new UsageError(`--confidence expects a level like 0.95 or 95, not "${text}"`);
  return confidence;
}

function parseRegex(text: string): RegExp {
  try {
    return new RegExp(text);
  } catch (error) {
    throw new UsageError(`--function: ${(error as Error).message}`);
  }
}

function topOptions(values: { json?: boolean; limit?: string; sort?: string; transforms?: string }) {
  if (values.limit !== undefined && !/^\d+$/.test(values.limit)) throw new UsageError(`--limit expects a whole number, not "${values.limit}"`);
  if (values.sort !== undefined && values.sort !== 'self' && values.sort !== 'total') throw new UsageError(`--sort is self or total, not "${values.sort}"`);
  return {
    json: !!values.json,
    sortBy: (values.sort ?? 'self') as 'self' | 'total',
    ...(values.limit !== undefined ? { limit: Number(values.limit) } : {}),
    ...(values.transforms !== undefined ? { transforms: values.transforms } : {}),
  };
}

function chooseSampleType(tree: FrameTree, query: string): FrameTree {
  const index = findSampleType(tree.sampleTypes, query);
  if (index < 0) {
    const known = tree.sampleTypes.map((t, i) => `${i}: ${t.type}/${t.unit}`).join(', ');
    throw new ProfileError('unsupported-format', `no sample type "${query}" in this profile (it has ${known})`);
  }
  return withSampleType(tree, index);
}

function parseSize(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kKmMgGtT]?)i?[bB]?$/.exec(text.trim());
  if (!m) throw new UsageError(`${flag} expects a number like 5000000 or 4G, not "${text}"`);
  const scale = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g' | 't'];
  return Math.floor(Number(m[1]) * scale);
}

async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

function isBrokenPipe(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'EPIPE';
}
