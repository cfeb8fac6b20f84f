/**
 * Previews (pruned views, for drawing a large view at once): every frame a preview has is in the exact
 * view, on the same path, with the same self and total in every value column; every frame of the exact
 * view at or over the limits is in the preview, and no frame under them. Checked on corpus profiles for
 * every kind of step that prunes, on a diff, and on sandwiches.
 */
import { describe, expect, test } from 'vitest';
import {
  computePreview,
  computeView,
  diffProfiles,
  functionTable,
  functionRows,
  importProfile,
  isDiffTree,
  moduleOfName,
  pruneLimits,
  sandwich,
  type FrameTree,
  type PruneRequest,
  type ViewSpec,
} from '../../src/index.ts';
import { treeFromFolded } from '../../src/testing/index.ts';
import { selfColumnsOf, totalColumnsOf } from '../../src/analysis/tree-writer.ts';
import { corpusBytes } from '../corpus/manifest.ts';

/** path → every self column then every total column, for each frame (paths join names with \u0001). */
function figuresByPath(tree: FrameTree): Map<string, number[]> {
  const selfs = selfColumnsOf(tree);
  const totals = totalColumnsOf(tree);
  const paths: string[] = new Array(tree.length);
  const out = new Map<string, number[]>();
  for (let i = 0; i < tree.length; i++) {
    const p = tree.parent[i]!;
    // pre-order: a frame comes after its parent, and its depth is one more
    if (i > 0) {
      expect(p).toBeLessThan(i);
      expect(tree.depth[i]).toBe(tree.depth[p]! + 1);
    }
    paths[i] = i === 0 ? '' : `${paths[p]}\u0001${tree.names.get(tree.nameId[i]!)}`;
    expect(out.has(paths[i]!), `two frames on one path: ${paths[i]}`).toBe(false);
    out.set(paths[i]!, [...selfs.map((c) => c[i]!), ...totals.map((c) => c[i]!)]);
  }
  return out;
}

/**
 * The preview has exactly the exact view's frames at or over `limits`, each with the exact figures; or,
 * when it says it is exact (a step that matched nothing returns its input), all of them.
 */
function expectPreviewOf(preview: FrameTree, exact: FrameTree, limits: Float64Array, saysExact = false): void {
  const want = figuresByPath(exact);
  const got = figuresByPath(preview);
  if (saysExact) {
    expect(got).toEqual(want);
    return;
  }
  const columns = limits.length;
  for (const [path, figures] of got) expect(want.get(path), path).toEqual(figures);
  for (const [path, figures] of want) {
    const kept = path === '' || figures.slice(columns).some((total, t) => total >= limits[t]!);
    expect(got.has(path), `${path} ${figures.join(' ')} / ${Array.from(limits).join(' ')}`).toBe(kept);
  }
}

async function load(file: string): Promise<FrameTree> {
  const result = await importProfile(corpusBytes(file));
  if (!result.ok) throw new Error(result.error.message);
  return result.tree;
}

/** Specs with one step of every kind that prunes, chosen from the profile itself. */
function specsOf(tree: FrameTree): ViewSpec[] {
  const table = functionTable(tree);
  const byTotal = functionRows(table, tree.names, { sortBy: 'total' });
  const name = (row: number) => tree.names.get(table.nameId[row]!);
  const heaviest = name(byTotal[Math.min(1, byTotal.length - 1)]!);
  const frames = new Uint32Array(tree.names.length);
  for (let i = 1; i < tree.length; i++) frames[tree.nameId[i]!]!++;
  let frequent = 1;
  for (let id = 1; id < frames.length; id++) if (frames[id]! > frames[frequent]!) frequent = id;
  const typical = name(byTotal[Math.min(20, byTotal.length - 1)]!);
  const module = moduleOfName(typical) ?? typical;
  return [
    { transforms: [{ kind: 'hide', match: { name: tree.names.get(frequent) } }] },
    { transforms: [{ kind: 'drop', match: { name: tree.names.get(frequent) } }] },
    { transforms: [{ kind: 'focus', match: { name: heaviest } }] },
    { transforms: [{ kind: 'merge-recursion' }] },
    { transforms: [{ kind: 'merge-recursion', direct: true }] },
    { transforms: [{ kind: 'collapse-module', module }] },
    { transforms: [{ kind: 'hide', match: { regex: '^runtime\\.' } }] },
    { transforms: [], inverted: true },
    // two steps: the first exact, the second pruned
    { transforms: [{ kind: 'drop', match: { name: tree.names.get(frequent) } }], inverted: true },
    { transforms: [{ kind: 'merge-recursion' }, { kind: 'hide', match: { name: heaviest } }] },
  ];
}

function previewAndExact(tree: FrameTree, spec: ViewSpec, share: number) {
  const exact = computeView(tree, spec);
  if (!exact.ok) throw new Error(exact.error.message);
  const baseSpec = spec.inverted ? { transforms: spec.transforms } : { transforms: spec.transforms.slice(0, -1) };
  const base = computeView(tree, baseSpec);
  if (!base.ok) throw new Error(base.error.message);
  const preview = computePreview(base, spec, share);
  if (!preview.ok) throw new Error(preview.error.message);
  return { exact: exact.tree, preview, limits: pruneLimits(base.tree, share)! };
}

const FILES = [
  'pprof/go-gotypes.cpu.pb.gz',
  'pprof/pyroscope_jfr_kafka_cpu_0.pb.gz',
  'collapsed/pyroscope_jfr_kafka_cpu_0.collapsed.txt',
  'pprof/parca_many_09_1644509299337903000.pb.gz',
];

describe('a preview is the exact view without the frames under the limits', () => {
  test.each(FILES)('%s: every step kind', async (file) => {
    const tree = await load(file);
    let prunedSomewhere = false;
    for (const spec of specsOf(tree)) {
      const { exact, preview, limits } = previewAndExact(tree, spec, 0.01);
      expectPreviewOf(preview.tree, exact, limits, preview.exact);
      expect(preview.exact, JSON.stringify(spec)).toBe(preview.tree.length === exact.length);
      expect(preview.applied.map((a) => a.transform)).toEqual(spec.transforms);
      prunedSomewhere ||= preview.tree.length < exact.length;
    }
    expect(prunedSomewhere).toBe(true);
  });

  test('a diff: both sides pruned by their own whole, figures exact', async () => {
    const diff = diffProfiles(await load('pprof/pyroscope_jfr_kafka_cpu_0.pb.gz'), await load('pprof/pyroscope_jfr_kafka_cpu_3.pb.gz'));
    for (const spec of specsOf(diff)) {
      const { exact, preview, limits } = previewAndExact(diff, spec, 0.01);
      expect(limits.length).toBe(2);
      expectPreviewOf(preview.tree, exact, limits, preview.exact);
      expect(isDiffTree(preview.tree)).toBe(true);
    }
  });

  test('sandwiches: both halves pruned, the function total kept', async () => {
    const tree = await load('pprof/pyroscope_jfr_kafka_cpu_0.pb.gz');
    const table = functionTable(tree);
    for (const row of functionRows(table, tree.names, { sortBy: 'total' }).slice(0, 5)) {
      const name = tree.names.get(table.nameId[row]!);
      const limits = pruneLimits(tree, 0.002)!;
      const prune: PruneRequest = { limits, pruned: 0 };
      const preview = sandwich(tree, name, prune);
      const exact = sandwich(tree, name);
      expectPreviewOf(preview.callers, exact.callers, limits);
      expectPreviewOf(preview.callees, exact.callees, limits);
      expect(preview.callers.total[0]).toBe(table.total[row]);
    }
  });

  test('drawn on a fixture: a frame under the limit goes, its parent keeps its total', () => {
    const tree = treeFromFolded(`
      main;a;x 500
      main;a;y 1
      main;b;a;x 400
      main;b;a;z 2
      main;c 97
    `);
    const base = { tree, applied: [] };
    // hide b: a's callees merge under main → a; y and z stay under 1% (10 of 1000), c does not
    const preview = computePreview(base, { transforms: [{ kind: 'hide', match: { name: 'b' } }] }, 0.01);
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.exact).toBe(false);
    const rows = [...figuresByPath(preview.tree)].map(([path, [self, total]]) => `${path.split('\u0001').join(';') || 'all'} ${total} (${self})`);
    expect(rows).toEqual(['all 1000 (0)', ';main 1000 (0)', ';main;a 903 (0)', ';main;a;x 900 (900)', ';main;c 97 (97)']);
    // a preview that leaves nothing out says it is exact
    const none = computePreview(base, { transforms: [{ kind: 'hide', match: { name: 'b' } }] }, 1e-9);
    expect(none.ok && none.exact).toBe(true);
  });

  test('a profile with negative values is never pruned (its widths come from magnitudes)', () => {
    const tree = treeFromFolded(`
      main;a 5
      main;b -3
      main;c 1000
    `);
    expect(pruneLimits(tree, 0.01)).toBeNull();
    const preview = computePreview({ tree, applied: [] }, { transforms: [], inverted: true }, 0.01);
    // all; a, b, c each called by main: nothing left out
    expect(preview.ok && preview.exact && preview.tree.length).toBe(7);
  });
});
