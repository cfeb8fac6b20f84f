import { describe, expect, test } from 'vitest';
import { findPath, FrameTreeBuilder, pathOf, withSampleType } from '../../src/index.ts';
import { drawTree, frameAt, treeFromFolded } from '../../src/testing/index.ts';

describe('FrameTree layout', () => {
  const tree = treeFromFolded(`
    main;render 5
    main;parse;read 3
    main;parse 1
  `);

  test('frames are in depth-first pre-order with children by name, totals summed', () => {
    expect(drawTree(tree)).toBe(
      ['all 9 (0)', '  main 9 (0)', '    parse 4 (1)', '      read 3 (3)', '    render 5 (5)'].join('\n'),
    );
  });

  test('the subtree of every frame is exactly [i, subtreeEnd[i])', () => {
    expect(Array.from(tree.subtreeEnd)).toEqual([5, 5, 4, 4, 5]);
    expect(Array.from(tree.parent)).toEqual([-1, 0, 1, 2, 1]);
    expect(Array.from(tree.depth)).toEqual([0, 1, 2, 3, 2]);
    for (let i = 1; i < tree.length; i++) {
      const p = tree.parent[i]!;
      expect(i).toBeGreaterThan(p);
      expect(tree.subtreeEnd[i]).toBeLessThanOrEqual(tree.subtreeEnd[p]!);
    }
  });

  test('paths of names find frames and come back', () => {
    const read = frameAt(tree, 'main;parse;read');
    expect(pathOf(tree, read)).toEqual(['main', 'parse', 'read']);
    expect(findPath(tree, ['main', 'nope'])).toBe(-1);
    expect(findPath(tree, [])).toBe(0);
  });

  test('children merge by name and repeated stacks sum', () => {
    const t = treeFromFolded('a;b 1\na;c 2\na;b 4\n');
    expect(drawTree(t)).toBe(['all 7 (0)', '  a 7 (0)', '    b 5 (5)', '    c 2 (2)'].join('\n'));
    expect(t.info.stacks).toBe(2);
    expect(t.info.samples).toBe(3);
  });

  test('a frame named like the root stays a frame of its own', () => {
    const t = treeFromFolded('all;x 2\n');
    expect(drawTree(t)).toBe(['all 2 (0)', '  all 2 (0)', '    x 2 (2)'].join('\n'));
    expect(t.names.length).toBe(3);
  });

  test('negative and zero values are kept and summed exactly', () => {
    const t = treeFromFolded('a;b -5\na;c 5\na;d 0\n');
    expect(drawTree(t)).toBe(['all 0 (0)', '  a 0 (0)', '    b -5 (-5)', '    c 5 (5)', '    d 0 (0)'].join('\n'));
  });

  test('a deep stack (100,000 frames) builds without recursion and uses 32-bit depths', () => {
    const builder = new FrameTreeBuilder({ sampleTypes: [{ type: 'samples', unit: 'count' }] });
    const a = builder.names.internString('a');
    const b = builder.names.internString('b');
    const stack = Array.from({ length: 100_000 }, (_, i) => (i % 2 ? a : b));
    builder.addStack(stack, [1]);
    const deep = builder.build({ format: 'collapsed', defaultSampleTypeIndex: 0, samples: 1, dropped: [] });
    expect(deep.maxDepth).toBe(100_000);
    expect(deep.depth).toBeInstanceOf(Uint32Array);
    expect(deep.depth[deep.length - 1]).toBe(100_000);
    expect(deep.total[deep.length - 1]).toBe(1);
  });

  test('the frame limit ends in a too-large error', () => {
    const builder = new FrameTreeBuilder({ sampleTypes: [{ type: 's', unit: 'count' }], maxFrames: 10 });
    const ids = Array.from({ length: 20 }, (_, i) => builder.names.internString(`f${i}`));
    expect(() => builder.addStack(ids, [1])).toThrow(/more than 10 distinct frames/);
  });

  test('withSampleType switches value columns without copying the structure', () => {
    const builder = new FrameTreeBuilder({
      sampleTypes: [
        { type: 'alloc_space', unit: 'bytes' },
        { type: 'inuse_space', unit: 'bytes' },
      ],
    });
    const x = builder.names.internString('x');
    builder.addStack([x], [100, 7]);
    const t = builder.build({ format: 'pprof', defaultSampleTypeIndex: 1, samples: 1, dropped: [] });
    expect(t.total[0]).toBe(7);
    const other = withSampleType(t, 0);
    expect(other.total[0]).toBe(100);
    expect(other.parent).toBe(t.parent);
    expect(() => withSampleType(t, 2)).toThrow(RangeError);
  });

  test('many children (past the sibling-list limit) are still found and merged', () => {
    const lines = Array.from({ length: 500 }, (_, i) => `root;child${i % 250} 1`).join('\n');
    const t = treeFromFolded(lines);
    expect(t.length).toBe(252);
    const root = frameAt(t, 'root');
    expect(t.total[root]).toBe(500);
    expect(t.total[frameAt(t, 'root;child7')]).toBe(2);
  });
});
