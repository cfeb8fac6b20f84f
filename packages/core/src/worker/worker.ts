/**
 * The Web Worker entry: a doorway with no logic. It exposes the core's worker API with comlink,
 * transfers result buffers instead of copying them (the API has already copied what the worker keeps),
 * and releases the progress callback's port.
 */
import { expose, releaseProxy, transfer } from 'comlink';
import { createWorkerApi } from './worker-api.ts';
import { transferablesOf } from './wire.ts';

const api = createWorkerApi({ recycleMemory: true, idleWork: true });

/** Runs an API call and transfers every buffer of its result; releases a progress callback's port. */
async function transferred<R>(call: Promise<R> | R, onProgress?: unknown): Promise<R> {
  try {
    const result = await call;
    return transfer(result, transferablesOf(result));
  } finally {
    (onProgress as { [releaseProxy]?: () => void } | undefined)?.[releaseProxy]?.();
  }
}

expose({
  ...api,
  parse: (...args: Parameters<typeof api.parse>) => transferred(api.parse(...args), args[3]),
  merge: (...args: Parameters<typeof api.merge>) => transferred(api.merge(...args)),
  diff: (...args: Parameters<typeof api.diff>) => transferred(api.diff(...args), args[4]),
  view: (...args: Parameters<typeof api.view>) => transferred(api.view(...args)),
  functionTables: (...args: Parameters<typeof api.functionTables>) => transferred(api.functionTables(...args)),
  sandwich: (...args: Parameters<typeof api.sandwich>) => transferred(api.sandwich(...args)),
});
