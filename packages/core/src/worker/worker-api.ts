import { BufferPool, recycleBuffer, useBufferPool } from '../analysis/buffer-pool.ts';
import { toAnalysisError, type AnalysisErrorInfo } from '../analysis/errors.ts';
import { diffFunctionTable, functionTables, type DiffFunctionTable, type FunctionTable } from '../analysis/function-table.ts';
import { framesByNameOf, indexBytes, indexFramesByName } from '../analysis/frames-by-name.ts';
import { prepareInversion } from '../analysis/invert.ts';
import { nameRanks } from '../analysis/name-order.ts';
import { sandwich } from '../analysis/sandwich.ts';
import { rehearseSandwich } from '../analysis/warm-up.ts';
import type { AppliedTransform } from '../analysis/transforms.ts';
import { computePreview, computeView, previewBase, viewKey, type ViewSpec } from '../analysis/view.ts';
import { leftNothingOut, PREVIEW_SHARE, pruneRequest } from '../analysis/tree-writer.ts';
import { diffFunctionTables, joinFunctionTables } from '../diff/diff-functions.ts';
import { checkComparable, diffProfiles } from '../diff/diff-profiles.ts';
import { isDiffTree, type DiffTree } from '../diff/diff-tree.ts';
import { mergeDiffWithNames, type MergeDiffOptions } from '../diff/merge-diff.ts';
import type { FrameTree, SampleType } from '../model/frame-tree.ts';
import { toErrorInfo, type ProfileErrorInfo } from '../parse/errors.ts';
import type { ProfileSource } from '../parse/chunks.ts';
import { importProfile, type ImportOptions } from '../parse/import-profile.ts';
import type { ParseProgress } from '../parse/progress.ts';
import { anyTreeFromWire, anyTreeToWire, type AnyTreeWire } from './analysis-wire.ts';
import { IdleWork } from './idle-work.ts';
import { TreeStore, type ProfileHandle } from './tree-store.ts';
import { treeFromWire, treeToWire, type FrameTreeWire } from './wire.ts';

/** Limits a caller may pass to the worker (functions cannot cross the boundary). */
export type WorkerImportOptions = Pick<ImportOptions, 'maxDecompressedBytes' | 'maxFrames' | 'maxLineBytes' | 'sizeHint'> & {
  /** Keep the parsed tree in the worker under this handle, for analyses (views, sandwiches). */
  readonly retainAs?: ProfileHandle;
};

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
 * Where a request's time went in the worker, for diagnostics and the bench: computing (views, tables,
 * sandwiches) and copying what the worker keeps for the page.
 */
export interface WorkerTiming {
  readonly computeMs: number;
  readonly copyMs: number;
}

/** A view as it crosses the boundary: the tree, its function tables, and what each transform matched. */
export type WireViewResult =
  | {
      readonly ok: true;
      readonly tree: AnyTreeWire;
      readonly functions: readonly FunctionTable[];
      readonly applied: readonly AppliedTransform[];
      readonly timing: WorkerTiming;
      /** False for a preview: frames under PREVIEW_SHARE of the whole left out, and no tables. */
      readonly exact: boolean;
    }
  | { readonly ok: false; readonly error: AnalysisErrorInfo };

/** Function tables as they cross the boundary. */
export type WireTablesResult = { readonly ok: true; readonly functions: readonly FunctionTable[] } | { readonly ok: false; readonly error: AnalysisErrorInfo };

/** A sandwich as it crosses the boundary. */
export type WireSandwichResult =
  | {
      readonly ok: true;
      readonly nameId: number;
      readonly callers: AnyTreeWire;
      readonly callees: AnyTreeWire;
      readonly timing: WorkerTiming;
      /** False for a preview (both halves pruned, see WireViewResult). */
      readonly exact: boolean;
    }
  | { readonly ok: false; readonly error: AnalysisErrorInfo };

/**
 * Views and sandwiches of trees smaller than this are always computed exactly: that takes well under a
 * tenth of a second, so a preview would only add a second answer.
 */
export const PREVIEW_FROM_FRAMES = 200_000;

/** Options of the worker API (tests shrink the store). */
export interface WorkerApiOptions {
  readonly storeBytes?: number;
  /**
   * Recycle the memory of replaced views (see buffer-pool.ts). Only where every tree that leaves the API
   * is a copy or a transfer: the Web Worker (worker.ts). In-process, adopted trees are the page's own.
   */
  readonly recycleMemory?: boolean;
  /**
   * Prepare held trees in idle time (see `indexWhenIdle`): in the Web Worker (worker.ts). In-process, that
   * time would be the page's own, and the rehearsal a long task on it.
   */
  readonly idleWork?: boolean;
  /** With `idleWork`, held trees of this many frames or more are indexed by name (tests lower it). */
  readonly indexFromFrames?: number;
}

/**
 * Below this many frames, finding a function's frames by scanning the tree takes a couple of
 * milliseconds: not worth an index of 4 bytes per frame.
 */
export const INDEX_FROM_FRAMES = 200_000;

/** Memory kept for reuse by a worker that recycles: room for the columns of one s1m-sized view or so. */
const POOL_BYTES = 512 * 2 ** 20;

/**
 * The functions the worker exposes, as plain code that also runs in-process (tests, hosts without
 * workers). `worker.ts` only exposes this with comlink and transfers the buffers.
 */
export function createWorkerApi(options: WorkerApiOptions = {}) {
  const jobs = new Map<number, AbortController>();
  const store = new TreeStore(options.storeBytes);
  const pool = options.recycleMemory ? new BufferPool(POOL_BYTES) : null;
  if (pool) useBufferPool(pool);
  const idle = new IdleWork();
  const indexFrom = options.indexFromFrames ?? INDEX_FROM_FRAMES;
  let rehearsed = false;
  /** Keeps `tree` under `handle`, and indexes it by name when idle. */
  const hold = (handle: ProfileHandle, tree: FrameTree) => {
    store.put(handle, tree);
    indexWhenIdle(tree);
  };
  /** Keeps a view, and indexes it by name when idle. */
  const keepView = (handle: ProfileHandle, spec: ViewSpec, result: Parameters<TreeStore['keepView']>[2]) => {
    store.keepView(handle, spec, result);
    indexWhenIdle(result.tree, !spec.inverted);
  };
  /**
   * Prepares a held tree in idle time for the analyses a user asks for next: its names' order (sorting
   * 40 k names takes 10–30 ms) and its frames-by-name index (see frames-by-name.ts), so sandwiches and
   * focuses do not scan it; then, the first time, a rehearsed sandwich (see warm-up.ts); then the origins
   * of its inversion (see invert.ts `prepareInversion`), so the inverted view does not find them. Not for small
   * trees (a scan then takes a millisecond or two), nor for trees no longer held when their turn comes.
   * A request that comes during the rehearsal (0.1–0.25 s) waits for it, but then runs on warm code.
   * `invertible`: false for an inverted view (nobody inverts it again: the toggle goes back upright).
   */
  const indexWhenIdle = (tree: FrameTree, invertible = true) => {
    if (!options.idleWork || tree.length < indexFrom || framesByNameOf(tree) || !store.holdsTree(tree)) return;
    const steps = (function* () {
      nameRanks(tree.names);
      yield;
      const index = yield* indexFramesByName(tree);
      store.addBytes(tree, indexBytes(index));
      // once per worker: the JIT's optimized code serves every profile after
      if (!rehearsed) {
        yield;
        if (!rehearsed) rehearsed = rehearseSandwich(tree, index, [tree]);
      }
      if (!invertible) return;
      yield;
      store.addBytes(tree, yield* prepareInversion(tree));
    })();
    idle.add(steps, () => store.holdsTree(tree));
  };
  const unknown = (handle: ProfileHandle) => ({
    ok: false as const,
    error: { kind: 'unknown-profile' as const, message: `The worker does not hold profile ${handle} (it was restarted or made room).` },
  });

  /** The view `spec` of a held tree: the kept one, or computed (reusing the kept one when it is a prefix). */
  const viewOf = (handle: ProfileHandle, spec: ViewSpec) => {
    const tree = store.get(handle);
    if (!tree) return unknown(handle);
    if (spec.transforms.length === 0 && !spec.inverted) return { ok: true as const, tree, applied: [] as AppliedTransform[] };
    const last = store.lastView(handle);
    if (last && last.key === viewKey(spec)) return last.result;
    // the kept view's transforms may be a prefix of these (one transform added): start from it
    const result = computeView(tree, spec, last && !last.spec.inverted ? last.result : undefined);
    if (result.ok) keepView(handle, spec, result);
    return result;
  };

  /**
   * A preview of view `spec` (see computePreview): its last step pruned, from the exact view before it
   * (kept, so the exact view that follows costs that one step). Exact when the view is kept already, when
   * the tree is small, or when nothing was left out (the exact view is then kept).
   */
  const previewOf = (handle: ProfileHandle, spec: ViewSpec) => {
    const baseSpec = previewBase(spec);
    const last = store.lastView(handle);
    if (!baseSpec || (last && last.key === viewKey(spec))) return { ...viewOf(handle, spec), exact: true };
    const base = viewOf(handle, baseSpec);
    if (!base.ok) return base;
    if (base.tree.length < PREVIEW_FROM_FRAMES) return { ...viewOf(handle, spec), exact: true };
    const result = computePreview(base, spec, PREVIEW_SHARE);
    if (result.ok && result.exact) keepView(handle, spec, result);
    return result;
  };

  /** Parses `source` into its tree and the function table of every sample type; with `retainAs`, keeps the tree. */
  async function parse(
    job: number,
    source: ProfileSource,
    options: WorkerImportOptions,
    onProgress?: (progress: ParseProgress) => void,
  ): Promise<WireParseResult> {
    const controller = new AbortController();
    jobs.set(job, controller);
    try {
      const { retainAs, ...limits } = options;
      const result = await importProfile(source, { ...limits, signal: controller.signal, ...(onProgress ? { onProgress } : {}) });
      if (!result.ok) return result;
      const functions = functionTables(result.tree);
      cachedTables.set(result.tree, copyOfTables(functions));
      if (retainAs === undefined) return { ok: true, tree: treeToWire(result.tree), functions };
      hold(retainAs, result.tree);
      return { ok: true, tree: anyTreeToWire(result.tree, (b) => store.holds(b)).tree, functions };
    } finally {
      jobs.delete(job);
    }
  }

  const api = {
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
        const { retainAs: _, ...limits } = options;
        const parsed = await parse(job, source, limits, onProgress ? (p) => onProgress(p, side) : undefined);
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

    /** Keeps a tree the page sends (after a worker restart, or one made elsewhere) under `handle`. */
    adopt(handle: ProfileHandle, wire: AnyTreeWire): void {
      hold(handle, anyTreeFromWire(wire));
    },

    /**
     * Takes back the buffers of trees the page no longer uses (`ProfileParser.recycle`): the next views
     * and copies are written into them instead of fresh memory. Without a pool, they are just dropped.
     */
    recycle(buffers: readonly ArrayBuffer[]): void {
      for (const b of buffers) if (!store.holds(b)) recycleBuffer(b);
    },

    /** Forgets `handle` (the page no longer shows it). */
    release(handle: ProfileHandle): void {
      store.release(handle);
    },

    /**
     * The view of a held profile: transforms applied (and inverted if asked), with its function tables
     * unless `withFunctions` is false (a page that draws first and fills its table after asks twice).
     */
    view(handle: ProfileHandle, spec: ViewSpec, withFunctions = true, preview = false): WireViewResult {
      try {
        const t0 = performance.now();
        const quick = preview ? previewOf(handle, spec) : null;
        if (quick && !quick.ok) return quick;
        if (quick && !quick.exact) {
          // a preview is nobody's but the page's: its columns are transferred, not copied
          const t1 = performance.now();
          const tree = anyTreeToWire(quick.tree, (b) => store.holds(b));
          return { ok: true, tree, functions: [], applied: quick.applied, exact: false, timing: { computeMs: t1 - t0, copyMs: performance.now() - t1 } };
        }
        const view = viewOf(handle, spec);
        if (!view.ok) return view;
        const functions = withFunctions ? tablesOf(view.tree) : [];
        const t1 = performance.now();
        const tree = anyTreeToWire(view.tree, (b) => store.holds(b));
        return { ok: true, tree, functions, applied: view.applied, exact: true, timing: { computeMs: t1 - t0, copyMs: performance.now() - t1 } };
      } catch (error) {
        return { ok: false, error: toAnalysisError(error) };
      }
    },

    /** Only the function tables of a view (the table without the tree). */
    functionTables(handle: ProfileHandle, spec: ViewSpec): WireTablesResult {
      try {
        const view = viewOf(handle, spec);
        return view.ok ? { ok: true, functions: tablesOf(view.tree) } : view;
      } catch (error) {
        return { ok: false, error: toAnalysisError(error) };
      }
    },

    /**
     * Callers and callees of the function named `name` in a view. Only the view's transforms count: the
     * sandwich already reads both ways, and in an inverted tree its callers half would hold the
     * function's callees. So the sandwich of an inverted view is that of the view not inverted.
     */
    sandwich(handle: ProfileHandle, spec: ViewSpec, name: string, preview = false): WireSandwichResult {
      try {
        const t0 = performance.now();
        const view = viewOf(handle, { transforms: spec.transforms });
        if (!view.ok) return view;
        const prune = preview && view.tree.length >= PREVIEW_FROM_FRAMES ? pruneRequest(view.tree, PREVIEW_SHARE) : null;
        const s = sandwich(view.tree, name, prune);
        const t1 = performance.now();
        const page = (t: FrameTree) => anyTreeToWire(t, (b) => store.holds(b));
        const [callers, callees] = [page(s.callers), page(s.callees)];
        return { ok: true, nameId: s.nameId, callers, callees, exact: leftNothingOut(prune), timing: { computeMs: t1 - t0, copyMs: performance.now() - t1 } };
      } catch (error) {
        return { ok: false, error: toAnalysisError(error) };
      }
    },

    /** Trees and bytes held, and bytes waiting for reuse (diagnostics, tests). */
    held(): { trees: number; bytes: number; pooled: number } {
      return { trees: store.size, bytes: store.bytes, pooled: pool?.bytes ?? 0 };
    },

    /** Idle work not finished yet (tests): indexes being built. */
    idleJobs(): number {
      return idle.pending;
    },
  };
  // every answer holds idle work off (see IdleWork), but the questions about the worker itself
  for (const key of Object.keys(api) as (keyof typeof api)[]) {
    if (key === 'ping' || key === 'held' || key === 'idleJobs') continue;
    const answer = api[key] as (...args: unknown[]) => unknown;
    (api as Record<string, unknown>)[key] = (...args: unknown[]) => idle.answering(() => answer(...args));
  }
  return api;
}

/**
 * Function tables as the page gets them: one per sample type, or one baseline/comparison table for a
 * diff. Kept per tree (trees are never changed): a parse's tables come with it, and asking again for the
 * tables of a profile or of the kept view costs a copy (what is sent is transferred, so never the kept one).
 */
function tablesOf(tree: FrameTree): readonly FunctionTable[] {
  let tables = cachedTables.get(tree);
  if (!tables) {
    tables = isDiffTree(tree) ? [diffFunctionTable(tree)] : functionTables(tree);
    cachedTables.set(tree, tables);
  }
  return copyOfTables(tables);
}

/** Tables with their own buffers (every typed array copied, the rest as is). */
function copyOfTables(tables: readonly FunctionTable[]): FunctionTable[] {
  return tables.map(
    (table) => Object.fromEntries(Object.entries(table).map(([k, v]) => [k, ArrayBuffer.isView(v) ? (v as Float64Array).slice() : v])) as unknown as FunctionTable,
  );
}

const cachedTables = new WeakMap<FrameTree, readonly FunctionTable[]>();

/** The worker's API (what `wrap` gives the page). */
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
