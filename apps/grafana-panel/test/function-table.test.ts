/**
 * The top-functions table beside the graph, as data: a single profile ranks by self value; a diff ranks
 * the functions that changed most, in the metric the graph is coloured by.
 */
import { describe, expect, test } from 'vitest';
import { importNestedSet } from '@flamelens/core';
import { treeFromFolded } from '@flamelens/core/testing';
import { formatChange } from '../src/view/graph-settings.ts';
import { tableRows } from '../src/view/FunctionTable.tsx';

const plain = (v: number) => String(v);
const byTotal = { metric: 'normalized-delta', useSelf: false } as const;

describe('a single profile', () => {
  test('heaviest self first, with its share of the whole and its total counted once per stack', () => {
    const tree = treeFromFolded('main;parse;lex 2\nmain;parse 1\nmain;render 5\nmain;render;parse 2\n');
    const { header, rows } = tableRows(tree, plain, byTotal);
    expect(header).toEqual(['Function', 'Self', 'Total']);
    expect(rows.map((r) => [r.name, ...r.cells])).toEqual([
      ['render', '5 (50%)', '7'],
      ['parse', '3 (30%)', '5'],
      ['lex', '2 (20%)', '2'],
      ['main', '0 (0%)', '10'],
    ]);
  });
});

describe('a diff', () => {
  // baseline 10: a 6, b 4; comparison 20: a 6, b 10, c 4 (new)
  const tree = importNestedSet({
    level: [0, 1, 1, 1],
    label: ['total', 'a', 'b', 'c'],
    value: [10, 6, 4, 0],
    valueRight: [20, 6, 10, 4],
  });

  test('by share of the total: b gained 10 points, a lost 30, c is new; the root is not a row', () => {
    const { header, rows } = tableRows(tree, plain, byTotal);
    expect(header).toEqual(['Function', 'Baseline total', 'Comparison total', 'Change']);
    expect(rows.map((r) => [r.name, ...r.cells])).toEqual([
      ['a', '6', '6', '-30 pp'],
      ['c', '0', '4', 'new'],
      ['b', '4', '10', '+10 pp'],
    ]);
  });

  test('by absolute value, the ranking follows the metric', () => {
    const { rows } = tableRows(tree, (v) => `${v} ms`, { metric: 'absolute-delta', useSelf: true });
    expect(rows.map((r) => [r.name, r.cells[2]])).toEqual([
      ['b', '+6 ms'],
      ['c', 'new'],
      ['a', '0 ms'],
    ]);
  });
});

describe('a change in a table cell', () => {
  test('signed, short, in the metric’s unit', () => {
    expect(formatChange(1.23456, { metric: 'normalized-delta' }, plain)).toBe('+1.23 pp');
    expect(formatChange(-0.25, { metric: 'relative-change' }, plain)).toBe('-25%');
    expect(formatChange(Infinity, { metric: 'relative-change' }, plain)).toBe('new');
    expect(formatChange(-1500, { metric: 'absolute-delta' }, (v) => `${v / 1000} s`)).toBe('-1.5 s');
    expect(formatChange(0, { metric: 'normalized-delta' }, plain)).toBe('0 pp');
  });
});
