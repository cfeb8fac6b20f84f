import { ProfileError } from './errors.ts';
import type { NestedSetColumns, NumberColumn } from './import-nested-set.ts';

/**
 * A data frame field as Grafana holds it (`@grafana/data`'s `Field`), read structurally so the core needs
 * no Grafana package: a Grafana `DataFrame`, a `DataFrameDTO` and the JSON of either all fit.
 */
export interface FieldLike {
  readonly name: string;
  /** Grafana `FieldType` (`number`, `string`, `enum`, …); absent in hand-written JSON (then inferred). */
  readonly type?: string;
  readonly config?: { readonly unit?: string; readonly type?: { readonly enum?: { readonly text?: readonly string[] } } } | null;
  readonly values: ArrayLike<unknown>;
}

/** A data frame as Grafana holds it (fields of equal length, optional meta). */
export interface FrameLike {
  readonly name?: string;
  readonly fields: readonly FieldLike[];
  readonly meta?: { readonly preferredVisualisationType?: string } | null;
}

/** The fields Grafana's flame graph requires, with the types it accepts (as `checkFields` does). */
const REQUIRED: readonly (readonly [string, readonly string[]])[] = [
  ['label', ['string', 'enum']],
  ['level', ['number']],
  ['value', ['number']],
  ['self', ['number']],
];

/** True when the frame has every field a flame graph needs (any types). */
export function hasNestedSetFields(frame: FrameLike): boolean {
  return REQUIRED.every(([name]) => frame.fields.some((f) => f.name === name));
}

/**
 * The frame to draw among a query's frames: the first one that says it is a flame graph
 * (`meta.preferredVisualisationType === 'flamegraph'`) and has the fields, else the first with the fields,
 * else the first that says it is a flame graph (so its missing fields can be reported), else none.
 * Pyroscope in Explore returns time-series frames next to the flame graph, so `series[0]` is not enough.
 */
export function pickNestedSetFrame<F extends FrameLike>(frames: readonly F[]): F | undefined {
  const says = (f: F) => f.meta?.preferredVisualisationType === 'flamegraph';
  return frames.find((f) => says(f) && hasNestedSetFields(f)) ?? frames.find(hasNestedSetFields) ?? frames.find(says);
}

/**
 * The nested-set columns of a frame, or a ProfileError with the message Grafana's flame graph gives
 * (`Data is missing fields: …`, `… has type X but should be …`). Extra fields (fileName, line) are ignored.
 */
export function nestedSetColumns(frame: FrameLike): NestedSetColumns {
  const byName = (name: string) => frame.fields.find((f) => f.name === name);
  const missing = REQUIRED.filter(([name]) => !byName(name)).map(([name]) => name);
  if (missing.length > 0) throw new ProfileError('unsupported-format', `Data is missing fields: ${missing.join(', ')}`);
  for (const [name, types] of REQUIRED) {
    const type = fieldType(byName(name)!);
    if (!types.includes(type)) throw new ProfileError('unsupported-format', `Data field "${name}" has type ${type} but should be ${types.join(' or ')}`);
  }
  const optional = (name: string): NumberColumn | undefined => {
    const field = byName(name);
    if (!field) return undefined;
    const type = fieldType(field);
    if (type !== 'number') throw new ProfileError('unsupported-format', `Data field "${name}" has type ${type} but should be number`);
    return numbers(field);
  };
  const label = byName('label')!;
  const labelEnum = label.config?.type?.enum?.text;
  const value = byName('value')!;
  const valueRight = optional('valueRight');
  const selfRight = optional('selfRight');
  return {
    level: numbers(byName('level')!),
    value: numbers(value),
    self: numbers(byName('self')!),
    label: label.values as ArrayLike<string | number | null>,
    ...(labelEnum ? { labelEnum } : {}),
    ...(valueRight ? { valueRight } : {}),
    ...(selfRight ? { selfRight } : {}),
    unit: value.config?.unit ?? '',
  };
}

/** A field's type as Grafana names it; for JSON without types, inferred from the first non-null value. */
function fieldType(field: FieldLike): string {
  if (field.type) {
    // numbers enumerated by an enum config are enum labels (Grafana's `enum` field type)
    if (field.type === 'number' && field.name === 'label' && field.config?.type?.enum) return 'enum';
    return field.type;
  }
  if (field.config?.type?.enum) return 'enum';
  for (let i = 0; i < field.values.length; i++) {
    const v = field.values[i];
    if (v === null || v === undefined) continue;
    return typeof v === 'number' ? 'number' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'boolean' : 'other';
  }
  return field.name === 'label' ? 'string' : 'number';
}

/** Int64 values arrive as numbers in the browser; JSON may carry them as numeric strings. */
function numbers(field: FieldLike): NumberColumn {
  const values = field.values;
  for (let i = 0; i < values.length; i++) if (typeof values[i] === 'string') return Array.from(values, (v) => (v == null ? null : Number(v)));
  return values as NumberColumn;
}

/** The DataFrameJSON shape Grafana's backend sends: schema and column-major values apart. */
interface DataFrameJson {
  readonly schema: { readonly name?: string; readonly meta?: FrameLike['meta']; readonly fields: readonly Omit<FieldLike, 'values'>[] };
  readonly data?: { readonly values?: readonly (readonly unknown[])[]; readonly enums?: readonly (readonly string[] | null)[] };
}

/**
 * Nested-set columns from JSON text: a `DataFrameDTO` (`{fields:[{name, values}]}`), a backend
 * `DataFrameJSON` (`{schema, data}`), an array of frames, or a query response (`{results:{A:{frames}}}`).
 */
export function nestedSetFromJson(text: string): NestedSetColumns {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ProfileError('corrupt', `The JSON is damaged (${error instanceof Error ? error.message : String(error)}).`);
  }
  const frames = framesOf(parsed);
  const frame = pickNestedSetFrame(frames);
  if (!frame) throw new ProfileError('unsupported-format', 'The JSON holds no Grafana data frame with flame graph fields (level, value, self, label).');
  return nestedSetColumns(frame);
}

function framesOf(json: unknown): FrameLike[] {
  if (Array.isArray(json)) return json.flatMap(framesOf);
  if (typeof json !== 'object' || json === null) return [];
  const o = json as Record<string, unknown>;
  if (Array.isArray(o.fields)) return [o as unknown as FrameLike];
  if (typeof o.schema === 'object' && o.schema !== null && Array.isArray((o.schema as DataFrameJson['schema']).fields)) {
    return [fromDataFrameJson(o as unknown as DataFrameJson)];
  }
  if (Array.isArray(o.frames)) return o.frames.flatMap(framesOf);
  if (typeof o.results === 'object' && o.results !== null) return Object.values(o.results).flatMap(framesOf);
  return [];
}

function fromDataFrameJson(json: DataFrameJson): FrameLike {
  const values = json.data?.values ?? [];
  return {
    ...(json.schema.name !== undefined ? { name: json.schema.name } : {}),
    meta: json.schema.meta ?? null,
    fields: json.schema.fields.map((field, i) => {
      const enumText = json.data?.enums?.[i];
      const config = enumText ? { ...field.config, type: { enum: { text: enumText } } } : field.config;
      return { ...field, config: config ?? null, values: values[i] ?? [] };
    }),
  };
}
