/**
 * Bench runner for one file in a fresh Node process: parses it the way the CLI does (zlib for gzip) and
 * prints one JSON line with the time, the tree size and memory. Bundled by scripts/bench.mjs.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { importProfile } from '../../packages/core/src/index.ts';

const file = process.argv[2]!;
const bytes = new Uint8Array(readFileSync(file));
const gunzip = (b: Uint8Array, max: number) => new Uint8Array(gunzipSync(b, { maxOutputLength: max }));
const t0 = performance.now();
const result = await importProfile(bytes, { gunzip });
const ms = performance.now() - t0;
if (!result.ok) {
  console.log(JSON.stringify({ error: result.error.message }));
  process.exit(1);
}
const tree = result.tree;
const columns = [tree.parent, tree.subtreeEnd, tree.depth, tree.nameId, ...tree.totalByType, ...tree.selfByType];
const treeBytes = columns.reduce((n, c) => n + c.byteLength, 0) + tree.names.bytes.byteLength + tree.names.offsets.byteLength;
console.log(
  JSON.stringify({
    ms,
    frames: tree.length,
    treeBytes,
    bytesPerFrame: treeBytes / tree.length,
    rssMB: process.memoryUsage().rss / 2 ** 20,
  }),
);
