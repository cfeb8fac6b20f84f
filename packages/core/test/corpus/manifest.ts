/** Reads ../shared/corpus/MANIFEST.tsv: ground-truth figures computed by an independent script. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Folder of the shared corpus (test inputs only: never copied into the product). */
export const CORPUS_DIR =
  process.env.FLAMELENS_CORPUS ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/corpus');

export interface ManifestRow {
  file: string;
  format: string;
  sampleTypes: string[];
  valueSums: number[];
  lines: number | null;
  totals: string[];
  framesDistinct: number | null;
  stacksDistinct: number | null;
  maxDepth: number | null;
  details: Record<string, unknown>;
  note: string;
}

const num = (s: string | undefined): number | null => (s === undefined || s === '' ? null : Number(s));

/** Every row of the manifest. */
export function readManifest(): ManifestRow[] {
  const text = readFileSync(path.join(CORPUS_DIR, 'MANIFEST.tsv'), 'utf8');
  const [header, ...rows] = text.trimEnd().split('\n');
  const columns = header!.split('\t');
  return rows.map((line) => {
    const cells = line.split('\t');
    const get = (name: string) => cells[columns.indexOf(name)];
    return {
      file: get('file')!,
      format: get('format')!,
      sampleTypes: get('sample_types') ? get('sample_types')!.split(',') : [],
      valueSums: get('value_sums') ? get('value_sums')!.split(',').map(Number) : [],
      lines: num(get('lines')),
      totals: get('total') ? get('total')!.split(',') : [],
      framesDistinct: num(get('frames_distinct')),
      stacksDistinct: num(get('stacks_distinct')),
      maxDepth: num(get('max_depth')),
      details: get('details_json') ? (JSON.parse(get('details_json')!) as Record<string, unknown>) : {},
      note: get('note') ?? '',
    };
  });
}

/** The bytes of a corpus file. */
export function corpusBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(CORPUS_DIR, file)));
}
