import { functionTable, type FunctionTable } from '../analysis/function-table.ts';
import { diffFunctionTables, joinFunctionTables, type DiffFunctionTable } from '../diff/diff-functions.ts';
import { checkComparable, diffProfiles } from '../diff/diff-profiles.ts';
import type { DiffTree } from '../diff/diff-tree.ts';
import { mergeDiffWithNames, type MergeDiffOptions } from '../diff/merge-diff.ts';
import type { SampleType } from '../model/frame-tree.ts';
import { toErrorInfo, type ProfileErrorInfo } from '../parse/errors.ts';
import type { ProfileSource } from '../parse/chunks.ts';
import { importProfile, type ImportOptions } from '../parse/import-profile.ts';
import type { ParseProgress } from '../parse/progress.ts';
import { treeFromWire, treeToWire, type FrameTreeWire } from './wire.ts';

/** Limits a caller may pass to the worker (functions cannot cross the boundary). */
export type WorkerImportOptions = Pick<ImportOptions, 'maxDecompressedBytes' | 'maxFrames' | 'maxLineBytes'>;

/** What a parse sends back: the tree and the function table of every sample type, or an error. */
export type WireParseResult =
  | { readonly ok: true; readonly tree: FrameTreeWire; readonly functions: readonly FunctionTable[] }
  | { readonly ok: false; readonly error: ProfileErrorInfo };

/** One parsed side of a diff: its tree and, when known, its function tables per sample type. */
export interface WireSide {
  readonly tree: FrameTreeWire;
  readonly functions?: readonly FunctionTable[];
}

/** Which side of a diff a message is about. */
export type DiffSide = 'baseline' | 'comparison';

/** What a diff sends back: the DiffTree, its function tables per shared type, and each side's own types. */
export type WireDiffResult =
  | {
      readonly ok: true;
      readonly tree: FrameTreeWire;
      /** One table per sample type of the diff tree (the shared types). */
      readonly functions: readonly DiffFunctionTable[];
      /** All sample types of each side (the tree holds only the shared ones). */
      readonly baselineSampleTypes: readonly SampleType[];
      readonly comparisonSampleTypes: readonly SampleType[];
    }
  | { readonly ok: false; readonly error: ProfileErrorInfo };

/** Merge options that can cross the worker boundary. */
export type WorkerDiffOptions = MergeDiffOptions;

/**
 * The functions the worker exposes, as plain code that also runs in-process (tests, hosts without
 * workers). `worker.ts` only exposes this with comlink and transfers the buffers.
 */
export function createWorkerApi() {
  const jobs = new Map<number, AbortController>();
  /** Parses `source` into its tree and the function table of every sample type. */
  async function parse(
    job: number,
    source: ProfileSource,
    options: WorkerImportOptions,
    onProgress?: (progress: ParseProgress) => void,
  ): Promise<WireParseResult> {
    const controller = new AbortController();
    jobs.set(job, controller);
    try {
      const result = await importProfile(source, { ...options, signal: controller.signal, ...(onProgress ? { onProgress } : {}) });
      if (!result.ok) return result;
      const functions = result.tree.sampleTypes.map((_, t) => functionTable(result.tree, result.tree.selfByType[t], result.tree.totalByType[t]));
      return { ok: true, tree: treeToWire(result.tree), functions };
    } finally {
      jobs.delete(job);
    }
  }
  return {
    /** Parses `source`; `job` names the parse for `cancel`. With each tree go its function tables. */
    parse,

    /**
     * Merges two parsed sides (their wire forms, transferred in) into a diff; `comparison` null when the
     * baseline is a 3-column folded file. With each side's function tables (from `parse`), the diff's tables
     * are a join by name instead of two more walks over the merged tree. Errors (no shared sample type, …)
     * come back as values.
     */
    merge(baseline: WireSide, comparison: WireSide | null, options: WorkerDiffOptions = {}): WireDiffResult {
      return mergeToWire(baseline, comparison, options);
    },

    /**
     * Parses both sides here, one after the other, and merges them (the client's fallback when it has one
     * worker only). `comparison` null: the baseline is a 3-column folded file.
     */
    async diff(
      job: number,
      baseline: ProfileSource,
      comparison: ProfileSource | null,
      options: WorkerImportOptions & WorkerDiffOptions,
      onProgress?: (progress: ParseProgress, side: DiffSide) => void,
    ): Promise<WireDiffResult> {
      const sides: WireSide[] = [];
      for (const [source, side] of [[baseline, 'baseline'], [comparison, 'comparison']] as const) {
        if (source === null) continue;
        const parsed = await parse(job, source, options, onProgress ? (p) => onProgress(p, side) : undefined);
        if (!parsed.ok) return { ok: false, error: { ...parsed.error, message: `${sideName(side, options)}: ${parsed.error.message}` } };
        sides.push(parsed);
      }
      return mergeToWire(sides[0]!, sides[1] ?? null, options);
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

function mergeToWire(baseline: WireSide, comparison: WireSide | null, options: WorkerDiffOptions): WireDiffResult {
  try {
    const a = treeFromWire(baseline.tree);
    const b = comparison ? treeFromWire(comparison.tree) : null;
    let tree: DiffTree;
    let functions: DiffFunctionTable[];
    if (b && baseline.functions && comparison?.functions) {
      checkComparable(a, b);
      const merged = mergeDiffWithNames(a, b, options);
      tree = merged.tree;
      const { fromBaseline, fromComparison } = merged.names;
      functions = merged.shared.map((s) =>
        joinFunctionTables(baseline.functions![s.baselineIndex]!, comparison.functions![s.comparisonIndex]!, fromBaseline, fromComparison, tree.names.length),
      );
    } else {
      tree = diffProfiles(a, b, options);
      functions = diffFunctionTables(tree);
    }
    return {
      ok: true,
      tree: treeToWire(tree),
      functions,
      baselineSampleTypes: a.sampleTypes,
      comparisonSampleTypes: b ? b.sampleTypes : a.sampleTypes,
    };
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) };
  }
}

/** "The baseline (base.pb.gz)": which file an error is about. */
export function sideName(side: DiffSide, options: WorkerDiffOptions): string {
  const name = side === 'baseline' ? options.baselineName : options.comparisonName;
  return `The ${side}${name ? ` (${name})` : ''}`;
}
