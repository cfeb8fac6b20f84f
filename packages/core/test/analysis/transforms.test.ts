/**
 * Transforms on text fixtures, with the trees drawn before and after, then every transform against the
 * obvious model on random stacks: rewrite each stack, build the tree with FrameTreeBuilder, compare.
 */
import { describe, expect, test } from 'vitest';
import { applyTransform, applyTransforms, describeTransform, isDiffTree, moduleOfName, type DiffTree, type FrameTree, type Transform } from '../../src/index.ts';
import { drawTree, treeFromFolded } from '../../src/testing/index.ts';
import { drawColumns, randomStacks, rewrite, rewriteStacks, treeOfStacks, type Stack } from './stacks.ts';

/** A drawing written indented in the test, as drawTree prints it. */
function drawing(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const indent = Math.min(...lines.map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

const apply = (tree: FrameTree, t: Transform) => drawTree(applyTransform(tree, t).tree);

const profile = treeFromFolded(`
  main;parse;lock;read 3
  main;parse;lock 1
  main;parse;read 2
  main;render;lock 4
  main;render 5
`);

test('the fixture profile', () => {
  expect(drawTree(profile)).toBe(
    drawing(`
      all 15 (0)
        main 15 (0)
          parse 6 (0)
            lock 4 (1)
              read 3 (3)
            read 2 (2)
          render 9 (5)
            lock 4 (4)
    `),
  );
});

describe('transforms on a drawn profile', () => {
  test('hide: the frame vanishes, its self goes to the caller, its callees merge into the caller’s', () => {
    expect(apply(profile, { kind: 'hide', match: { name: 'lock' } })).toBe(
      drawing(`
        all 15 (0)
          main 15 (0)
            parse 6 (1)
              read 5 (5)
            render 9 (9)
      `),
    );
  });

  test('drop: stacks through the function are removed', () => {
    expect(apply(profile, { kind: 'drop', match: { name: 'lock' } })).toBe(
      drawing(`
        all 7 (0)
          main 7 (0)
            parse 2 (0)
              read 2 (2)
            render 5 (5)
      `),
    );
  });

  test('focus: stacks through the function, rooted at it, every call merged', () => {
    expect(apply(profile, { kind: 'focus', match: { name: 'lock' } })).toBe(
      drawing(`
        all 8 (0)
          lock 8 (5)
            read 3 (3)
      `),
    );
  });

  test('keep: stacks that contain the function, left where they are', () => {
    expect(apply(profile, { kind: 'keep', match: { name: 'read' } })).toBe(
      drawing(`
        all 5 (0)
          main 5 (0)
            parse 5 (0)
              lock 3 (0)
                read 3 (3)
              read 2 (2)
      `),
    );
  });

  test('a regex matches by name, unanchored; ignoreCase is offered', () => {
    expect(apply(profile, { kind: 'drop', match: { regex: 'ea' } })).toBe(apply(profile, { kind: 'drop', match: { name: 'read' } }));
    expect(applyTransform(profile, { kind: 'drop', match: { regex: 'LOCK', ignoreCase: true } }).matchedFrames).toBe(2);
  });

  test('merge recursion, direct and through other frames', () => {
    const recursive = treeFromFolded(`
      main;f;f;f;g 2
      main;f;g;f;h 3
      main;f;g 1
    `);
    expect(apply(recursive, { kind: 'merge-recursion', direct: true })).toBe(
      drawing(`
        all 6 (0)
          main 6 (0)
            f 6 (0)
              g 6 (3)
                f 3 (0)
                  h 3 (3)
            `),
    );
    expect(apply(recursive, { kind: 'merge-recursion' })).toBe(
      drawing(`
        all 6 (0)
          main 6 (0)
            f 6 (0)
              g 3 (3)
              h 3 (3)
      `),
    );
    // only the named function merges
    expect(apply(recursive, { kind: 'merge-recursion', match: { name: 'g' } })).toBe(drawTree(recursive));
  });

  test('collapse a module: each run of its frames becomes one frame named after it', () => {
    const go = treeFromFolded(`
      main.main;runtime.mallocgc;runtime.(*mcache).nextFree;runtime.(*mcentral).grow 4
      main.main;runtime.mallocgc 2
      main.main;main.work;runtime.memmove 1
      runtime.gcBgMarkWorker;runtime.gcDrain 3
    `);
    expect(apply(go, { kind: 'collapse-module', module: 'runtime' })).toBe(
      drawing(`
        all 10 (0)
          main.main 7 (0)
            main.work 1 (0)
              runtime 1 (1)
            runtime 6 (6)
          runtime 3 (3)
      `),
    );
  });

  test('presets hide runtime noise and say what they matched', () => {
    const go = treeFromFolded(`
      runtime.main;main.main;main.alloc;runtime.mallocgc 5
      runtime.goexit;runtime.gcBgMarkWorker 2
    `);
    const result = applyTransform(go, { kind: 'hide', match: { preset: 'go-runtime' } });
    expect(result.matchedFrames).toBe(4);
    expect(drawTree(result.tree)).toBe(
      drawing(`
        all 7 (2)
          main.main 5 (0)
            main.alloc 5 (5)
      `),
    );
  });

  test('transforms stack, in order', () => {
    const result = applyTransforms(profile, [
      { kind: 'focus', match: { name: 'parse' } },
      { kind: 'hide', match: { name: 'lock' } },
    ]);
    if (!result.ok) throw new Error(result.error.message);
    expect(drawTree(result.tree)).toBe(
      drawing(`
        all 6 (0)
          parse 6 (1)
            read 5 (5)
      `),
    );
    expect(result.applied.map((a) => a.matchedFrames)).toEqual([1, 1]);
  });

  test('a transform that matches nothing leaves the tree as it is (no copy); focus then leaves nothing', () => {
    expect(applyTransform(profile, { kind: 'hide', match: { name: 'nope' } }).tree).toBe(profile);
    expect(apply(profile, { kind: 'focus', match: { name: 'nope' } })).toBe('all 0 (0)');
  });

  test('bad transforms come back as values, not exceptions', () => {
    const bad = applyTransforms(profile, [{ kind: 'hide', match: { regex: '(' } }]);
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid-transform' } });
    expect(!bad.ok && bad.error.message).toMatch(/not a valid regular expression/);
    expect(applyTransforms(profile, [{ kind: 'hide', match: { preset: 'nope' as never } }])).toMatchObject({ ok: false, error: { kind: 'invalid-transform' } });
    expect(applyTransforms(profile, [{ kind: 'shuffle' } as never])).toMatchObject({ ok: false, error: { kind: 'invalid-transform' } });
  });

  test('labels for chips', () => {
    expect(describeTransform({ kind: 'focus', match: { name: 'main.work' } })).toBe('Focus on main.work');
    expect(describeTransform({ kind: 'hide', match: { preset: 'go-runtime' } })).toBe('Hide Go runtime');
    expect(describeTransform({ kind: 'drop', match: { regex: '^gc', ignoreCase: true } })).toBe('Drop stacks with /^gc/i');
    expect(describeTransform({ kind: 'merge-recursion', direct: true })).toBe('Merge direct recursion');
  });
});

describe('every transform equals the obvious rewrite of each stack', () => {
  const alphabets = {
    'few names (much recursion)': ['a', 'b', 'c'],
    'more names': ['p.a', 'p.b', 'q.c', 'q.d', 'r.e', 'f', 'g', 'h'],
  };
  const seeds = [1, 7, 42, 1234, 99991];

  const compare = (stacks: Stack[], transform: Transform, reference: (frames: readonly string[]) => readonly string[] | null) => {
    const actual = applyTransform(treeOfStacks(stacks), transform).tree;
    expect(drawColumns(actual), JSON.stringify(transform)).toBe(drawColumns(treeOfStacks(rewriteStacks(stacks, reference), 2)));
  };

  for (const [label, alphabet] of Object.entries(alphabets)) {
    for (const seed of seeds) {
      const stacks = randomStacks(seed, 60, alphabet);
      const target = alphabet[seed % alphabet.length]!;
      const is = (name: string) => name === target;
      test(`${label}, seed ${seed}, function ${target}`, () => {
        compare(stacks, { kind: 'hide', match: { name: target } }, (f) => rewrite.hide(f, is));
        compare(stacks, { kind: 'drop', match: { name: target } }, (f) => rewrite.drop(f, is));
        compare(stacks, { kind: 'keep', match: { name: target } }, (f) => rewrite.keep(f, is));
        compare(stacks, { kind: 'focus', match: { name: target } }, (f) => rewrite.focus(f, is));
        compare(stacks, { kind: 'merge-recursion', direct: true }, (f) => rewrite.mergeDirect(f, () => true));
        compare(stacks, { kind: 'merge-recursion' }, (f) => rewrite.mergeRecursion(f, () => true));
        compare(stacks, { kind: 'merge-recursion', match: { name: target } }, (f) => rewrite.mergeRecursion(f, is));
        compare(stacks, { kind: 'merge-recursion', match: { name: target }, direct: true }, (f) => rewrite.mergeDirect(f, is));
        compare(stacks, { kind: 'hide', match: { regex: '^[pq]\\.' } }, (f) => rewrite.hide(f, (n) => /^[pq]\./.test(n)));
        for (const module of ['p', 'q']) {
          compare(stacks, { kind: 'collapse-module', module }, (f) => rewrite.collapse(f, moduleOfName, module));
        }
      });
    }
  }

  test('transforms conserve the total where they say so', () => {
    const stacks = randomStacks(5, 200, alphabets['more names']);
    const tree = treeOfStacks(stacks);
    for (const t of [
      { kind: 'hide', match: { name: 'f' } },
      { kind: 'merge-recursion' },
      { kind: 'merge-recursion', direct: true },
      { kind: 'collapse-module', module: 'p' },
    ] as Transform[]) {
      const out = applyTransform(tree, t).tree;
      expect(out.totalByType.map((c) => c[0])).toEqual(tree.totalByType.map((c) => c[0]));
    }
  });
});

describe('diff trees', () => {
  test('a transform keeps a DiffTree a DiffTree, both sides transformed alike, shares of what is left', () => {
    const two = treeOfStacks(randomStacks(77, 120, ['a', 'b', 'c', 'd']));
    const [total, totalB] = two.totalByType as [Float64Array, Float64Array];
    const [self, selfB] = two.selfByType as [Float64Array, Float64Array];
    const diff: DiffTree = {
      ...two,
      kind: 'diff',
      sampleTypes: [two.sampleTypes[0]!],
      sampleTypeIndex: 0,
      total,
      self,
      totalByType: [total],
      selfByType: [self],
      totalB,
      selfB,
      baselineTotal: total[0]!,
      comparisonTotal: totalB[0]!,
      baselineName: 'before',
      baselineInfo: { ...two.info, period: { value: 10, type: 'cpu', unit: 'milliseconds' } },
    };
    for (const t of [
      { kind: 'drop', match: { name: 'b' } },
      { kind: 'focus', match: { name: 'c' } },
      { kind: 'merge-recursion' },
    ] as Transform[]) {
      const out = applyTransform(diff, t).tree as DiffTree;
      const plain = applyTransform(two, t).tree;
      expect(isDiffTree(out)).toBe(true);
      expect(Array.from(out.total)).toEqual(Array.from(plain.totalByType[0]!));
      expect(Array.from(out.selfB)).toEqual(Array.from(plain.selfByType[1]!));
      expect([out.baselineTotal, out.comparisonTotal]).toEqual([plain.totalByType[0]![0], plain.totalByType[1]![0]]);
      expect(out.baselineName).toBe('before');
      expect(out.baselineInfo).toBe(diff.baselineInfo); // the noise test reads its period
    }
  });
});
