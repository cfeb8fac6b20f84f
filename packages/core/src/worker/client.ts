import { proxy, transfer } from 'comlink';
import type { DiffFunctionTable, FunctionTable } from '../analysis/function-table.ts';
import type { ViewSpec } from '../analysis/view.ts';
import type { DiffTree } from '../diff/diff-tree.ts';
import type { FrameTree, SampleType } from '../model/frame-tree.ts';
import type { ProfileSource } from '../parse/chunks.ts';
import type { ProfileErrorInfo } from '../parse/errors.ts';
import type { ParseProgress } from '../parse/progress.ts';
import { AnalysisClient, type AnalysisOutcome, type AnalysisRequest, type ProfileView, type SandwichRequest, type SandwichView, type ViewRequest } from './analysis-client.ts';
import type { ProfileHandle } from './tree-store.ts';
import { diffTreeFromWire, transferablesOf, treeFromWire, treeToWire } from './wire.ts';
import { sideName, type DiffSide, type WireDiffResult, type WireSide, type WorkerDiffOptions, type WorkerImportOptions } from './worker-api.ts';
import { defaultWorkerFactory, WorkerHandle, type WorkerFactory } from './worker-handle.ts';

export { defaultWorkerFactory, type WorkerFactory } from './worker-handle.ts';
export type { DiffSide } from './worker-api.ts';

export interface ProfileParserOptions {
  /** How to start the worker; `'in-process'` runs the parser on this thread (tests, no-worker hosts). */
  readonly createWorker?: WorkerFactory | 'in-process';
  /** A job that reports nothing for this long is declared hung and its worker restarted (default 30 s). */
  readonly stallTimeoutMs?: number;
}

export interface ParseRequest {
  readonly onProgress?: (progress: ParseProgress) => void;
  readonly signal?: AbortSignal;
  readonly limits?: Omit<WorkerImportOptions, 'retainAs'>;
  /**
   * Keep the tree in the worker too (default true), so views, transforms and sandwiches run there; the
   * page gets a copy. False transfers the worker's tree to the page (analyses then send it back once).
   */
  readonly retain?: boolean;
}

/** A parsed profile as the page holds it. */
export interface ParsedProfile {
  readonly tree: FrameTree;
  /** Function table per sample type (same order as tree.sampleTypes). */
  readonly functions: readonly FunctionTable[];
  /** Names the profile in analysis calls (`view`, `sandwich`, `functionTables`, `release`). */
  readonly handle: ProfileHandle;
}

export type ParseOutcome = { readonly ok: true; readonly profile: ParsedProfile } | { readonly ok: false; readonly error: ProfileErrorInfo };

/** What to compare: two profiles, or one 3-column folded file (`comparison` left out). */
export interface DiffInputs {
  readonly baseline: ProfileSource;
  readonly comparison?: ProfileSource | null;
}

export interface DiffRequest extends WorkerDiffOptions {
  /** Progress of each side's parse. */
  readonly onProgress?: (progress: ParseProgress, side: DiffSide) => void;
  readonly signal?: AbortSignal;
  readonly limits?: Omit<WorkerImportOptions, 'retainAs'>;
}

/** A diff as the page holds it. */
export interface ParsedDiff {
  readonly tree: DiffTree;
  /** Function table per sample type of the diff tree (the types both sides share). */
  readonly functions: readonly DiffFunctionTable[];
  /** Every sample type of each side, shared or not (so the UI can say what was left out). */
  readonly baselineSampleTypes: readonly SampleType[];
  readonly comparisonSampleTypes: readonly SampleType[];
  /** Names the diff in analysis calls (its tree is sent to the worker when first analysed). */
  readonly handle: ProfileHandle;
}

export type DiffOutcome = { readonly ok: true; readonly diff: ParsedDiff } | { readonly ok: false; readonly error: ProfileErrorInfo };

const DEFAULT_STALL_MS = 30_000;

/** The running job: which workers it uses, when it was last heard of, and how to end it with an error. */
interface Job {
  readonly id: number;
  lastHeard: number;
  readonly handles: WorkerHandle[];
  fail: (error: ProfileErrorInfo) => void;
}

/**
 * Parses and diffs profiles in Web Workers. Promise-based; one job at a time (a new parse or diff cancels
 * the one still running); progress forwarded; a worker that crashes or stops reporting becomes an error and
 * is replaced by a fresh one for the next job. Nothing here ever rejects: failures are `ok: false` values.
 *
 * A diff parses its two files in two workers at once (the second worker starts on the first diff), then
 * merges in the first: on a machine with two free cores it costs about one parse of the larger file plus
 * the merge.
 */
export class ProfileParser {
  private readonly primary: WorkerHandle;
  private secondary: WorkerHandle | null = null;
  private current: Job | null = null;
  private nextJob = 1;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private readonly stallMs: number;
  private readonly factory: WorkerFactory | 'in-process';
  private readonly analysis: AnalysisClient;

  constructor(options: ProfileParserOptions = {}) {
    this.stallMs = options.stallTimeoutMs ?? DEFAULT_STALL_MS;
    this.factory = options.createWorker ?? defaultWorkerFactory;
    this.analysis = new AnalysisClient({
      api: () => this.primary.api(),
      running: () => this.primary.running(),
      isRemote: () => this.primary.isWorker,
      restart: (reason) => {
        this.failCurrent(reason);
        this.primary.restart();
      },
    });
    // The primary worker also holds parsed trees for analyses: its restart fails what waits on it.
    this.primary = new WorkerHandle(
      this.factory,
      (message) => this.failCurrent(message),
      () => this.analysis.failAll('The worker was restarted.'),
    );
  }

  /**
   * The view of a profile: its tree after `spec.transforms` (inverted when asked), with function tables,
   * computed in the worker. The worker keeps the last view of each profile, so a sandwich of it or one
   * more transform on it is cheap. Never rejects.
   */
  view(handle: ProfileHandle, spec: ViewSpec, request?: ViewRequest): Promise<AnalysisOutcome<ProfileView>> {
    return this.analysis.view(handle, spec, request);
  }

  /** Only the function tables of a view. */
  functionTables(handle: ProfileHandle, spec: ViewSpec, request?: AnalysisRequest): Promise<AnalysisOutcome<readonly FunctionTable[]>> {
    return this.analysis.functionTables(handle, spec, request);
  }

  /** Callers and callees of the function `name` in a view (its transforms; an inverted view's sandwich is the upright one). */
  sandwich(handle: ProfileHandle, spec: ViewSpec, name: string, request?: SandwichRequest): Promise<AnalysisOutcome<SandwichView>> {
    return this.analysis.sandwich(handle, spec, name, request);
  }

  /** A handle for a tree made on the page (a Grafana frame, a diff): sent to the worker when first used. */
  adopt(tree: FrameTree): ProfileHandle {
    return this.analysis.register(tree);
  }

  /**
   * Hands a tree the page will not read again (a replaced view, a closed sandwich) back to the worker,
   * whose next results reuse its memory instead of paging in fresh memory. Its arrays are moved away:
   * call it only once nothing (the renderer included) reads the tree any more.
   */
  recycle(tree: FrameTree): void {
    this.analysis.recycle(tree);
  }

  /**
   * How many jobs of idle preparation (indexes, the rehearsed sandwich, the inversion's origins) the
   * worker has not finished: 0 once a profile is ready for its first analyses, and always 0 in-process or
   * with no worker running. Does not hold the preparation off (benches wait on it to time a first use).
   */
  async preparing(): Promise<number> {
    const api = this.primary.running();
    return api ? await api.idleJobs() : 0;
  }

  /** The page no longer needs `handle`: the worker forgets it (also done when the tree is collected). */
  release(handle: ProfileHandle): void {
    this.analysis.release(handle);
  }

  /** Parses one profile. Never rejects: failures, cancels and worker deaths come back as `ok: false`. */
  parse(source: ProfileSource, request: ParseRequest = {}): Promise<ParseOutcome> {
    const { job, settle, outcome } = this.startJob<ParseOutcome>([this.primary], request.signal, 'Parsing was cancelled.');
    const onProgress = this.progressOf(job, request.onProgress);
    const input = this.primary.isWorker ? transferInput(source) : source;
    const retainAs = request.retain === false ? undefined : this.analysis.reserveHandle();
    const limits = { ...request.limits, ...(retainAs !== undefined ? { retainAs } : {}) };
    this.primary
      .run(job.id, (api) => api.parse(job.id, input, limits, this.primary.isWorker ? proxy(onProgress) : onProgress))
      .then(
        (result) => {
          if (!result.ok) return settle(result);
          const tree = treeFromWire(result.tree);
          const handle = this.analysis.register(tree, retainAs);
          if (this.current !== job) this.analysis.release(handle); // cancelled meanwhile: nobody will ask
          settle({ ok: true, profile: { tree, functions: result.functions, handle } });
        },
        (error: unknown) => settle(failure(error)),
      );
    return outcome;
  }

  /**
   * Compares two profiles (any supported formats), or reads one 3-column folded file as a diff. Both files
   * parse at once in two workers, then merge in one; the DiffTree arrives transferred (no copy). Never
   * rejects: parse failures (naming the side), incompatible inputs, cancels and crashes are `ok: false`.
   */
  diff(inputs: DiffInputs, request: DiffRequest = {}): Promise<DiffOutcome> {
    const comparison = inputs.comparison ?? null;
    const parallel = this.primary.isWorker && comparison !== null;
    const handles = parallel ? [this.primary, this.secondaryHandle()] : [this.primary];
    const { job, settle, outcome } = this.startJob<DiffOutcome>(handles, request.signal, 'The comparison was cancelled.');
    const { onProgress, limits = {} } = request;
    const mergeOptions: WorkerDiffOptions = {
      ...(request.sampleType !== undefined ? { sampleType: request.sampleType } : {}),
      ...(request.baselineName !== undefined ? { baselineName: request.baselineName } : {}),
      ...(request.comparisonName !== undefined ? { comparisonName: request.comparisonName } : {}),
    };
    const progress = (side: DiffSide) => this.progressOf(job, onProgress ? (p: ParseProgress) => onProgress(p, side) : undefined);
    const run = async (): Promise<DiffOutcome> => {
      if (!parallel) {
        const isWorker = this.primary.isWorker;
        const bySide = { baseline: progress('baseline'), comparison: progress('comparison') };
        const sideProgress = (p: ParseProgress, side: DiffSide) => bySide[side](p);
        const result = await this.primary.run(job.id, (api) =>
          api.diff(
            job.id,
            isWorker ? transferInput(inputs.baseline) : inputs.baseline,
            comparison !== null && isWorker ? transferInput(comparison) : comparison,
            { ...limits, ...mergeOptions },
            isWorker ? proxy(sideProgress) : sideProgress,
          ),
        );
        return this.diffOutcome(result);
      }
      // Both sides at once, one per worker (each with its function tables); then the first worker merges
      // (the parsed sides move to it) and joins the tables by name.
      const both = await this.parseBoth(job, handles, [inputs.baseline, comparison!], limits, progress);
      if (!both.ok) {
        const { side, error } = both;
        return { ok: false, error: { ...error, message: `${sideName(side, mergeOptions)}: ${error.message}` } };
      }
      // Cancelled or replaced while the sides parsed: do not spend a merge on it.
      if (this.current !== job) return { ok: false, error: { kind: 'cancelled', message: 'The comparison was cancelled.' } };
      job.lastHeard = Date.now();
      return this.diffOutcome(await this.primary.run(job.id, (api) => api.merge(moved(both.sides[0]), moved(both.sides[1]), mergeOptions)));
    };
    run().then(settle, (error: unknown) => settle(failure(error)));
    return outcome;
  }

  /**
   * Merges two trees already on the page into a diff, in the worker. The trees are copied to the worker
   * (the page keeps them); prefer `diff` with the files when the page does not need the sides on their own.
   */
  merge(baseline: FrameTree, comparison: FrameTree | null, options: WorkerDiffOptions = {}): Promise<DiffOutcome> {
    const { job, settle, outcome } = this.startJob<DiffOutcome>([this.primary], undefined, 'The comparison was cancelled.');
    this.primary
      .run(job.id, (api) => api.merge({ tree: treeToWire(baseline) }, comparison ? { tree: treeToWire(comparison) } : null, options))
      .then((result) => settle(this.diffOutcome(result)), (error: unknown) => settle(failure(error)));
    return outcome;
  }

  /** Stops the workers; later jobs start new ones. */
  dispose(): void {
    this.cancelCurrent('The viewer was closed.');
    this.primary.restart();
    this.secondary?.restart();
  }

  /**
   * Parses the two sides at once, one per handle. The first failure ends it at once (the other side is
   * cancelled, not waited for) and says which side failed.
   */
  private parseBoth(
    job: Job,
    handles: WorkerHandle[],
    sources: [ProfileSource, ProfileSource],
    limits: WorkerImportOptions,
    progress: (side: DiffSide) => (p: ParseProgress) => void,
  ): Promise<{ ok: true; sides: [WireSide, WireSide] } | { ok: false; side: DiffSide; error: ProfileErrorInfo }> {
    const names: [DiffSide, DiffSide] = ['baseline', 'comparison'];
    return new Promise((resolve) => {
      const sides: WireSide[] = [];
      let pending = 2;
      names.forEach((side, i) => {
        const fail = (error: ProfileErrorInfo) => {
          resolve({ ok: false, side, error });
          handles[1 - i]!.cancel(job.id, () => true);
        };
        handles[i]!
          .run(job.id, (api) => api.parse(job.id, transferInput(sources[i]!), limits, proxy(progress(side))))
          .then((result) => {
            if (!result.ok) return fail(result.error);
            sides[i] = result;
            if (--pending === 0) resolve({ ok: true, sides: [sides[0]!, sides[1]!] });
          }, (error: unknown) => fail(failure(error).error));
      });
    });
  }

  /** A diff result as the page holds it, with a handle for analyses. */
  private diffOutcome(result: WireDiffResult): DiffOutcome {
    if (!result.ok) return result;
    const tree = diffTreeFromWire(result.tree);
    return {
      ok: true,
      diff: {
        tree,
        functions: result.functions,
        baselineSampleTypes: result.baselineSampleTypes,
        comparisonSampleTypes: result.comparisonSampleTypes,
        handle: this.analysis.register(tree),
      },
    };
  }

  private secondaryHandle(): WorkerHandle {
    return (this.secondary ??= new WorkerHandle(this.factory, (message) => this.failCurrent(message)));
  }

  /** Cancels the running job and registers a new one on `handles`, with its abort signal wired up. */
  private startJob<O extends ParseOutcome | DiffOutcome>(handles: WorkerHandle[], signal: AbortSignal | undefined, cancelMessage: string) {
    this.cancelCurrent('A newer file replaced this one.');
    let resolve: (outcome: O) => void = () => undefined;
    const outcome = new Promise<O>((r) => (resolve = r));
    const job: Job = { id: this.nextJob++, lastHeard: Date.now(), handles, fail: (error) => settle({ ok: false, error } as O) };
    const settle = (o: O) => {
      if (this.current === job) this.current = null;
      job.fail = () => undefined;
      resolve(o);
      resolve = () => undefined;
    };
    this.current = job;
    signal?.addEventListener('abort', () => this.cancelJob(job, cancelMessage), { once: true });
    if (signal?.aborted) this.cancelJob(job, cancelMessage);
    this.startWatchdog();
    return { job, settle, outcome };
  }

  /** A progress callback that also tells the watchdog the job is alive. */
  private progressOf(job: { lastHeard: number }, onProgress?: (progress: ParseProgress) => void) {
    return (progress: ParseProgress) => {
      job.lastHeard = Date.now();
      onProgress?.(progress);
    };
  }

  private cancelCurrent(message: string): void {
    this.cancelJob(this.current, message);
  }

  private cancelJob(job: Job | null, message: string): void {
    if (!job || this.current !== job) return;
    job.fail({ kind: 'cancelled', message });
    for (const handle of job.handles) handle.cancel(job.id, () => this.current === null);
  }

  private failCurrent(message: string): void {
    this.current?.fail({ kind: 'internal', message });
  }

  private startWatchdog(): void {
    if (this.watchdog || !this.primary.isWorker) return;
    this.watchdog = setInterval(() => {
      const job = this.current;
      if (!job) {
        clearInterval(this.watchdog!);
        this.watchdog = null;
        return;
      }
      if (Date.now() - job.lastHeard > this.stallMs) {
        this.failCurrent(`The parser stopped responding for ${Math.round(this.stallMs / 1000)} s; it has been restarted.`);
        for (const handle of job.handles) handle.restart();
      }
    }, 1000);
  }
}

/** A parsed side handed on to the merging worker: its buffers move, they are not copied. */
function moved(side: WireSide): WireSide {
  return transfer(side, transferablesOf(side));
}

function failure(error: unknown): { ok: false; error: ProfileErrorInfo } {
  return { ok: false, error: { kind: 'internal', message: `The parser failed: ${error instanceof Error ? error.message : String(error)}` } };
}

/** ArrayBuffers are moved to the worker, not copied; Blobs and streams are cheap to send as they are. */
function transferInput(source: ProfileSource): ProfileSource {
  if (source instanceof ArrayBuffer) return transfer(source, [source]);
  if (source instanceof Uint8Array && source.byteOffset === 0 && source.byteLength === source.buffer.byteLength && source.buffer instanceof ArrayBuffer) {
    return transfer(source, [source.buffer]);
  }
  if (typeof ReadableStream !== 'undefined' && source instanceof ReadableStream) return transfer(source, [source as unknown as Transferable]);
  return source;
}

export type { AnalysisOutcome, AnalysisRequest, ProfileView, SandwichRequest, SandwichView, ViewRequest } from './analysis-client.ts';
export type { ProfileHandle } from './tree-store.ts';
export type { WorkerTiming } from './worker-api.ts';
export type { ViewSpec } from '../analysis/view.ts';
