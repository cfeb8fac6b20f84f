import { describe, expect, test } from 'vitest';
import { hierarchy } from 'd3-hierarchy';
import { diffStatus, diffValue, mergeDiff, pathOf, withSampleType, type DiffTree, type FrameTree } from '../../src/index.ts';
import { FrameTreeBuilder } from '../../src/model/frame-tree-builder.ts';
import { diffFromFolded, drawDiffTree, frameAt, treeFromFolded } from '../../src/testing/index.ts';

/** Every structural invariant of a FrameTree, checked frame by frame. */
function expectFrameTreeLayout(tree: FrameTree): void {
  for (let i = 1; i < tree.length; i++) {
    const p = tree.parent[i]!;
    expect(p).toBeLessThan(i);
    expect(tree.depth[i]).toBe(tree.depth[p]! + 1);
    expect(tree.subtreeEnd[i]).toBeLessThanOrEqual(tree.subtreeEnd[p]!);
  }
  for (let i = 0; i < tree.length; i++) {
    let prev = '';
    for (let c = i + 1; c < tree.subtreeEnd[i]!; c = tree.subtreeEnd[c]!) {
      expect(tree.parent[c]).toBe(i);
      const name = tree.names.get(tree.nameId[c]!);
      if (prev) expect(Buffer.compare(Buffer.from(prev), Buffer.from(name))).toBe(-1);
      prev = name;
    }
  }
}

/** The stacks of `folded` as a map path → value (sums repeated lines). */
function stackMap(folded: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of folded.trim().split('\n')) {
    const cut = line.trim().lastIndexOf(' ');
    const key = line.trim().slice(0, cut);
    map.set(key, (map.get(key) ?? 0) + Number(line.trim().slice(cut + 1)));
  }
  return map;
}

describe('mergeDiff', () => {
  test('the union of frames, baseline in total/self and comparison in totalB/selfB, 0 where a side lacks a frame', () => {
    const diff = diffFromFolded(
      `
      main;parse;read 3
      main;render 5
      `,
      `
      main;parse;read 1
      main;parse;lex 4
      main;draw 2
      `,
    );
    expect(drawDiffTree(diff)).toBe(
      [
        'all 8 → 7',
        '  main 8 → 7',
        '    draw 0 → 2 (2)',
        '    parse 3 → 5',
        '      lex 0 → 4 (4)',
        '      read 3 (3) → 1 (1)',
        '    render 5 (5) → 0',
      ].join('\n'),
    );
    expect(diff.baselineTotal).toBe(8);
    expect(diff.comparisonTotal).toBe(7);
    expect(diffStatus(diff, frameAt(diff, 'main;draw'))).toBe('new');
    expect(diffStatus(diff, frameAt(diff, 'main;render'))).toBe('removed');
    expect(diffStatus(diff, frameAt(diff, 'main;parse'))).toBe('both');
    expectFrameTreeLayout(diff);
  });

  test('is the same tree the builder makes from all stacks of both sides (checked against d3-hierarchy sums)', () => {
    const baseline = 'a;b;c 1\na;b 2\na;d;e;f 3\ng 4\nz;y;x 5\n';
    const comparison = 'a;b;c 7\na;c 1\nb;a 2\ng;h 3\nz;y 1\nz;y;w 9\n';
    const diff = diffFromFolded(baseline, comparison);
    const union = treeFromFolded(baseline + comparison);
    expect(diff.length).toBe(union.length);
    for (let i = 0; i < diff.length; i++) {
      expect(pathOf(diff, i)).toEqual(pathOf(union, i));
      expect(diff.subtreeEnd[i]).toBe(union.subtreeEnd[i]);
      expect(diff.total[i]! + diff.totalB[i]!).toBe(union.total[i]);
    }
    // An independent oracle for each side's inclusive totals: d3-hierarchy's sum over a nested object.
    for (const [text, column] of [[baseline, diff.total], [comparison, diff.totalB]] as const) {
      const root = hierarchy(nest(stackMap(text))).sum((d) => d.value);
      root.each((node) => {
        const path = node.ancestors().reverse().slice(1).map((n) => n.data.name);
        const frame = path.length === 0 ? 0 : frameAt(diff, path.join(';'));
        expect(column[frame]).toBe(node.value);
      });
    }
  });

  test('a profile against itself: every frame paired, all deltas exactly zero', () => {
    const text = 'main;a;b 3\nmain;a 2\nmain;c;d;e 7\nother 1\n';
    const diff = mergeDiff(treeFromFolded(text), treeFromFolded(text));
    expect(diff.length).toBe(treeFromFolded(text).length);
    for (let i = 0; i < diff.length; i++) {
      expect(diffStatus(diff, i)).toBe('both');
      expect(diffValue(diff, i)).toBe(0);
      expect(diffValue(diff, i, { metric: 'relative-change', useSelf: true })).toBe(0);
    }
  });

  test('normalized delta compares shares, so a comparison with 10× the samples is not all red', () => {
    const diff = diffFromFolded('main;a 50\nmain;b 50\n', 'main;a 600\nmain;b 400\n');
    expect(diffValue(diff, frameAt(diff, 'main;a'))).toBeCloseTo(10, 12);
    expect(diffValue(diff, frameAt(diff, 'main;b'))).toBeCloseTo(-10, 12);
    expect(diffValue(diff, frameAt(diff, 'main'))).toBe(0);
  });

  test('names are compared as bytes, so non-ASCII and prefix names interleave as the builder orders them', () => {
    const diff = diffFromFolded('é 1\nab 1\nZ 1\n', 'a 1\nabc 1\nÉ 1\n');
    const children = [];
    for (let c = 1; c < diff.length; c = diff.subtreeEnd[c]!) children.push(diff.names.get(diff.nameId[c]!));
    expect(children).toEqual(['Z', 'a', 'ab', 'abc', 'É', 'é']);
    expectFrameTreeLayout(diff);
  });

  test('a deep one-sided subtree is copied whole: 100 000 frames, no recursion', () => {
    const deep = Array.from({ length: 100_000 }, (_, i) => `f${i % 7}`).join(';');
    const diff = diffFromFolded(`main 1\n`, `main;${deep} 2\n`);
    expect(diff.length).toBe(100_002);
    expect(diff.maxDepth).toBe(100_001);
    expect(diff.depth).toBeInstanceOf(Uint32Array);
    expect(diff.subtreeEnd[1]).toBe(100_002);
    expect(diff.totalB[100_001]).toBe(2);
    expect(diffStatus(diff, 100_001)).toBe('new');
  });

  test('empty-stack samples stay on the root (self of "all") on each side', () => {
    const a = new FrameTreeBuilder({ sampleTypes: [{ type: 'samples', unit: 'count' }] });
    a.addStack([], [4]);
    a.addStack([a.names.internString('x')], [6]);
    const b = new FrameTreeBuilder({ sampleTypes: [{ type: 'samples', unit: 'count' }] });
    b.addStack([b.names.internString('x')], [1]);
    const info = { format: 'pprof' as const, defaultSampleTypeIndex: 0, samples: 2, dropped: [] };
    const diff = mergeDiff(a.build(info), b.build(info));
    expect([diff.self[0], diff.total[0], diff.selfB[0], diff.totalB[0]]).toEqual([4, 10, 0, 1]);
  });

  test('a tree not in FrameTree order is refused, not merged wrongly', () => {
    const good = treeFromFolded('a 1\nb 1\n');
    const swapped: FrameTree = { ...good, nameId: Uint32Array.from([0, good.nameId[2]!, good.nameId[1]!]) };
    expect(() => mergeDiff(swapped, good)).toThrow(/not in FrameTree order/);
  });
});

describe('sample types in a diff', () => {
  function profile(types: [string, string][], stacks: [string[], number[]][]): FrameTree {
    const builder = new FrameTreeBuilder({ sampleTypes: types.map(([type, unit]) => ({ type, unit })) });
    for (const [names, values] of stacks) builder.addStack(names.map((n) => builder.names.internString(n)), values);
    return builder.build({ format: 'pprof', defaultSampleTypeIndex: types.length - 1, samples: stacks.length, dropped: [] });
  }

  test('only the types both sides have (by type and unit) are offered, all merged at once', () => {
    const baseline = profile([['samples', 'count'], ['cpu', 'nanoseconds'], ['wall', 'nanoseconds']], [[['m'], [1, 10, 100]]]);
    const comparison = profile([['cpu', 'nanoseconds'], ['samples', 'count'], ['cpu', 'milliseconds']], [[['m'], [30, 3, 9]]]);
    const diff = mergeDiff(baseline, comparison);
    expect(diff.sampleTypes.map((t) => `${t.type}/${t.unit}`)).toEqual(['samples/count', 'cpu/nanoseconds']);
    // The baseline shows wall (its default), which is not shared: the comparison's default (cpu/ms) is not
    // either, so the last shared type is chosen.
    expect(diff.sampleTypes[diff.sampleTypeIndex]!.type).toBe('cpu');
    expect([diff.total[1], diff.totalB[1], diff.baselineTotal, diff.comparisonTotal]).toEqual([10, 30, 10, 30]);
    const counts: DiffTree = withSampleType(diff, 0);
    expect([counts.total[1], counts.totalB[1], counts.baselineTotal, counts.comparisonTotal, counts.unit]).toEqual([1, 3, 1, 3, 'count']);
  });

  test('a chosen type is looked up in the shared list', () => {
    const baseline = profile([['samples', 'count'], ['cpu', 'nanoseconds']], [[['m'], [1, 10]]]);
    const comparison = profile([['samples', 'count'], ['cpu', 'nanoseconds']], [[['m'], [2, 20]]]);
    expect(mergeDiff(baseline, comparison, { sampleType: 'samples' }).totalB[1]).toBe(2);
    expect(mergeDiff(baseline, comparison, { sampleType: 'cpu/nanoseconds' }).totalB[1]).toBe(20);
    expect(() => mergeDiff(baseline, comparison, { sampleType: 'alloc_space' })).toThrow(
      'No sample type "alloc_space" is in both profiles (they share samples/count, cpu/nanoseconds).',
    );
  });

  test('profiles that share no type cannot be compared, and the message lists both sides', () => {
    const cpu = profile([['samples', 'count'], ['cpu', 'nanoseconds']], [[['m'], [1, 10]]]);
    const heap = profile([['alloc_space', 'bytes'], ['inuse_space', 'bytes']], [[['m'], [1, 1]]]);
    let error: unknown;
    try {
      mergeDiff(cpu, heap);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      kind: 'incompatible',
      message:
        'The two profiles share no sample type, so they cannot be compared: the baseline has samples/count, cpu/nanoseconds, ' +
        'the comparison has alloc_space/bytes, inuse_space/bytes.',
    });
  });
});

interface Nest {
  name: string;
  value: number;
  children: Nest[];
}

/** Stacks as a nested object for d3-hierarchy (a leaf value is the stack's own value). */
function nest(stacks: Map<string, number>): Nest {
  const root: Nest = { name: 'all', value: 0, children: [] };
  for (const [stack, value] of stacks) {
    let node = root;
    for (const name of stack.split(';')) {
      let child = node.children.find((c) => c.name === name);
      if (!child) node.children.push((child = { name, value: 0, children: [] }));
      node = child;
    }
    node.value += value;
  }
  return root;
}
