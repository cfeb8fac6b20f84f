/**
 * The frames-by-name index: each name's frames in pre-order, built a step at a time, and the outermost
 * frames of a mask read from it — the same frames a scan of the tree finds, on small drawn trees, random
 * profiles and real ones from the corpus.
 */
import { describe, expect, test } from 'vitest';
import { framesByNameOf, indexBytes, indexFramesByName, outermostIndexed } from '../../src/analysis/frames-by-name.ts';
import { outermostFrames } from '../../src/analysis/rewrite-frames.ts';
import { importProfile } from '../../src/parse/import-profile.ts';
import { treeFromFolded } from '../../src/testing/index.ts';
import type { FrameTree } from '../../src/index.ts';
import { corpusBytes, readManifest } from '../corpus/manifest.ts';
import { randomStacks, treeOfStacks } from './stacks.ts';

/** Builds the index of `tree` to the end, counting its steps. */
function build(tree: FrameTree, stepFrames?: number) {
  const steps = indexFramesByName(tree, stepFrames);
  let yields = 0;
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return { index: r.value, yields };
    yields++;
  }
}

/** Outermost frames by the scan (a tree without an index). */
function scanned(tree: FrameTree, mask: Uint8Array): number[] {
  return Array.from(outermostFrames({ ...tree }, mask));
}

function maskOf(tree: FrameTree, ...names: string[]): Uint8Array {
  const mask = new Uint8Array(tree.names.length);
  for (let id = 1; id < tree.names.length; id++) if (names.includes(tree.names.get(id))) mask[id] = 1;
  return mask;
}

const recursive = treeFromFolded(`
  main;f;g;f;malloc 4
  main;h;f 2
  main;h;malloc 1
  main;f 3
`);

describe('frames by name', () => {
  test('each name lists its frames in pre-order; the root is in no group', () => {
    const { index } = build(recursive);
    for (let id = 0; id < recursive.names.length; id++) {
      const expected: number[] = [];
      for (let i = 1; i < recursive.length; i++) if (recursive.nameId[i] === id) expected.push(i);
      expect(Array.from(index.frames.subarray(index.start[id]!, index.start[id + 1]!))).toEqual(expected);
    }
    expect(index.start[recursive.names.length]).toBe(recursive.length - 1);
    expect(indexBytes(index)).toBe(4 * (recursive.names.length + 1) + 4 * (recursive.length - 1));
  });

  test('built a step at a time: two passes of stepFrames frames each, kept only once finished', () => {
    const tree = treeFromFolded('a;b;c 1\na;d 2\ne 3');
    expect(tree.length).toBe(6); // the root and five frames: three steps of two per pass
    const steps = indexFramesByName(tree, 2);
    for (let k = 0; k < 6; k++) {
      expect(steps.next().done).toBe(false);
      expect(framesByNameOf(tree)).toBeUndefined();
    }
    const last = steps.next();
    expect(last.done).toBe(true);
    expect(framesByNameOf(tree)).toBe(last.value);
    // a tree indexed already is not indexed again
    expect(build(tree).yields).toBe(0);
  });

  test('outermost frames of one name: recursion inside an outer frame is skipped', () => {
    const { index } = build(recursive);
    const f = maskOf(recursive, 'f');
    const found = Array.from(outermostIndexed(recursive, f, index)!);
    expect(found).toEqual(scanned(recursive, f));
    // main;f (which holds f;g;f) and main;h;f: the f under g is inside the first
    expect(found.map((i) => `${recursive.names.get(recursive.nameId[recursive.parent[i]!]!)};f`)).toEqual(['main;f', 'h;f']);
    expect(Array.from(outermostFrames(recursive, f))).toEqual(found);
  });

  test('several names merge by pre-order; an absent name finds nothing', () => {
    // a large tree of which the names asked for are a small part, so the index answers
    const lines = ['main;f;g;f;malloc 4', 'main;h;f 2', 'main;h;malloc 1', 'main;f 3'];
    for (let i = 0; i < 100; i++) lines.push(`main;other${i};deeper${i} 1`);
    const tree = treeFromFolded(lines.join('\n'));
    const { index } = build(tree);
    for (const names of [['f', 'malloc'], ['g', 'h'], ['malloc'], ['nothing'], ['h', 'f']]) {
      const mask = maskOf(tree, ...names);
      expect(outermostIndexed(tree, mask, index), names.join()).not.toBeNull();
      expect(Array.from(outermostIndexed(tree, mask, index)!)).toEqual(scanned(tree, mask));
    }
    expect(outermostIndexed(tree, maskOf(tree, 'nothing'), index)!.length).toBe(0);
  });

  test('names holding over a thirty-second of the frames: no answer from the index (a scan is cheaper)', () => {
    const { index } = build(recursive);
    expect(outermostIndexed(recursive, maskOf(recursive, 'f', 'malloc'), index)).toBeNull();
    expect(Array.from(outermostFrames(recursive, maskOf(recursive, 'f', 'malloc')))).toEqual(scanned(recursive, maskOf(recursive, 'f', 'malloc')));
    // one name reads its group whatever its size
    expect(outermostIndexed(recursive, maskOf(recursive, 'main'), index)).not.toBeNull();
  });

  test('random profiles: the index and the scan agree on every name and on pairs of names', () => {
    for (const seed of [5, 11, 99]) {
      const tree = treeOfStacks(randomStacks(seed, 300, ['a', 'b', 'c', 'd', 'e', 'f', 'g']));
      const indexed = { ...tree };
      build(indexed, 7);
      const names = tree.names.toArray().slice(1);
      for (const a of names) {
        for (const b of [a, ...names]) {
          const mask = maskOf(tree, a, b);
          expect(Array.from(outermostFrames(indexed, mask)), `${seed}: ${a}, ${b}`).toEqual(scanned(tree, mask));
        }
      }
    }
  });

  const rows = readManifest().filter((r) => /^pprof\/(go-|parca_|pyroscope_java)/.test(r.file)).slice(0, 4);
  test.each(rows.map((r) => r.file))('%s: outermost frames of every function, by the index and by a scan', async (file) => {
    const result = await importProfile(corpusBytes(file));
    if (!result.ok) throw new Error(result.error.message);
    const tree = result.tree;
    const indexed = { ...tree };
    build(indexed, 1000);
    expect(framesByNameOf(indexed)).toBeDefined();
    const mask = new Uint8Array(tree.names.length);
    for (let id = 1; id < tree.names.length; id++) {
      mask[id] = 1;
      expect(Array.from(outermostFrames(indexed, mask))).toEqual(scanned(tree, mask));
      mask[id] = 0;
    }
  });
});
