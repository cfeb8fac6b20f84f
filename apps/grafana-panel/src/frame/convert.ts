import { wrap, transfer, type Remote } from 'comlink';
import {
  buildNestedSetTree,
  diffTreeFromSides,
  toErrorInfo,
  treeFromWire,
  type FrameTree,
  type NestedSetColumns,
  type NumberColumn,
  type ProfileErrorInfo,
} from '@flamelens/core';
import type { ConvertApi } from '../worker/convert-worker.ts';
import ConvertWorker from '../worker/convert-worker.ts?worker&inline';

/** A conversion either gives a tree (a DiffTree for diff frames) or says why it could not. */
export type ConvertResult = { readonly ok: true; readonly tree: FrameTree } | { readonly ok: false; readonly error: ProfileErrorInfo };

/**
 * Frames with at least this many rows are converted in the worker. Below it, the round trip (copying the
 * columns, starting the worker once) costs more than converting here (~2 ms per 10k rows measured here).
 */
export const WORKER_MIN_ROWS = 20_000;

/** Converts on this thread (small frames, and the fallback when no worker can start). */
export function convertHere(columns: NestedSetColumns): ConvertResult {
  try {
    return finish(columns, buildNestedSetTree(columns));
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) };
  }
}

/** One worker for every Flamelens panel of the page, started on first use. */
let remote: Remote<ConvertApi> | null = null;
let workerBroken = false;

/**
 * Converts in the worker: number columns go over as transferred Float64Arrays. A worker that cannot start
 * (a Content-Security-Policy without blob: and data: workers) or dies falls back to this thread.
 */
export async function convertInWorker(columns: NestedSetColumns): Promise<ConvertResult> {
  if (workerBroken) return convertHere(columns);
  try {
    remote ??= startWorker();
    const packed = pack(columns);
    const result = await remote.convert(transfer(packed, buffersOf(packed)));
    return result.ok ? finish(columns, treeFromWire(result.tree)) : result;
  } catch {
    workerBroken = true;
    remote = null;
    return convertHere(columns);
  }
}

function startWorker(): Remote<ConvertApi> {
  const worker = new ConvertWorker({ name: 'flamelens-grafana-convert' });
  worker.addEventListener('error', () => {
    workerBroken = true;
    remote = null;
    worker.terminate();
  });
  return wrap<ConvertApi>(worker);
}

const finish = (columns: NestedSetColumns, tree: FrameTree): ConvertResult => ({ ok: true, tree: columns.valueRight ? diffTreeFromSides(tree) : tree });

/** Number columns as Float64Arrays (nulls become NaN, which the importer reports as missing values). */
function pack(columns: NestedSetColumns): NestedSetColumns {
  const f64 = (c: NumberColumn | undefined) => (c ? Float64Array.from(c as ArrayLike<number>, (v) => (v == null ? NaN : v)) : undefined);
  const numbers = {
    level: f64(columns.level)!,
    value: f64(columns.value)!,
    self: f64(columns.self),
    valueRight: f64(columns.valueRight),
    selfRight: f64(columns.selfRight),
  };
  return Object.assign(
    { label: Array.from(columns.label), ...(columns.labelEnum ? { labelEnum: [...columns.labelEnum] } : {}), unit: columns.unit ?? '' },
    ...Object.entries(numbers).filter(([, v]) => v).map(([k, v]) => ({ [k]: v })),
  ) as NestedSetColumns;
}

function buffersOf(columns: NestedSetColumns): ArrayBuffer[] {
  return Object.values(columns).flatMap((v) => (v instanceof Float64Array ? [v.buffer as ArrayBuffer] : []));
}
