/**
 * Grafana DataFrames (built with the real @grafana/data) into trees, the way the panel reads them:
 * Pyroscope's shape (enum labels, int64 values in ns), Profiles Drilldown's diff shape (string labels,
 * valueRight/selfRight), frames picked among a query's frames, and frames it cannot read.
 */
import { createDataFrame, FieldType, type DataFrame } from '@grafana/data';
import { describe, expect, test } from 'vitest';
import { isDiffTree, nestedSetColumns, pickNestedSetFrame, type FrameLike } from '@flamelens/core';
import { drawTree, frameAt } from '@flamelens/core/testing';
import { convertHere, convertInWorker, MAX_ROWS } from '../src/frame/convert.ts';

const asFrame = (frame: DataFrame) => frame as unknown as FrameLike;

/** As Pyroscope's treeToNestedSetDataFrame builds it: level, value, self (int64, unit), label (enum). */
function pyroscopeFrame(rows: [level: number, label: string, value: number, self: number][], unit = 'ns'): DataFrame {
  const names = [...new Set(rows.map((r) => r[1]))];
  return createDataFrame({
    name: 'response',
    meta: { preferredVisualisationType: 'flamegraph' },
    fields: [
      { name: 'level', type: FieldType.number, values: rows.map((r) => r[0]) },
      { name: 'value', type: FieldType.number, values: rows.map((r) => r[2]), config: { unit } },
      { name: 'self', type: FieldType.number, values: rows.map((r) => r[3]), config: { unit } },
      { name: 'label', type: FieldType.enum, values: rows.map((r) => names.indexOf(r[1])), config: { type: { enum: { text: names } } } },
    ],
  });
}

const profile = pyroscopeFrame([
  [0, 'total', 100, 0],
  [1, 'main', 100, 10],
  [2, 'runtime.mallocgc', 30, 30],
  [2, 'encoding/json.Marshal', 60, 45],
  [3, 'runtime.mallocgc', 15, 15],
]);

describe('Pyroscope frames', () => {
  test('enum labels resolve through config.type.enum.text; units come from the field config', () => {
    const result = convertHere(nestedSetColumns(asFrame(profile)));
    if (!result.ok) throw new Error(result.error.message);
    expect(drawTree(result.tree)).toBe(
      [
        'all 100 (0)',
        '  main 100 (10)',
        '    encoding/json.Marshal 60 (45)',
        '      runtime.mallocgc 15 (15)',
        '    runtime.mallocgc 30 (30)',
      ].join('\n'),
    );
    expect(result.tree.unit).toBe('nanoseconds');
    expect(isDiffTree(result.tree)).toBe(false);
  });

  test('without a worker (Node, or a CSP that forbids one) large frames still convert, on this thread', async () => {
    const result = await convertInWorker(nestedSetColumns(asFrame(profile)));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.tree.total[0]).toBe(100);
  });
});

describe('Profiles Drilldown diff frames', () => {
  const diff = createDataFrame({
    name: 'response',
    meta: { preferredVisualisationType: 'flamegraph' },
    fields: [
      { name: 'level', type: FieldType.number, values: [0, 1, 1] },
      { name: 'label', type: FieldType.string, values: ['total', 'gc', 'work'] },
      { name: 'self', type: FieldType.number, values: [0, 20, 80], config: { unit: 'short' } },
      { name: 'value', type: FieldType.number, values: [100, 20, 80], config: { unit: 'short' } },
      { name: 'selfRight', type: FieldType.number, values: [0, 90, 110], config: { unit: 'short' } },
      { name: 'valueRight', type: FieldType.number, values: [200, 90, 110], config: { unit: 'short' } },
    ],
  });

  test('value/self are the baseline, valueRight/selfRight the comparison', () => {
    const result = convertHere(nestedSetColumns(asFrame(diff)));
    if (!result.ok) throw new Error(result.error.message);
    const tree = result.tree;
    if (!isDiffTree(tree)) throw new Error('expected a DiffTree');
    const gc = frameAt(tree, 'gc');
    expect([tree.total[gc], tree.totalB[gc]]).toEqual([20, 90]);
    expect([tree.baselineTotal, tree.comparisonTotal]).toEqual([100, 200]);
  });
});

describe('the frame among a query’s frames', () => {
  const series = createDataFrame({
    name: 'series',
    fields: [
      { name: 'time', type: FieldType.time, values: [1, 2] },
      { name: 'value', type: FieldType.number, values: [3, 4] },
    ],
  });

  test('Explore sends a time series before the flame graph: the flame graph is picked', () => {
    expect(pickNestedSetFrame([asFrame(series), asFrame(profile)])).toBe(asFrame(profile));
  });
});

describe('frames it cannot read become messages, not exceptions', () => {
  test('a missing field, in Grafana’s words', () => {
    const noSelf = createDataFrame({ fields: profile.fields.filter((f) => f.name !== 'self') });
    expect(() => nestedSetColumns(asFrame(noSelf))).toThrow('Data is missing fields: self');
  });

  test('levels in the wrong order', () => {
    const broken = pyroscopeFrame([
      [0, 'total', 10, 0],
      [2, 'deep', 10, 10],
    ]);
    const result = convertHere(nestedSetColumns(asFrame(broken)));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/levels are out of order/);
  });
});

describe('bad input from a data source: a sentence for the panel, never a crash', () => {
  const frameOf = (fields: { name: string; type: FieldType; values: unknown[]; config?: object }[]) => asFrame(createDataFrame({ fields }));
  const errorOf = (frame: FrameLike): string => {
    try {
      const result = convertHere(nestedSetColumns(frame));
      return result.ok ? 'converted' : result.error.message;
    } catch (error) {
      return (error as Error).message;
    }
  };
  const good = { level: [0, 1], value: [10, 4], self: [6, 4], label: ['total', 'main'] };
  const fields = (changes: Partial<Record<keyof typeof good, { type: FieldType; values: unknown[]; config?: object }>>) =>
    (Object.keys(good) as (keyof typeof good)[]).map((name) => ({
      name,
      type: name === 'label' ? FieldType.string : FieldType.number,
      values: good[name] as unknown[],
      ...changes[name],
    }));

  test('a label field of numbers with no enum to name them', () => {
    expect(errorOf(frameOf(fields({ label: { type: FieldType.number, values: [0, 1] } })))).toBe('Data field "label" has type number but should be string or enum');
  });

  test('levels that are not whole numbers', () => {
    expect(errorOf(frameOf(fields({ level: { type: FieldType.number, values: [0, 'one'] } })))).toMatch(/^Row 1 of the flame graph frame has level NaN; levels are whole numbers from 0\.$/);
  });

  test('a value that is missing', () => {
    expect(errorOf(frameOf(fields({ value: { type: FieldType.number, values: [10, null] } })))).toMatch(/^Row 1 of the flame graph frame has no number in "value"/);
  });

  test('a frame with no rows says the query returned no profile', () => {
    const empty = (Object.keys(good) as (keyof typeof good)[]).map((name) => ({ name, type: name === 'label' ? FieldType.string : FieldType.number, values: [] }));
    expect(errorOf(frameOf(empty))).toMatch(/has no rows/);
  });

  test(`more than ${MAX_ROWS.toLocaleString('en-US')} rows is refused before any conversion work`, () => {
    const rows = MAX_ROWS + 1;
    const columns = { level: new Float64Array(rows), value: new Float64Array(rows), self: new Float64Array(rows), label: new Array<string>(rows).fill('x') };
    const result = convertHere(columns);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe(`The flame graph frame has ${rows} rows, more than the limit of ${MAX_ROWS}.`);
  });

  test('names are text: markup in a label stays the label, character for character', () => {
    const name = '<img src=x onerror="alert(1)"><b>bold</b> &lt';
    const result = convertHere(nestedSetColumns(frameOf(fields({ label: { type: FieldType.string, values: ['total', name] } }))));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.tree.names.get(result.tree.nameId[frameAt(result.tree, name)]!)).toBe(name);
  });
});
