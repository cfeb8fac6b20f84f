/**
 * Grafana's flame graph frame (the "nested set": level, label, value, self, and valueRight/selfRight for a
 * diff) into a FrameTree / DiffTree, and the frame-reading rules Grafana's own panel applies.
 */
import { describe, expect, test } from 'vitest';
import {
  importNestedSet,
  importProfile,
  isDiffTree,
  nestedSetColumns,
  nestedSetFromJson,
  pickNestedSetFrame,
  toErrorInfo,
  type FrameLike,
  type NestedSetColumns,
} from '../../src/index.ts';
import { drawTree, frameAt } from '../../src/testing/index.ts';

/**
 * A frame written as a table: a header of field names, then one row per line. Numbers stay numbers;
 * `-` is a missing value.
 */
function frame(table: string, meta?: FrameLike['meta']): FrameLike {
  const [header, ...rows] = table.trim().split('\n').map((line) => line.trim().split(/\s+/));
  const fields = header!.map((name, i) => ({
    name,
    values: rows.map((r) => (r[i] === '-' ? null : name === 'label' ? r[i]! : Number(r[i]))),
  }));
  return { fields, ...(meta ? { meta } : {}) };
}

const columns = (table: string): NestedSetColumns => nestedSetColumns(frame(table));
const messageOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return toErrorInfo(error);
  }
  throw new Error('expected a failure');
};

const simple = `
  level label  value self
  0     total  10    0
  1     main   10    1
  2     parse   4    3
  3     read    1    1
  2     render  5    5
`;

describe('a single profile', () => {
  test('rows become frames under their closest earlier row one level up; the level-0 row is the root', () => {
    const tree = importNestedSet(columns(simple));
    expect(drawTree(tree)).toBe(
      ['all 10 (0)', '  main 10 (1)', '    parse 4 (3)', '      read 1 (1)', '    render 5 (5)'].join('\n'),
    );
    expect(isDiffTree(tree)).toBe(false);
    expect(tree.info).toMatchObject({ format: 'nestedset', samples: 5, maxDepth: 3, dropped: [] });
  });

  test('enum labels (Pyroscope sends indices into config.type.enum.text) give the same tree as strings', () => {
    const enumFrame: FrameLike = {
      fields: [
        { name: 'level', type: 'number', values: [0, 1, 2, 3, 2] },
        { name: 'value', type: 'number', values: [10, 10, 4, 1, 5], config: { unit: 'ns' } },
        { name: 'self', type: 'number', values: [0, 1, 3, 1, 5] },
        { name: 'label', type: 'enum', values: [0, 1, 2, 3, 4], config: { type: { enum: { text: ['total', 'main', 'parse', 'read', 'render'] } } } },
      ],
    };
    const tree = importNestedSet(nestedSetColumns(enumFrame));
    expect(drawTree(tree)).toBe(drawTree(importNestedSet(columns(simple))));
    expect(tree.unit).toBe('nanoseconds');
  });

  test('the same enum entry on many rows is one name', () => {
    const tree = importNestedSet({ level: [0, 1, 2, 1], value: [3, 2, 1, 1], label: [0, 1, 1, 2], labelEnum: ['total', 'loop', 'io'] });
    expect(drawTree(tree)).toBe(['all 3 (0)', '  io 1 (1)', '  loop 2 (1)', '    loop 1 (1)'].join('\n'));
    expect(tree.names.length).toBe(3);
  });

  test('units come from the value field config: ns, bytes, short', () => {
    expect(importNestedSet({ ...columns(simple), unit: 'bytes' }).unit).toBe('bytes');
    expect(importNestedSet({ ...columns(simple), unit: 'short' }).unit).toBe('count');
    expect(importNestedSet({ ...columns(simple), unit: 'ns' }).unit).toBe('nanoseconds');
  });

  test('equal sibling names are merged, as in every FrameTree', () => {
    const tree = importNestedSet(columns(`
      level label value self
      0     total 6     0
      1     a     2     2
      1     a     4     1
      2     b     3     3
    `));
    expect(drawTree(tree)).toBe(['all 6 (0)', '  a 6 (3)', '    b 3 (3)'].join('\n'));
  });

  test('several level-0 rows become children of the synthetic root', () => {
    const tree = importNestedSet(columns(`
      level label value self
      0     x     2     2
      0     y     3     3
    `));
    expect(drawTree(tree)).toBe(['all 5 (0)', '  x 2 (2)', '  y 3 (3)'].join('\n'));
  });
});

describe('self values', () => {
  test('totals follow "value"; a "self" column that disagrees is recomputed and reported', () => {
    const tree = importNestedSet(columns(`
      level label value self
      0     total 10    10
      1     main  10    0.00001
      2     leaf   4    4
    `));
    expect(drawTree(tree)).toBe(['all 10 (0)', '  main 10 (6)', '    leaf 4 (4)'].join('\n'));
    expect(tree.info.dropped).toEqual([{ reason: expect.stringMatching(/"self" is not their value minus their children's/), count: 2 }]);
  });

  test('a row whose children add up to more than its value keeps a negative self, reported', () => {
    const tree = importNestedSet({ level: [0, 1], value: [3, 5], label: ['total', 'big'] });
    expect(Array.from(tree.self)).toEqual([-2, 5]);
    expect(tree.total[0]).toBe(3);
    expect(tree.info.dropped).toEqual([{ reason: expect.stringMatching(/below the sum of their children/), count: 1 }]);
  });
});

describe('a diff frame (valueRight/selfRight)', () => {
  const diffTable = `
    level label  value self valueRight selfRight
    0     total  10    0    30         0
    1     main   10    2    30         6
    2     parse   8    8     0         0
    2     render  0    0    24        24
  `;

  test('value/self are the baseline, valueRight/selfRight the comparison', () => {
    const tree = importNestedSet(columns(diffTable));
    if (!isDiffTree(tree)) throw new Error('expected a DiffTree');
    const parse = frameAt(tree, 'main;parse');
    const render = frameAt(tree, 'main;render');
    expect([tree.total[parse], tree.totalB[parse]]).toEqual([8, 0]);
    expect([tree.total[render], tree.totalB[render]]).toEqual([0, 24]);
    expect([tree.self[frameAt(tree, 'main')], tree.selfB[frameAt(tree, 'main')]]).toEqual([2, 6]);
    expect([tree.baselineTotal, tree.comparisonTotal]).toEqual([10, 30]);
    expect(tree.sampleTypes).toHaveLength(1);
    expect(tree.info.dropped).toEqual([]);
  });

  test('a wrong selfRight is reported like a wrong self', () => {
    const c = columns(diffTable);
    const tree = importNestedSet({ ...c, selfRight: [0, 0, 0, 24] });
    expect(tree.info.dropped).toEqual([{ reason: expect.stringMatching(/"selfRight"/), count: 1 }]);
  });
});

describe('frames it cannot read give a sentence, not a blank', () => {
  test('missing fields, in the words of Grafana’s flame graph', () => {
    expect(messageOf(() => nestedSetColumns(frame('level label\n0 total')))).toEqual({
      kind: 'unsupported-format',
      message: 'Data is missing fields: value, self',
    });
  });

  test('a label that is a plain number field, or a value that is text', () => {
    const numberLabel: FrameLike = { fields: [...frame(simple).fields.filter((f) => f.name !== 'label'), { name: 'label', type: 'number', values: [1, 2, 3, 4, 5] }] };
    expect(messageOf(() => nestedSetColumns(numberLabel)).message).toBe('Data field "label" has type number but should be string or enum');
    const textValue: FrameLike = { fields: [...frame(simple).fields.filter((f) => f.name !== 'value'), { name: 'value', type: 'string', values: ['a', 'b', 'c', 'd', 'e'] }] };
    expect(messageOf(() => nestedSetColumns(textValue)).message).toBe('Data field "value" has type string but should be number');
  });

  test('levels out of depth-first order', () => {
    const error = messageOf(() => importNestedSet(columns('level label value self\n0 total 3 0\n2 deep 3 3')));
    expect(error.kind).toBe('corrupt');
    expect(error.message).toMatch(/levels are out of order: row 1 has level 2 right after a row at level 0/);
  });

  test('a first row that is not the root', () => {
    expect(messageOf(() => importNestedSet(columns('level label value self\n1 main 3 3'))).message).toMatch(/first row has level 1; it must be the root/);
  });

  test('a level that is not a whole number, a missing value, ragged columns', () => {
    expect(messageOf(() => importNestedSet({ level: [0, 0.5], value: [1, 1], label: ['a', 'b'] })).message).toMatch(/Row 1 .* level 0.5/);
    expect(messageOf(() => importNestedSet(columns('level label value self\n0 total - 0'))).message).toMatch(/Row 0 .* no number in "value"/);
    expect(messageOf(() => importNestedSet({ level: [0, 1], value: [1], label: ['a', 'b'] })).message).toMatch(/ragged: "value" has 1 values but "level" has 2/);
  });

  test('an empty frame says there is no data', () => {
    expect(messageOf(() => importNestedSet(columns('level label value self')))).toEqual({
      kind: 'empty',
      message: 'The flame graph frame has no rows: the query returned no profile data.',
    });
  });

  test('labels missing or outside the enum are named and counted, not dropped silently', () => {
    const tree = importNestedSet({ level: [0, 1, 1], value: [2, 1, 1], label: [0, 7, null], labelEnum: ['total'] });
    expect(tree.names.toArray().slice(1).sort()).toEqual(['(no label)', '(unknown label 7)']);
    expect(tree.info.dropped).toEqual([{ reason: expect.stringMatching(/without a readable label/), count: 2 }]);
  });
});

describe('which frame is the flame graph', () => {
  const series: FrameLike = { fields: [{ name: 'time', values: [1] }, { name: 'value', values: [2] }] };
  const flame = frame(simple, { preferredVisualisationType: 'flamegraph' });

  test('the one marked flamegraph with the fields, not blindly the first (Pyroscope in Explore sends series first)', () => {
    expect(pickNestedSetFrame([series, flame])).toBe(flame);
  });

  test('a frame with the fields when none is marked; a marked frame without them so its error can be shown', () => {
    const unmarked = frame(simple);
    expect(pickNestedSetFrame([series, unmarked])).toBe(unmarked);
    const brokenMarked: FrameLike = { fields: [{ name: 'level', values: [0] }], meta: { preferredVisualisationType: 'flamegraph' } };
    expect(pickNestedSetFrame([series, brokenMarked])).toBe(brokenMarked);
    expect(pickNestedSetFrame([series])).toBeUndefined();
  });
});

describe('JSON', () => {
  test('a backend DataFrameJSON (schema + column values + enums) and a query response wrapper', async () => {
    const json = {
      results: {
        A: {
          frames: [
            {
              schema: {
                name: 'response',
                meta: { preferredVisualisationType: 'flamegraph' },
                fields: [
                  { name: 'level', type: 'number' },
                  { name: 'value', type: 'number', config: { unit: 'bytes' } },
                  { name: 'self', type: 'number' },
                  { name: 'label', type: 'enum' },
                ],
              },
              data: { values: [[0, 1, 1], ['10', '6', '4'], [0, 6, 4], [0, 1, 2]], enums: [null, null, null, ['total', 'malloc', 'free']] },
            },
          ],
        },
      },
    };
    const result = await importProfile(new TextEncoder().encode(JSON.stringify(json)));
    if (!result.ok) throw new Error(result.error.message);
    expect(drawTree(result.tree)).toBe(['all 10 (0)', '  free 4 (4)', '  malloc 6 (6)'].join('\n'));
    expect(result.tree.unit).toBe('bytes');
  });

  test('JSON without a flame graph frame, and damaged JSON', () => {
    expect(messageOf(() => nestedSetFromJson('{"fields":[{"name":"time","values":[1]}]}')).message).toMatch(/no Grafana data frame with flame graph fields/);
    expect(messageOf(() => nestedSetFromJson('{"fields": [')).kind).toBe('corrupt');
  });
});
