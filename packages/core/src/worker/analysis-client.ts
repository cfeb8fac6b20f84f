import type { Remote } from 'comlink';
import { transfer } from 'comlink';
import type { AnalysisErrorInfo } from '../analysis/errors.ts';
import type { FunctionTable } from '../analysis/function-table.ts';
import type { AppliedTransform } from '../analysis/transforms.ts';
import type { ViewSpec } from '../analysis/view.ts';
import type { FrameTree } from '../model/frame-tree.ts';
import { buffersOf } from '../analysis/tree-writer.ts';
import { anyTreeFromWire, anyTreeToWire } from './analysis-wire.ts';
import type { ProfileHandle } from './tree-store.ts';
import { transferablesOf } from './wire.ts';
import type { WireSandwichResult, WireTablesResult, WireViewResult, WorkerApi, WorkerTiming } from './worker-api.ts';

/** A view of a profile as the page draws it. */
export interface ProfileView {
  readonly tree: FrameTree;
  /** One table per sample type, or one baseline/comparison table (DiffFunctionTable) for a diff; empty when not asked for. */
  readonly functions: readonly FunctionTable[];
  /** Each transform with the number of frames it matched (0: the chip can say it did nothing). */
  readonly applied: readonly AppliedTransform[];
  /** Time spent in the worker (diagnostics); null when the page answered from its own tree. */
  readonly timing: WorkerTiming | null;
  /**
   * False for a preview (asked with `preview`): the frames under PREVIEW_SHARE of the whole are left out
   * (every frame it has carries its exact values) and `functions` is empty; ask again without `preview`.
   */
  readonly exact: boolean;
}

/** Callers (inverted, rooted at the function) and callees (rooted at it) of one function. */
export interface SandwichView {
  /** The function's name id in both trees (-1 when the view has no such function). */
  readonly nameId: number;
  readonly callers: FrameTree;
  readonly callees: FrameTree;
  /** Time spent in the worker (diagnostics). */
  readonly timing: WorkerTiming;
  /** False for a preview (see ProfileView.exact). */
  readonly exact: boolean;
}

/** An analysis result as the page gets it: never a rejected promise. */
export type AnalysisOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AnalysisErrorInfo };

/** What the analysis client needs from the parser that owns the worker. */
export interface WorkerLink {
  /** The worker's API (started on demand). */
  api(): Remote<WorkerApi> | WorkerApi;
  /** The running worker's API, or null (releasing a tree must not start a worker). */
  running(): Remote<WorkerApi> | WorkerApi | null;
  /** True when `api()` is a real worker (results arrive by transfer; sent trees must be copies). */
  isRemote(): boolean;
  /** Replaces a worker that stopped answering. */
  restart(reason: string): void;
}

/** Options of any analysis request. */
export interface AnalysisRequest {
  /** Aborting resolves the request as `cancelled` at once (the worker's result is then dropped). */
  readonly signal?: AbortSignal;
}

/** Options of a view request. */
export interface ViewRequest extends AnalysisRequest {
  /** Also compute the view's function tables (default true; false gets the tree sooner, `functions` empty). */
  readonly withFunctions?: boolean;
  /**
   * A preview is enough for now (default false): a large view comes back pruned, in a fraction of the
   * time, with `exact` false (see ProfileView.exact); a small or already computed one comes back exact.
   */
  readonly preview?: boolean;
}

/** Options of a sandwich request. */
export interface SandwichRequest extends AnalysisRequest {
  /** A preview is enough for now (default false; see ViewRequest.preview). */
  readonly preview?: boolean;
}

/** An analysis that takes longer than this is taken for a hung worker (a pathological regex): restarted. */
const ANALYSIS_TIMEOUT_MS = 60_000;

/**
 * Runs analyses of held profiles in the parser's worker. The worker keeps each parsed tree (the page got
 * a copy); trees made on the page are registered with `adopt`. When the worker does not hold a profile
 * (it was restarted, or made room), the page's tree is sent again and the request retried once. The page
 * side holds only weak references, and a tree the page drops is released in the worker too.
 */
export class AnalysisClient {
  private readonly trees = new Map<ProfileHandle, WeakRef<FrameTree>>();
  private readonly finalizer = new FinalizationRegistry<ProfileHandle>((handle) => this.release(handle));
  /** Rejects of requests waiting on the worker, failed at once when it is restarted. */
  private readonly waiting = new Set<(error: Error) => void>();
  private nextHandle = 1;

  constructor(private readonly link: WorkerLink) {}

  /** A new handle for `tree` (which the worker gets when first needed, or already holds after a parse). */
  register(tree: FrameTree, handle: ProfileHandle = this.nextHandle++): ProfileHandle {
    this.trees.set(handle, new WeakRef(tree));
    this.finalizer.register(tree, handle);
    return handle;
  }

  /** A handle to use for the next parse's retained tree. */
  reserveHandle(): ProfileHandle {
    return this.nextHandle++;
  }

  /**
   * Gives a tree the page will never read again (a replaced view, a closed sandwich) back to the worker,
   * which writes later results into its memory. The tree's arrays are moved: afterwards they are empty.
   * Trees the page registered under a handle are released first.
   */
  recycle(tree: FrameTree): void {
    for (const [handle, ref] of this.trees) if (ref.deref() === tree) this.release(handle);
    const api = this.link.running();
    if (!api || !this.link.isRemote()) return;
    const buffers = [...new Set(buffersOf(tree))].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer && b.byteLength > 0);
    void Promise.resolve(api.recycle(transfer(buffers, buffers))).catch(() => undefined);
  }

  release(handle: ProfileHandle): void {
    if (!this.trees.delete(handle)) return;
    const api = this.link.running();
    if (api) void Promise.resolve(api.release(handle)).catch(() => undefined);
  }

  view(handle: ProfileHandle, spec: ViewSpec, request: ViewRequest = {}): Promise<AnalysisOutcome<ProfileView>> {
    const withFunctions = request.withFunctions ?? true;
    const own = spec.transforms.length === 0 && !spec.inverted ? this.trees.get(handle)?.deref() : undefined;
    if (own) return this.ownView(handle, own, withFunctions, request);
    const preview = request.preview ?? false;
    return this.run(handle, request, async (api) => (await api.view(handle, spec, withFunctions, preview)) as WireViewResult).then((r) =>
      r.ok
        ? { ok: true, value: { tree: anyTreeFromWire(r.value.tree), functions: r.value.functions, applied: r.value.applied, timing: r.value.timing, exact: r.value.exact } }
        : r,
    );
  }

  /** The view without transforms is the page's own tree: only its tables come from the worker. */
  private async ownView(handle: ProfileHandle, tree: FrameTree, withFunctions: boolean, request: AnalysisRequest): Promise<AnalysisOutcome<ProfileView>> {
    if (!withFunctions) return { ok: true, value: { tree, functions: [], applied: [], timing: null, exact: true } };
    const tables = await this.functionTables(handle, { transforms: [] }, request);
    return tables.ok ? { ok: true, value: { tree, functions: tables.value, applied: [], timing: null, exact: true } } : tables;
  }

  functionTables(handle: ProfileHandle, spec: ViewSpec, request: AnalysisRequest = {}): Promise<AnalysisOutcome<readonly FunctionTable[]>> {
    return this.run(handle, request, async (api) => (await api.functionTables(handle, spec)) as WireTablesResult).then((r) =>
      r.ok ? { ok: true, value: r.value.functions } : r,
    );
  }

  sandwich(handle: ProfileHandle, spec: ViewSpec, name: string, request: SandwichRequest = {}): Promise<AnalysisOutcome<SandwichView>> {
    const preview = request.preview ?? false;
    return this.run(handle, request, async (api) => (await api.sandwich(handle, spec, name, preview)) as WireSandwichResult).then((r) =>
      r.ok
        ? {
            ok: true,
            value: {
              nameId: r.value.nameId,
              callers: anyTreeFromWire(r.value.callers),
              callees: anyTreeFromWire(r.value.callees),
              timing: r.value.timing,
              exact: r.value.exact,
            },
          }
        : r,
    );
  }

  /**
   * Sends the request; on `unknown-profile` sends the page's tree again and retries once. Never rejects:
   * a dead or hung worker, or a cancel, come back as errors.
   */
  private async run<R extends { ok: boolean; error?: AnalysisErrorInfo }>(
    handle: ProfileHandle,
    request: AnalysisRequest,
    send: (api: Remote<WorkerApi> | WorkerApi) => Promise<R>,
  ): Promise<AnalysisOutcome<Extract<R, { ok: true }>>> {
    const attempt = async (): Promise<R> => this.guard(send(this.link.api()));
    const done = (async (): Promise<AnalysisOutcome<Extract<R, { ok: true }>>> => {
      try {
        let result = await attempt();
        if (!result.ok && result.error?.kind === 'unknown-profile') {
          const tree = this.trees.get(handle)?.deref();
          if (!tree) return { ok: false, error: { kind: 'unknown-profile', message: 'This profile is no longer loaded.' } };
          await this.guard(Promise.resolve(this.link.api().adopt(handle, this.wireForWorker(tree))));
          result = await attempt();
        }
        return result.ok ? { ok: true, value: result as Extract<R, { ok: true }> } : { ok: false, error: result.error! };
      } catch (error) {
        return { ok: false, error: { kind: 'internal', message: error instanceof Error ? error.message : String(error) } };
      }
    })();
    const signal = request.signal;
    if (!signal) return done;
    const cancelled = new Promise<AnalysisOutcome<never>>((resolve) => {
      const onAbort = () => resolve({ ok: false, error: { kind: 'cancelled', message: 'The request was cancelled.' } });
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    return Promise.race([done, cancelled]);
  }

  /** The page keeps its tree: a real worker gets a copy (structured clone), in-process the tree itself. */
  private wireForWorker(tree: FrameTree) {
    if (!this.link.isRemote()) return anyTreeToWire(tree);
    const wire = anyTreeToWire(tree, () => true);
    return transfer(wire, transferablesOf(wire));
  }

  /** Fails every request still waiting on the worker (it died or was replaced: it will never answer). */
  failAll(message: string): void {
    for (const reject of [...this.waiting]) reject(new Error(message));
  }

  /** Rejects when the worker has not answered in ANALYSIS_TIMEOUT_MS (it is then restarted), or dies. */
  private guard<T>(pending: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let reject: (error: Error) => void = () => undefined;
    const stopped = new Promise<never>((_, r) => {
      reject = r;
      this.waiting.add(r);
      timer = setTimeout(() => {
        reject(new Error(`The analysis took longer than ${ANALYSIS_TIMEOUT_MS / 1000} s and was stopped.`));
        this.link.restart('An analysis took too long; the worker has been restarted.');
      }, ANALYSIS_TIMEOUT_MS);
    });
    return Promise.race([pending, stopped]).finally(() => {
      clearTimeout(timer);
      this.waiting.delete(reject);
    });
  }
}
