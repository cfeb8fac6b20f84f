/**
 * The flame graph's layout and colours as data: x and width per frame checked against d3-hierarchy's
 * partition, the hit test, and the diff colour scale's symmetry.
 */
import { hierarchy, partition } from 'd3-hierarchy';
import { describe, expect, test } from 'vitest';
import { importNestedSet, pathOf, type FrameTree } from '@flamelens/core';
import { treeFromFolded } from '@flamelens/core/testing';
import { diffColors, DIFF_GREW, DIFF_SHRANK, packageOf, profileColors } from '../src/view/colors.ts';
import { frameAt, layOut } from '../src/view/flame-layout.ts';

interface Node {
  name: string;
  self: number;
  children: Node[];
}

/** The tree as nested objects (only for the oracle: d3-hierarchy wants objects). */
function nested(tree: FrameTree): Node {
  const nodes: Node[] = [];
  for (let i = 0; i < tree.length; i++) {
    nodes[i] = { name: pathOf(tree, i).join(';'), self: tree.self[i]!, children: [] };
    if (i > 0) nodes[tree.parent[i]!]!.children.push(nodes[i]!);
  }
  return nodes[0]!;
}

const tree = treeFromFolded(`
  main;parse;read 3
  main;parse 1
  main;render 5
  idle 2
`);

describe('layout', () => {
  test('x and width of every frame equal d3-hierarchy’s partition (children in tree order)', () => {
    const layout = layOut(tree);
    const root = partition<Node>().size([1, 1])(hierarchy(nested(tree)).sum((d) => d.self));
    const byPath = new Map(root.descendants().map((d) => [d.data.name, d]));
    const total = tree.total[0]!;
    for (let i = 0; i < tree.length; i++) {
      const oracle = byPath.get(pathOf(tree, i).join(';'))!;
      expect(layout.start[i]! / total).toBeCloseTo(oracle.x0, 12);
      expect(layout.width[i]! / total).toBeCloseTo(oracle.x1 - oracle.x0, 12);
    }
  });

  test('the hit test finds the frame under a point, in focus or not', () => {
    const layout = layOut(tree);
    const at = (focusPath: string, depth: number, value: number) => {
      const focus = focusPath === '' ? 0 : frameAtPath(focusPath);
      const frame = frameAt(tree, layout, focus, depth, value);
      return frame < 0 ? null : pathOf(tree, frame).join(';');
    };
    // idle [0, 2), main [2, 11): parse [2, 6) with read [2, 5), render [6, 11)
    expect(at('', 1, 0.5)).toBe('idle');
    expect(at('', 3, 4.9)).toBe('main;parse;read');
    expect(at('', 3, 5.5)).toBeNull();
    expect(at('main;render', 0, 0)).toBe('');
    expect(at('main;render', 1, 0)).toBe('main');
  });

  test('diff widths: each side normalized to its whole, or one side only', () => {
    const diff = importNestedSet({ level: [0, 1, 1], value: [10, 5, 5], valueRight: [100, 90, 10], label: ['total', 'a', 'b'] });
    expect(Array.from(layOut(diff, 'combined').width)).toEqual([2, 1.4, 0.6]);
    expect(Array.from(layOut(diff, 'baseline').width)).toEqual([10, 5, 5]);
    expect(Array.from(layOut(diff, 'comparison').width)).toEqual([1, 0.9, 0.1]);
  });
});

function frameNamed(t: FrameTree, name: string): number {
  for (let i = 0; i < t.length; i++) if (t.names.get(t.nameId[i]!) === name) return i;
  throw new Error(name);
}

function frameAtPath(path: string): number {
  for (let i = 0; i < tree.length; i++) if (pathOf(tree, i).join(';') === path) return i;
  throw new Error(path);
}

describe('colours', () => {
  test('the package of a frame name keeps a module’s frames in one hue', () => {
    expect(packageOf('compress/flate.(*compressor).write')).toBe('compress/flate');
    expect(packageOf('runtime.mallocgc')).toBe('runtime');
    expect(packageOf('github.com/x/y/pkg.Func.func1')).toBe('github.com/x/y/pkg');
    expect(packageOf('main')).toBe('main');
    const small = treeFromFolded('runtime.a;runtime.b 1\nruntime.a;other.c 1');
    const colors = profileColors(small, 'package');
    const hue = (name: string) => colors.index[frameNamed(small, name)];
    expect(hue('runtime.a')).toBe(hue('runtime.b'));
  });

  test('diff colours: red grew, blue shrank, equal change gives equal intensity either way', () => {
    // shares: a 50% → 75% (+25 pp), b 50% → 25% (−25 pp)
    const diff = importNestedSet({ level: [0, 1, 1], value: [4, 2, 2], valueRight: [8, 6, 2], label: ['total', 'a', 'b'] });
    const colors = diffColors(diff);
    const colour = (name: string) => colors.index[frameNamed(diff, name)]!;
    expect(colors.palette[colour('a')]).toBe(DIFF_GREW);
    expect(colors.palette[colour('b')]).toBe(DIFF_SHRANK);
    const neutral = (colors.palette.length - 1) / 2;
    expect(colour('a') - neutral).toBe(neutral - colour('b'));
    expect(colors.saturation).toBe(25);
    // labels stay readable: white on the strongest red and blue, dark on the neutral grey
    expect([colors.text[colour('a')], colors.text[colour('b')], colors.text[neutral]]).toEqual(['#ffffff', '#ffffff', '#1f1f24']);
    // with full colour set at 50 pp, a 25 pp change is drawn at half intensity
    const half = diffColors(diff, undefined, 50);
    expect(half.index[frameNamed(diff, 'a')]! - neutral).toBe(Math.ceil(neutral / 2));
  });

  test('a frame on one side only takes the extreme colour of its direction', () => {
    const diff = importNestedSet({ level: [0, 1, 1], value: [4, 4, 0], valueRight: [8, 7, 1], label: ['total', 'old', 'new'] });
    const colors = diffColors(diff, { metric: 'relative-change', useSelf: false });
    expect(colors.palette[colors.index[frameNamed(diff, 'new')]!]).toBe(DIFF_GREW);
  });
});
