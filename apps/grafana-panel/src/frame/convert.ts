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

/**
 * Frames with more rows are refused with a message rather than converted: ten times Pyroscope's largest
 * usual max-nodes setting, and about what a browser tab converts and holds in a few hundred MB.
 */
export const MAX_ROWS = 2_000_000;

/** Converts on this thread (small frames, and the fallback when no worker can start). */
export function convertHere(columns: NestedSetColumns): ConvertResult {
  const started = performance.now();
  try {
    return finish(columns, buildNestedSetTree(columns, { maxFrames: MAX_ROWS }));
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) };
  } finally {
    measure('flamelens:convert', started);
  }
}

/** One performance entry per step (the last one only), read by `npm run bench` and the harness. */
function measure(name: string, start: number): void {
  performance.clearMeasures(name);
  performance.measure(name, { start });
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
  const started = performance.now();
  try {
    remote ??= startWorker();
    const packed = pack(columns);
    measure('flamelens:pack', started);
    const result = await remote.convert(transfer(packed, buffersOf(packed)), MAX_ROWS);
    measure('flamelens:convert', started);
    if (result.ok) performance.measure('flamelens:convert-in-worker', { start: 0, duration: result.ms });
    return result.ok ? finish(columns, treeFromWire(result.tree)) : result;
  } catch {
    workerBroken = true;
    remote = null;
    return convertHere(columns);
  }
}

/**
 * False once a worker could not be started or died at once (a Content-Security-Policy without blob: and
 * data: workers), or where there is no Worker at all: the panel then computes everything on this thread.
 */
export function workersAvailable(): boolean {
  return !workerBroken && typeof Worker !== 'undefined';
}

/**
 * Starts the worker ahead of the first large frame (panels call it when they mount, so the worker's start
 * overlaps the query instead of delaying the first paint).
 */
export function warmUpWorker(): void {
  if (remote || workerBroken || typeof Worker === 'undefined') return;
  try {
    remote = startWorker();
  } catch {
    workerBroken = true;
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

/**
 * Number columns (and enum label indices) as Float64Arrays, transferred rather than cloned; nulls become
 * NaN, which the importer reports as missing values. Plain loops: `Float64Array.from(column, fn)` calls a
 * function per row and cost ~200 ms per 100k rows here.
 */
function pack(columns: NestedSetColumns): NestedSetColumns {
  const f64 = (column: ArrayLike<number | string | null | undefined> | undefined): Float64Array | undefined => {
    if (!column) return undefined;
    const out = new Float64Array(column.length);
    for (let i = 0; i < column.length; i++) {
      const v = column[i];
      out[i] = typeof v === 'number' ? v : NaN;
    }
    return out;
  };
  const packed: Record<string, unknown> = {
    level: f64(columns.level),
    value: f64(columns.value),
    label: columns.labelEnum ? f64(columns.label) : Array.from(columns.label),
    unit: columns.unit ?? '',
  };
  if (columns.labelEnum) packed.labelEnum = [...columns.labelEnum];
  if (columns.self) packed.self = f64(columns.self);
  if (columns.valueRight) packed.valueRight = f64(columns.valueRight);
  if (columns.selfRight) packed.selfRight = f64(columns.selfRight);
  return packed as unknown as NestedSetColumns;
}

function buffersOf(columns: NestedSetColumns): ArrayBuffer[] {
  return Object.values(columns).flatMap((v) => (v instanceof Float64Array ? [v.buffer as ArrayBuffer] : []));
}
