/**
 * Bench runner for the analyses in one Node process: parses a file, then times the function tables and
 * every case of analysis-cases.ts (median of N runs each), printing one JSON line. Bundled by bench.mjs.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { computePreview, computeView, functionTables, importProfile, previewBase, pruneRequest, PREVIEW_SHARE, sandwich } from '../../packages/core/src/index.ts';
import { analysisCases } from './analysis-cases.ts';

const [file, runsText] = process.argv.slice(2);
const runs = Number(runsText ?? 3);
const gunzip = (b: Uint8Array, max: number) => new Uint8Array(gunzipSync(b, { maxOutputLength: max }));
const result = await importProfile(new Uint8Array(readFileSync(file!)), { gunzip });
if (!result.ok) {
  console.log(JSON.stringify({ error: result.error.message }));
  process.exit(1);
}
const tree = result.tree;

const share = Number(process.env.PREVIEW_SHARE ?? PREVIEW_SHARE);

/** The preview of a case (its last step pruned at PREVIEW_SHARE, from the exact view before it). */
function preview(c: ReturnType<typeof analysisCases>[number]): number {
  if (c.sandwich) {
    const s = sandwich(tree, c.sandwich, pruneRequest(tree, share));
    return s.callers.length + s.callees.length;
  }
  const baseSpec = previewBase(c.spec)!;
  const base = computeView(tree, baseSpec);
  if (!base.ok) throw new Error(base.error.message);
  const view = computePreview(base, c.spec, share);
  if (!view.ok) throw new Error(view.error.message);
  return view.tree.length;
}

function time(f: () => number): { ms: number; frames: number } {
  const ms: number[] = [];
  let frames = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    frames = f();
    ms.push(performance.now() - t0);
  }
  return { ms: ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)]!, frames };
}

const rows: { label: string; ms: number; frames: number; previewMs?: number; previewFrames?: number }[] = [
  { label: 'function tables (every sample type)', ...time(() => functionTables(tree)[0]!.nameId.length) },
];
for (const c of analysisCases(tree)) {
  const p = time(() => preview(c));
  rows.push({
    label: c.label,
    previewMs: p.ms,
    previewFrames: p.frames,
    ...time(() => {
      if (c.sandwich) {
        const s = sandwich(tree, c.sandwich);
        return s.callers.length + s.callees.length;
      }
      const view = computeView(tree, c.spec);
      if (!view.ok) throw new Error(view.error.message);
      return view.tree.length;
    }),
  });
}
console.log(JSON.stringify({ frames: tree.length, rows }));
