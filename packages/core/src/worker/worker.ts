/**
 * The Web Worker entry: a doorway with no logic. It exposes the core's worker API with comlink,
 * transfers result buffers instead of copying them, and releases the progress callback's port.
 */
import { expose, releaseProxy, transfer } from 'comlink';
import { createWorkerApi } from './worker-api.ts';
import { transferablesOf } from './wire.ts';

const api = createWorkerApi();

expose({
  ...api,
  async parse(...args: Parameters<typeof api.parse>) {
    const onProgress = args[3] as (((...a: unknown[]) => void) & { [releaseProxy]?: () => void }) | undefined;
    try {
      const result = await api.parse(...args);
      return transfer(result, transferablesOf(result));
    } finally {
      onProgress?.[releaseProxy]?.();
    }
  },
});
