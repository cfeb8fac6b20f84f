import { describe, expect, test } from 'vitest';
import {
  diffFunctionTable,
  functionChange,
  functionDelta,
  functionRows,
  functionTable,
  importProfile,
  shareOf,
  topRows,
  type DiffTree,
  type FrameTree,
} from '../../src/index.ts';
import { treeFromFolded } from '../../src/testing/index.ts';
import { corpusBytes, readManifest } from '../corpus/manifest.ts';
import { functionFigures, stacksFromFolded, stacksFromPprof, type Stack } from './stacks.ts';

function rows(text: string) {
  const tree = treeFromFolded(text);
  const table = functionTable(tree);
  return Object.fromEntries(topRows(table).map((r) => [tree.names.get(table.nameId[r]!), [table.self[r], table.total[r]]]));
}

describe('function table', () => {
  test('self is where a function is the leaf; total counts it once per stack', () => {
    expect(rows('main;a;b 3\nmain;a 2\nmain;b 1\n')).toEqual({
      main: [0, 6],
      a: [2, 5],
      b: [4, 4],
    });
  });

  test('recursion does not double a function total', () => {
    expect(rows('main;f;g;f;g 4\nmain;f 1\n')).toEqual({ main: [0, 5], f: [1, 5], g: [4, 4] });
  });

  test('rows are ordered by self, heaviest first', () => {
    const tree = treeFromFolded('a;x 1\na;y 5\na;z 3\n');
    const table = functionTable(tree);
    expect(topRows(table, 'self', 2).map((r) => tree.names.get(table.nameId[r]!))).toEqual(['y', 'z']);
  });
});

describe('function table of every corpus file = figures computed from its stacks', () => {
  const manifest = readManifest();
  const decimalsOf = (stacks: Stack[]) => Math.max(0, ...stacks.flatMap((s) => s.values.map((v) => (String(v).split('.')[1] ?? '').length)));

  /** Compares in units of 10^-decimals, so decimal counts (folded files) compare exactly. */
  function expectSameFigures(tree: FrameTree, stacks: Stack[], column: number) {
    const scale = 10 ** decimalsOf(stacks);
    const table = functionTable(tree, tree.selfByType[column], tree.totalByType[column]);
    const actual = new Map<string, [number, number]>();
    for (let r = 0; r < table.nameId.length; r++) {
      actual.set(tree.names.get(table.nameId[r]!), [Math.round(table.self[r]! * scale), Math.round(table.total[r]! * scale)]);
    }
    const expected = new Map<string, [number, number]>();
    for (const [name, { self, total }] of functionFigures(stacks, column)) {
      if (self !== 0 || total !== 0) expected.set(name, [Math.round(self * scale), Math.round(total * scale)]);
    }
    expect(actual).toEqual(expected);
    expect(Math.round(table.whole * scale)).toBe(Math.round(stacks.reduce((s, x) => s + (x.values[column] ?? 0), 0) * scale));
  }

  for (const row of manifest.filter((r) => r.format === 'pprof')) {
    test(`pprof ${row.file}`, async () => {
      const bytes = corpusBytes(row.file);
      const result = await importProfile(bytes);
      if (!result.ok) throw new Error(result.error.message);
      const { stacks, columns } = stacksFromPprof(bytes);
      expect(result.tree.sampleTypes).toHaveLength(columns);
      for (let t = 0; t < columns; t++) expectSameFigures(result.tree, stacks, t);
    });
  }

  for (const row of manifest.filter((r) => r.format === 'collapsed' && !r.file.endsWith('.gz'))) {
    test(`folded ${row.file}`, async () => {
      const bytes = corpusBytes(row.file);
      const result = await importProfile(bytes);
      if (!result.ok) {
        expect(result.error.kind).toBe('empty'); // inferno_empty.txt
        return;
      }
      const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe;
      const stacks = stacksFromFolded(new TextDecoder(utf16 ? 'utf-16le' : 'utf-8').decode(bytes));
      for (let t = 0; t < result.tree.sampleTypes.length; t++) expectSameFigures(result.tree, stacks, t);
    });
  }
});

describe('diff function table', () => {
  // 3-column folded: baseline then comparison
  const both = treeFromFolded(`
    main;work;hash 10 30
    main;work 10 10
    main;old 20 0
    main;new 0 20
  `);
  const diff = asDiffTree(both);
  const table = diffFunctionTable(diff);
  const row = (name: string) => Array.from(table.nameId).findIndex((id) => diff.names.get(id) === name);

  test('baseline and comparison columns over the union of functions', () => {
    expect([table.whole, table.wholeB]).toEqual([40, 60]);
    expect([table.self[row('old')], table.selfB[row('old')]]).toEqual([20, 0]);
    expect([table.total[row('work')], table.totalB[row('work')]]).toEqual([20, 40]);
    expect([table.total[row('new')], table.totalB[row('new')]]).toEqual([0, 20]);
  });

  test('delta in points of each side’s whole, and the change of each row', () => {
    // work: 20/40 = 50% → 40/60 = 66.7%
    expect(functionDelta(table, row('work'))).toBeCloseTo(100 * (40 / 60 - 20 / 40), 10);
    expect(functionDelta(table, row('work'), { metric: 'absolute-delta', useSelf: false })).toBe(20);
    expect(functionChange(table, row('new'))).toBe('new');
    expect(functionChange(table, row('old'))).toBe('removed');
    expect(functionChange(table, row('hash'))).toBe('grew');
    expect(functionChange(table, row('main'))).toBe('same');
  });

  test('rows sorted by delta, filtered by change', () => {
    const names = (rows: Uint32Array) => Array.from(rows, (r) => diff.names.get(table.nameId[r]!));
    expect(names(functionRows(table, diff.names, { sortBy: 'delta' }))).toEqual(['new', 'hash', 'work', 'main', 'old']);
    expect(names(functionRows(table, diff.names, { change: 'removed' }))).toEqual(['old']);
  });
});

describe('function rows: sort and filter for the table', () => {
  const tree = treeFromFolded('main;Alpha 5\nmain;beta 3\nmain;gamma;beta 2\nmain;delta 9\n');
  const table = functionTable(tree);
  const names = (rows: Uint32Array) => Array.from(rows, (r) => tree.names.get(table.nameId[r]!));

  test('by self (default, heaviest first), by total, by name, ascending', () => {
    expect(names(functionRows(table, tree.names))).toEqual(['delta', 'Alpha', 'beta', 'gamma', 'main']);
    expect(names(functionRows(table, tree.names, { sortBy: 'total' }))).toEqual(['main', 'delta', 'Alpha', 'beta', 'gamma']);
    expect(names(functionRows(table, tree.names, { sortBy: 'name' }))).toEqual(['Alpha', 'beta', 'delta', 'gamma', 'main']);
    expect(names(functionRows(table, tree.names, { sortBy: 'total', descending: false, limit: 2 }))).toEqual(['gamma', 'Alpha']);
  });

  test('text filter is case-insensitive; /regex/ is a regex, and plain text while it is not valid yet', () => {
    expect(names(functionRows(table, tree.names, { filter: 'ALP' }))).toEqual(['Alpha']);
    expect(names(functionRows(table, tree.names, { filter: '/^.a/', sortBy: 'name' }))).toEqual(['gamma', 'main']);
    expect(names(functionRows(table, tree.names, { filter: '/^A/i' }))).toEqual(['Alpha']);
    expect(names(functionRows(table, tree.names, { filter: '/(/' }))).toEqual([]);
  });

  test('the whole is the root total, for the % columns', () => {
    expect(table.whole).toBe(19);
    expect(shareOf(table.total[Array.from(table.nameId).indexOf(tree.names.toArray().indexOf('delta'))]!, table.whole)).toBeCloseTo(9 / 19, 12);
  });
});

/** A DiffTree over a 2-column tree (the diff merge is another module; its interface is all we need). */
function asDiffTree(tree: FrameTree): DiffTree {
  const [total, totalB] = tree.totalByType as [Float64Array, Float64Array];
  const [self, selfB] = tree.selfByType as [Float64Array, Float64Array];
  return {
    ...tree,
    kind: 'diff',
    sampleTypes: [tree.sampleTypes[0]!],
    sampleTypeIndex: 0,
    total,
    self,
    totalByType: [total],
    selfByType: [self],
    totalB,
    selfB,
    baselineTotal: total[0]!,
    comparisonTotal: totalB[0]!,
  };
}
