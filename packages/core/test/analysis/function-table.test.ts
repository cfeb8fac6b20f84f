import { describe, expect, test } from 'vitest';
import { functionTable, topRows } from '../../src/index.ts';
import { treeFromFolded } from '../../src/testing/index.ts';

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
