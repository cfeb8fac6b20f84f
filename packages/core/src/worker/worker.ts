/**
 * The Web Worker entry: a doorway with no logic. It exposes the core's worker API with comlink,
 * transfers result buffers instead of copying them (the API has already copied what the worker keeps),
 * and releases the progress callback's port.
 */
import { expose, releaseProxy, transfer } from 'comlink';
import { createWorkerApi } from './worker-api.ts';
import { transferablesOf } from './wire.ts';

const api = createWorkerApi({ recycleMemory: true });

const moved = <T>(result: T): T => transfer(result, transferablesOf(result));

expose({
  ...api,
  async parse(...args: Parameters<typeof api.parse>) {
    const onProgress = args[3] as (((...a: unknown[]) => void) & { [releaseProxy]?: () => void }) | undefined;
    try {
      return moved(await api.parse(...args));
    } finally {
      onProgress?.[releaseProxy]?.();
    }
  },
  view: (...args: Parameters<typeof api.view>) => moved(api.view(...args)),
  functionTables: (...args: Parameters<typeof api.functionTables>) => moved(api.functionTables(...args)),
  sandwich: (...args: Parameters<typeof api.sandwich>) => moved(api.sandwich(...args)),
});
