/**
 * Data frames for the harness, as Grafana's data sources send them (DataFrameDTOs): the real nested-set
 * frame of the shared corpus (read at test time, never copied), a diff made from it, and large synthetic
 * Pyroscope-shaped frames (enum labels, ns unit). Totals are computed here independently of the panel.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The shared corpus (as in e2e/support/fixtures.ts; not imported from there so `npm run bench` can bundle this file). */
const CORPUS_DIR = process.env.FLAMELENS_CORPUS ?? path.resolve(import.meta.dirname, '../../../../shared/corpus');

export interface FieldDto {
  name: string;
  type?: string;
  values: unknown[];
  config?: Record<string, unknown>;
}
export interface FrameDto {
  name?: string;
  meta?: { preferredVisualisationType?: string };
  fields: FieldDto[];
}

export const CORPUS_NESTED_SET = 'nestedset/grafana-flamegraph_dataNestedSet.json';

/** The corpus frame exactly as the file holds it (no field types: the host guesses them, as toDataFrame does). */
export function corpusFrame(): FrameDto {
  return JSON.parse(readFileSync(path.join(CORPUS_DIR, CORPUS_NESTED_SET), 'utf8')) as FrameDto;
}

export const column = <T>(frame: FrameDto, name: string) => frame.fields.find((f) => f.name === name)!.values as T[];

/** Each row's value minus its children's values. */
export function selfFromValues(levels: number[], values: number[]): number[] {
  const self = [...values];
  const rowAt: number[] = [];
  levels.forEach((level, row) => {
    if (level > 0) self[rowAt[level - 1]!]! -= values[row]!;
    rowAt[level] = row;
  });
  return self;
}

/** Each row's total: its self plus its descendants' (a stack of open rows; a row closes before its parent). */
export function valuesFromSelf(levels: number[], self: number[]): number[] {
  const values = [...self];
  const open: number[] = [];
  const close = () => {
    const row = open.pop()!;
    const parent = open[open.length - 1];
    if (parent !== undefined) values[parent]! += values[row]!;
  };
  levels.forEach((level, row) => {
    while (open.length > 0 && levels[open[open.length - 1]!]! >= level) close();
    open.push(row);
  });
  while (open.length > 0) close();
  return values;
}

/** Total self value per label, heaviest first (what the top-functions table must list first). */
export function heaviestBySelf(frame: FrameDto): string {
  const labels = column<string>(frame, 'label');
  const self = selfFromValues(column(frame, 'level'), column(frame, 'value'));
  const byLabel = new Map<string, number>();
  labels.forEach((label, row) => byLabel.set(label, (byLabel.get(label) ?? 0) + self[row]!));
  return [...byLabel].sort((a, b) => b[1] - a[1])[0]![0];
}

/**
 * A diff of the corpus profile: the baseline is the corpus frame, the comparison the same profile with
 * the self values of rows whose label matches `grow` multiplied by `factor`.
 */
export function corpusDiffFrame(grow: RegExp, factor: number): FrameDto {
  const base = corpusFrame();
  const levels = column<number>(base, 'level');
  const labels = column<string>(base, 'label');
  const values = column<number>(base, 'value');
  const selfRight = selfFromValues(levels, values).map((s, row) => (grow.test(labels[row]!) ? s * factor : s));
  const valueRight = valuesFromSelf(levels, selfRight);
  return {
    name: 'response',
    meta: { preferredVisualisationType: 'flamegraph' },
    fields: [
      { name: 'level', type: 'number', values: levels },
      { name: 'label', type: 'string', values: labels },
      { name: 'self', type: 'number', values: selfFromValues(levels, values), config: { unit: 'short' } },
      { name: 'value', type: 'number', values, config: { unit: 'short' } },
      { name: 'selfRight', type: 'number', values: selfRight, config: { unit: 'short' } },
      { name: 'valueRight', type: 'number', values: valueRight, config: { unit: 'short' } },
    ],
  };
}

/** mulberry32: a small seeded generator, so a synthetic frame is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A Pyroscope-shaped frame of `rows` rows (as with a large max-nodes setting): level, value, self as
 * numbers in ns, label an enum over `names` function names, one root. Returns the frame and its total.
 */
export function syntheticPyroscopeFrame(rows: number, names = 5000, seed = 7): { frame: FrameDto; total: number } {
  const next = random(seed);
  const levels = new Array<number>(rows);
  const labels = new Array<number>(rows);
  const self = new Array<number>(rows);
  levels[0] = 0;
  labels[0] = 0;
  self[0] = 0;
  for (let row = 1; row < rows; row++) {
    const previous = levels[row - 1]!;
    // mostly go one deeper (stacks are deep), sometimes climb back up to a random ancestor level
    levels[row] = previous < 60 && next() < 0.7 ? previous + 1 : 1 + Math.floor(next() * previous);
    labels[row] = 1 + Math.floor(next() * (names - 1));
    self[row] = Math.floor(next() * 1000) * 1_000_000;
  }
  const values = valuesFromSelf(levels, self);
  const text = ['total', ...Array.from({ length: names - 1 }, (_, k) => `github.com/acme/svc${k % 97}/pkg${k % 13}.(*Handler).Method${k}`)];
  return {
    total: values[0]!,
    frame: {
      name: 'response',
      meta: { preferredVisualisationType: 'flamegraph' },
      fields: [
        { name: 'level', type: 'number', values: levels },
        { name: 'value', type: 'number', values, config: { unit: 'ns' } },
        { name: 'self', type: 'number', values: self, config: { unit: 'ns' } },
        { name: 'label', type: 'enum', values: labels, config: { type: { enum: { text } } } },
      ],
    },
  };
}
