/**
 * flamelens — the Flamelens core on the command line, for scripts and CI.
 *
 *   flamelens summary FILE [--json]
 *   flamelens fold FILE [--sample-type INDEX|TYPE]
 *   flamelens top FILE [--json] [--sample-type INDEX|TYPE] [--limit N] [--sort self|total] [--transforms TEXT]
 */
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { findSampleType, foldChunks, ProfileError, withSampleType, type FrameTree } from '@flamelens/core';
import { readProfile, type Limits } from './read-profile.ts';
import { summaryCommand } from './commands/summary.ts';
import { topCommand } from './commands/top.ts';

const USAGE = `Usage:
  flamelens summary FILE [--json] [--sample-type INDEX|TYPE]
      format, sample types with totals, functions, frames, stacks, maximum depth
  flamelens fold FILE [--sample-type INDEX|TYPE]
      the profile as folded stacks ("root;...;leaf value"), one line per distinct stack
  flamelens top FILE [--json] [--sample-type INDEX|TYPE] [--limit N] [--sort self|total] [--transforms TEXT]
      the function table: self and total (counted once per stack) of every function, heaviest first;
      --json prints [{"name","self","total"}] (all rows unless --limit; text shows 25); --transforms
      applies transforms written as in the web app's URL (e.g. "h:p:go-runtime~f:n:main.work")

FILE is pprof (.pb.gz or raw protobuf) or folded stacks (gzipped or not); the format is read from the
content, not the name.

Options:
  --sample-type INDEX|TYPE   which value column (index, "cpu", or "cpu/nanoseconds"); default: the
                             profile's default (pprof default_sample_type, else the last)
  --json                     summary as one JSON object
  --max-frames N             refuse trees larger than N frames (default 16000000)
  --max-decompressed SIZE    refuse gzip input inflating past SIZE bytes (default 2G; suffixes K, M, G)
  -h, --help                 this text
`;

/** Runs the CLI; returns the exit status (0 ok, 1 bad input, 2 bad usage). Never throws. */
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
        'sample-type': { type: 'string' },
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
  const [command, file, ...extra] = positionals;
  if (command !== 'summary' && command !== 'fold' && command !== 'top') throw new UsageError(`unknown command "${command}" (see flamelens --help)`);
  if (!file) throw new UsageError(`${command} needs a FILE (see flamelens --help)`);
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}" (see flamelens --help)`);
  const limits: Limits = {
    ...(values['max-frames'] ? { maxFrames: parseSize(values['max-frames'], '--max-frames') } : {}),
    ...(values['max-decompressed'] ? { maxDecompressedBytes: parseSize(values['max-decompressed'], '--max-decompressed') } : {}),
  };
  let tree = await readProfile(file, limits);
  if (values['sample-type'] !== undefined) tree = chooseSampleType(tree, values['sample-type']);
  if (command === 'summary') await write(summaryCommand(tree, !!values.json));
  else if (command === 'top') await write(topCommand(tree, topOptions(values)));
  else for (const piece of foldChunks(tree)) await write(piece);
  return 0;
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
