import { frameAt, treeFromFolded } from '@flamelens/core/testing';
import type { FrameTree } from '@flamelens/core';
import { frameAtValue, LayoutJob, offsetOf } from '@flamelens/renderer';
import { hierarchy, partition, type HierarchyRectangularNode } from 'd3-hierarchy';
import { describe, expect, it } from 'vitest';
import { diffFromFolded, layoutOf } from './fixtures.ts';

interface Node {
  frame: number;
  children: Node[];
}

/** The tree as d3 nodes, children in tree order, laid out by d3's `partition` (the oracle). */
function d3Partition(tree: FrameTree, value: (frame: number) => number) {
  const nodes: Node[] = [];
  for (let i = 0; i < tree.length; i++) {
    const node: Node = { frame: i, children: [] };
    nodes.push(node);
    if (i > 0) nodes[tree.parent[i]!]!.children.push(node);
  }
  const root = hierarchy(nodes[0]!).sum((d) => value(d.frame));
  return partition<Node>().size([1, tree.maxDepth + 1])(root).descendants() as HierarchyRectangularNode<Node>[];
}

const SMALL = `
  main;parse;read 3
  main;parse 2
  main;render;paint 5
  main;render;layout 1
  main 1
  gc;mark 4
  gc;sweep 2
  idle 0
`;

const RECURSIVE = `
  a;b;a;b;a 7
  a;b;a;c 2
  a;b 1
  d;d;d;d 3
`;

describe('layout as data', () => {
  for (const [name, folded] of [['small', SMALL], ['recursive', RECURSIVE]] as const) {
    it(`puts every frame of the ${name} tree where d3-hierarchy's partition does`, () => {
      const tree = treeFromFolded(folded);
      const layout = layoutOf(tree);
      const oracle = d3Partition(tree, (f) => tree.self[f]!);
      expect(oracle).toHaveLength(tree.length);
      for (const node of oracle) {
        const f = node.data.frame;
        expect(offsetOf(layout, f) / layout.rootWidth, `x of frame ${f}`).toBeCloseTo(node.x0, 12);
        expect(layout.width[f]! / layout.rootWidth, `width of frame ${f}`).toBeCloseTo(node.x1 - node.x0, 12);
        expect(tree.depth[f], `depth of frame ${f}`).toBe(node.y0);
      }
    });
  }

  it('groups frames in rows by depth, each row left to right', () => {
    const tree = treeFromFolded(SMALL);
    const layout = layoutOf(tree);
    expect(layout.depthCount).toBe(tree.maxDepth + 1);
    for (let d = 0; d < layout.depthCount; d++) {
      for (let k = layout.rowStart[d]!; k < layout.rowStart[d + 1]!; k++) {
        expect(tree.depth[layout.rowFrames[k]!]).toBe(d);
        if (k > layout.rowStart[d]!) expect(layout.rowX[k]!).toBeGreaterThanOrEqual(layout.rowX[k - 1]!);
      }
    }
    expect(layout.rowStart[layout.depthCount]).toBe(tree.length);
  });

  it('finds the frame under a value offset, and nothing in the self gap', () => {
    const tree = treeFromFolded(SMALL);
    const layout = layoutOf(tree);
    // gc (6) | idle (0) | main (12): main;parse starts at offset 6+0, parse is 5 wide.
    const parse = frameAt(tree, 'main;parse');
    expect(frameAtValue(layout, 2, offsetOf(layout, parse) + 0.5)).toBe(parse);
    expect(frameAtValue(layout, 2, offsetOf(layout, parse) + 4.99)).toBe(parse);
    const main = frameAt(tree, 'main');
    // The last unit of main is its self value: no child there.
    expect(frameAtValue(layout, 2, offsetOf(layout, main) + 11.5)).toBe(-1);
    expect(frameAtValue(layout, 0, -1)).toBe(-1);
    expect(frameAtValue(layout, 0, layout.rootWidth)).toBe(-1);
    expect(frameAtValue(layout, 9, 1)).toBe(-1);
  });

  it('lays out negative values (delta profiles) by magnitude so children stay inside their parent', () => {
    const tree = treeFromFolded(`
      main;grow 10
      main;shrink -6
    `);
    expect(tree.total[frameAt(tree, 'main')]).toBe(4);
    const layout = layoutOf(tree);
    const main = frameAt(tree, 'main');
    const grow = frameAt(tree, 'main;grow');
    const shrink = frameAt(tree, 'main;shrink');
    expect(layout.width[main]).toBe(16);
    expect(layout.width[grow]! + layout.width[shrink]!).toBe(16);
    expect(offsetOf(layout, shrink)).toBe(offsetOf(layout, grow) + 10);
  });

  it('draws nothing for a tree whose total is zero, without dividing by it', () => {
    const layout = layoutOf(treeFromFolded('main;idle 0\n'));
    expect(layout.rootWidth).toBe(0);
    expect(frameAtValue(layout, 1, 0)).toBe(-1);
  });

  it('gives diff trees combined widths: each side normalized to its whole', () => {
    // Baseline 10 samples, comparison 100: the comparison must not dictate the shape.
    const tree = diffFromFolded(`
      main;a 5 10
      main;b 5 90
    `);
    const layout = layoutOf(tree, 'combined');
    const a = frameAt(tree, 'main;a');
    const b = frameAt(tree, 'main;b');
    expect(layout.rootWidth).toBeCloseTo(2, 12);
    expect(layout.width[a]).toBeCloseTo(0.5 + 0.1, 12);
    expect(layout.width[b]).toBeCloseTo(0.5 + 0.9, 12);
    expect(layoutOf(tree, 'comparison').width[b]).toBe(90);
    expect(layoutOf(tree, 'baseline').width[b]).toBe(5);
  });

  it('keeps frames present on one side only visible in combined widths', () => {
    const tree = diffFromFolded(`
      main;old 4 0
      main;new 0 4
      main;kept 4 4
    `);
    const layout = layoutOf(tree, 'combined');
    expect(layout.width[frameAt(tree, 'main;old')]).toBeGreaterThan(0);
    expect(layout.width[frameAt(tree, 'main;new')]).toBeGreaterThan(0);
  });

  it('builds the same layout in small slices as at once', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `r;m${i % 17};f${i % 101};g${i} ${1 + (i % 7)}`).join('\n');
    const tree = treeFromFolded(text);
    const whole = layoutOf(tree);
    const job = new LayoutJob(tree, 'total');
    let slices = 0;
    while (!job.step(-1)) slices++;
    expect(slices, "the job yields between phases").toBeGreaterThanOrEqual(2);
    expect(Array.from(job.layout!.rowX)).toEqual(Array.from(whole.rowX));
    expect(Array.from(job.layout!.rowFrames)).toEqual(Array.from(whole.rowFrames));
  });

  it('costs 20 bytes per frame on top of the tree (plus 8 when widths are derived)', () => {
    const tree = treeFromFolded(SMALL);
    const layout = layoutOf(tree);
    expect(layout.bytes - layout.rowStart.byteLength).toBe(20 * tree.length);
  });
});
