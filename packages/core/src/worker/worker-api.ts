import { functionTable, type FunctionTable } from '../analysis/function-table.ts';
import type { ProfileErrorInfo } from '../parse/errors.ts';
import type { ProfileSource } from '../parse/chunks.ts';
import { importProfile, type ImportOptions } from '../parse/import-profile.ts';
import type { ParseProgress } from '../parse/progress.ts';
import { treeToWire, type FrameTreeWire } from './wire.ts';

/** Limits a caller may pass to the worker (functions cannot cross the boundary). */
export type WorkerImportOptions = Pick<ImportOptions, 'maxDecompressedBytes' | 'maxFrames' | 'maxLineBytes'>;

/** What a parse sends back: the tree and the function table of every sample type, or an error. */
export type WireParseResult =
  | { readonly ok: true; readonly tree: FrameTreeWire; readonly functions: readonly FunctionTable[] }
  | { readonly ok: false; readonly error: ProfileErrorInfo };

/**
 * The functions the worker exposes, as plain code that also runs in-process (tests, hosts without
 * workers). `worker.ts` only exposes this with comlink and transfers the buffers.
 */
export function createWorkerApi() {
  const jobs = new Map<number, AbortController>();
  return {
    /** Parses `source`; `job` names the parse for `cancel`. */
    async parse(
      job: number,
      source: ProfileSource,
      options: WorkerImportOptions,
      onProgress?: (progress: ParseProgress) => void,
    ): Promise<WireParseResult> {
      const controller = new AbortController();
      jobs.set(job, controller);
      try {
        const result = await importProfile(source, {
          ...options,
          signal: controller.signal,
          ...(onProgress ? { onProgress } : {}),
        });
        if (!result.ok) return result;
        const functions = result.tree.sampleTypes.map((_, t) =>
          functionTable(result.tree, result.tree.selfByType[t], result.tree.totalByType[t]),
        );
        return { ok: true, tree: treeToWire(result.tree), functions };
      } finally {
        jobs.delete(job);
      }
    },

    /** Cancels parse `job` (it ends with a `cancelled` error at its next check). */
    cancel(job: number): void {
      jobs.get(job)?.abort();
    },

    /** Answers at once: the client uses it to tell a busy worker from a dead one. */
    ping(): string {
      return 'pong';
    },
  };
}

export type WorkerApi = ReturnType<typeof createWorkerApi>;
