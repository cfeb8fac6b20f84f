/**
 * Bench runner for one diff pair in a fresh Node process: parses both files the way the CLI does (zlib
 * for gzip), merges them, and prints one JSON line with each step's time, the tree sizes and memory.
 * Bundled by scripts/bench.mjs.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { diffFunctionTables, importProfile, mergeDiff, type FrameTree } from '../../packages/core/src/index.ts';

const [baselineFile, comparisonFile] = process.argv.slice(2) as [string, string];
const gunzip = (b: Uint8Array, max: number) => new Uint8Array(gunzipSync(b, { maxOutputLength: max }));

/** CPU time of this process (user + system), in ms: unlike wall time, it ignores other processes' load. */
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

async function parse(file: string): Promise<{ tree: FrameTree; ms: number; cpuMs: number }> {
  const bytes = new Uint8Array(readFileSync(file));
  const t0 = performance.now();
  const c0 = cpuMs();
  const result = await importProfile(bytes, { gunzip });
  const ms = performance.now() - t0;
  const cpu = cpuMs() - c0;
  if (!result.ok) {
    console.log(JSON.stringify({ error: result.error.message }));
    process.exit(1);
  }
  return { tree: result.tree, ms, cpuMs: cpu };
}

const a = await parse(baselineFile);
const b = await parse(comparisonFile);
const t0 = performance.now();
const c0 = cpuMs();
const diff = mergeDiff(a.tree, b.tree);
const mergeMs = performance.now() - t0;
const mergeCpuMs = cpuMs() - c0;
const t1 = performance.now();
diffFunctionTables(diff);
const functionsMs = performance.now() - t1;
console.log(
  JSON.stringify({
    parseAMs: a.ms,
    parseBMs: b.ms,
    parseACpuMs: a.cpuMs,
    parseBCpuMs: b.cpuMs,
    mergeMs,
    mergeCpuMs,
    functionsMs,
    framesA: a.tree.length,
    framesB: b.tree.length,
    framesMerged: diff.length,
    types: diff.sampleTypes.length,
    rssMB: process.memoryUsage().rss / 2 ** 20,
  }),
);
