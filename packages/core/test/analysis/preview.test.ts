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
import { drawTree, treeFromFolded } from '../../src/testing/index.ts';
import { selfColumnsOf, totalColumnsOf } from '../../src/analysis/tree-writer.ts';
import { corpusBytes } from '../corpus/manifest.ts';

interface FrameFigures {
  /** Every self column then every total column. */
  readonly values: number[];
  /** Per total column, the totals of the siblings before the frame: where the frame is drawn. */
  readonly offset: number[];
  /** Per total column, the sum of the children's totals. */
  readonly children: number[];
}

/**
 * path → figures of each frame (paths join names with \u0001). A preview's placeholder frames (its
 * `narrowNameId`) are checked here and left out: leaves with no self, never two side by side.
 */
function figuresByPath(tree: FrameTree): Map<string, FrameFigures> {
  const selfs = selfColumnsOf(tree);
  const totals = totalColumnsOf(tree);
  const C = totals.length;
  const narrow = tree.info.narrowNameId ?? -1;
  const paths: string[] = new Array(tree.length);
  const offset = new Float64Array(tree.length * C);
  const childSums = new Float64Array(tree.length * C);
  const lastChild = new Int32Array(tree.length).fill(-1);
  for (let i = 1; i < tree.length; i++) {
    const p = tree.parent[i]!;
    // pre-order: a frame comes after its parent, and its depth is one more
    expect(p).toBeLessThan(i);
    expect(tree.depth[i]).toBe(tree.depth[p]! + 1);
    const prev = lastChild[p]!;
    for (let t = 0; t < C; t++) {
      offset[i * C + t] = prev < 0 ? 0 : offset[prev * C + t]! + totals[t]![prev]!;
      childSums[p * C + t] = childSums[p * C + t]! + totals[t]![i]!;
    }
    if (tree.nameId[i] === narrow) {
      expect(tree.subtreeEnd[i], 'a placeholder is a leaf').toBe(i + 1);
      expect(selfs.every((c) => c[i] === 0), 'a placeholder has no self').toBe(true);
      expect(prev >= 0 && tree.nameId[prev] === narrow, 'two placeholders side by side').toBe(false);
    }
    lastChild[p] = i;
  }
  const out = new Map<string, FrameFigures>();
  for (let i = 0; i < tree.length; i++) {
    const p = tree.parent[i]!;
    paths[i] = i === 0 ? '' : `${paths[p]}\u0001${tree.names.get(tree.nameId[i]!)}`;
    if (tree.nameId[i] === narrow) continue;
    expect(out.has(paths[i]!), `two frames on one path: ${paths[i]}`).toBe(false);
    const range = (a: Float64Array) => Array.from(a.subarray(i * C, i * C + C));
    out.set(paths[i]!, { values: [...selfs.map((c) => c[i]!), ...totals.map((c) => c[i]!)], offset: range(offset), children: range(childSums) });
  }
  return out;
}

/**
 * The preview has exactly the exact view's frames at or over `limits`, each with the exact figures, drawn
 * at the same place (placeholders fill what is left out, so every frame's siblings before it add up to
 * the same, and every frame's children too); or, when it says it is exact, all of them.
 */
function expectPreviewOf(preview: FrameTree, exact: FrameTree, limits: Float64Array, saysExact = false): void {
  const want = figuresByPath(exact);
  const got = figuresByPath(preview);
  if (saysExact) {
    expect(got).toEqual(want);
    expect(preview.info.narrowNameId).toBeUndefined();
    return;
  }
  const columns = limits.length;
  for (const [path, figures] of got) expect(want.get(path), path).toEqual(figures);
  for (const [path, figures] of want) {
    const kept = path === '' || figures.values.slice(columns).some((total, t) => total >= limits[t]!);
    expect(got.has(path), `${path} ${figures.values.join(' ')} / ${Array.from(limits).join(' ')}`).toBe(kept);
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
    expect(drawTree(preview.tree)).toBe(
      [
        'all 1000 (0)',
        '  main 1000 (0)',
        '    a 903 (0)',
        '      x 900 (900)',
        '      \u2026 narrow frames 3 (0)',
        '    c 97 (97)',
      ].join('\n'),
    );
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
