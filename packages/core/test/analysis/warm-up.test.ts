/**
 * The rehearsed sandwich: which function it picks (its outermost subtrees near the share of frames
 * asked for, 64 frames at least), and that computing and dropping it leaves the tree as it was.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { BufferPool, useBufferPool } from '../../src/analysis/buffer-pool.ts';
import { indexFramesByName, type FramesByName } from '../../src/analysis/frames-by-name.ts';
import { sandwich } from '../../src/analysis/sandwich.ts';
import { rehearsalName, rehearseSandwich } from '../../src/analysis/warm-up.ts';
import { drawTree, treeFromFolded } from '../../src/testing/index.ts';
import type { FrameTree } from '../../src/index.ts';

function indexed(tree: FrameTree): FramesByName {
  const steps = indexFramesByName(tree);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** `wide` one-frame functions under main, and `hot` stacks main;h<k>;spread;z. */
function profile(wide: number, hot: number): FrameTree {
  const lines: string[] = [];
  for (let i = 0; i < wide; i++) lines.push(`main;w${i} 1`);
  for (let k = 0; k < hot; k++) lines.push(`main;h${k};spread;z 2`);
  return treeFromFolded(lines.join('\n'));
}

afterEach(() => useBufferPool(null));

describe('rehearsal', () => {
  test('picks the function whose outermost subtrees hold nearest the share of frames asked for', () => {
    const tree = profile(100, 100); // 1 + 1 + 100 + 300 frames
    const index = indexed(tree);
    const name = (share: number) => tree.names.get(rehearsalName(tree, index, share));
    // spread: 100 frames, 200 under them; z: 100 frames, 100 under them
    expect(name(200 / tree.length)).toBe('spread');
    expect(name(100 / tree.length)).toBe('z');
    // none within a factor of four of 1000 frames; nothing of 64+ frames fits under 50
    expect(rehearsalName(tree, index, 1000 / tree.length)).toBe(-1);
    expect(rehearsalName(tree, index, 50 / tree.length)).toBe(-1);
  });

  test('a function of under 64 frames is never picked', () => {
    const tree = profile(100, 63);
    expect(rehearsalName(tree, indexed(tree), 100 / tree.length)).toBe(-1);
  });

  test('rehearsing computes and drops a preview sandwich; the tree and its next sandwiches stay the same', () => {
    const tree = profile(12_000, 180); // 12.5 k frames, 1/64 of them ~196: spread and z fit: columns over the pool's 32 KiB floor
    const index = indexed(tree);
    const before = drawTree(tree);
    const expected = sandwich(tree, 'spread');
    useBufferPool(new BufferPool(2 ** 30));
    expect(rehearseSandwich(tree, index, [tree])).toBe(true);
    // sandwiches written into what the rehearsal gave back
    const again = sandwich(tree, 'spread');
    expect(drawTree(again.callers)).toBe(drawTree(expected.callers));
    expect(drawTree(again.callees)).toBe(drawTree(expected.callees));
    expect(drawTree(tree)).toBe(before);
    const tiny = treeFromFolded('a;b 1');
    expect(rehearseSandwich(tiny, indexed(tiny), [tiny])).toBe(false);
  });
});
