import { proxy, transfer, wrap, type Remote } from 'comlink';
import type { FunctionTable } from '../analysis/function-table.ts';
import type { FrameTree } from '../model/frame-tree.ts';
import type { ProfileSource } from '../parse/chunks.ts';
import type { ProfileErrorInfo } from '../parse/errors.ts';
import type { ParseProgress } from '../parse/progress.ts';
import type { FunctionTable as Table } from '../analysis/function-table.ts';
import type { ViewSpec } from '../analysis/view.ts';
import { AnalysisClient, type AnalysisOutcome, type AnalysisRequest, type ProfileView, type SandwichView, type ViewRequest } from './analysis-client.ts';
import type { ProfileHandle } from './tree-store.ts';
import { treeFromWire } from './wire.ts';
import { createWorkerApi, type WireParseResult, type WorkerApi, type WorkerImportOptions } from './worker-api.ts';

/** Makes the parser's Worker; hosts replace it (the Grafana plugin passes an inlined worker). */
export type WorkerFactory = () => Worker;

/** Vite and Storybook detect this exact pattern and bundle the worker. */
export const defaultWorkerFactory: WorkerFactory = () =>
  new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'flamelens-parser' });

export interface ProfileParserOptions {
  /** How to start the worker; `'in-process'` runs the parser on this thread (tests, no-worker hosts). */
  readonly createWorker?: WorkerFactory | 'in-process';
  /** A parse that reports nothing for this long is declared hung and its worker restarted (default 30 s). */
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

/** After a cancel, a worker still busy this long is terminated (a fresh one serves the next file). */
const CANCEL_GRACE_MS = 2000;
const DEFAULT_STALL_MS = 30_000;

interface Job {
  readonly id: number;
  lastHeard: number;
  settle: (outcome: ParseOutcome) => void;
}

/**
 * Parses profiles in a Web Worker. Promise-based; one parse at a time (a new parse cancels the one still
 * running); progress forwarded; a worker that crashes or stops reporting becomes an error and is replaced
 * by a fresh one for the next file.
 */
export class ProfileParser {
  private worker: Worker | null = null;
  private remote: Remote<WorkerApi> | WorkerApi | null = null;
  private current: Job | null = null;
  private nextJob = 1;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private readonly stallMs: number;
  private readonly analysis: AnalysisClient;

  constructor(private readonly options: ProfileParserOptions = {}) {
    this.stallMs = options.stallTimeoutMs ?? DEFAULT_STALL_MS;
    this.analysis = new AnalysisClient({
      api: () => this.ensureWorker(),
      running: () => this.remote,
      isRemote: () => this.worker !== null,
      restart: (reason) => {
        this.failCurrent(reason);
        this.restartWorker();
      },
    });
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
  functionTables(handle: ProfileHandle, spec: ViewSpec, request?: AnalysisRequest): Promise<AnalysisOutcome<readonly Table[]>> {
    return this.analysis.functionTables(handle, spec, request);
  }

  /** Callers and callees of the function `name` in a view. */
  sandwich(handle: ProfileHandle, spec: ViewSpec, name: string, request?: AnalysisRequest): Promise<AnalysisOutcome<SandwichView>> {
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

  /** The page no longer needs `handle`: the worker forgets it (also done when the tree is collected). */
  release(handle: ProfileHandle): void {
    this.analysis.release(handle);
  }

  /** Parses one profile. Never rejects: failures, cancels and worker deaths come back as `ok: false`. */
  parse(source: ProfileSource, request: ParseRequest = {}): Promise<ParseOutcome> {
    this.cancelCurrent('A newer file replaced this one.');
    const api = this.ensureWorker();
    const job: Job = { id: this.nextJob++, lastHeard: Date.now(), settle: () => undefined };
    const outcome = new Promise<ParseOutcome>((resolve) => {
      job.settle = (o) => {
        if (this.current === job) this.current = null;
        job.settle = () => undefined;
        resolve(o);
      };
    });
    this.current = job;
    const onProgress = (progress: ParseProgress) => {
      job.lastHeard = Date.now();
      request.onProgress?.(progress);
    };
    request.signal?.addEventListener('abort', () => this.cancelJob(job, 'Parsing was cancelled.'), { once: true });
    if (request.signal?.aborted) this.cancelJob(job, 'Parsing was cancelled.');
    const callback = this.worker ? proxy(onProgress) : onProgress;
    const input = this.worker ? transferInput(source) : source;
    const retainAs = request.retain === false ? undefined : this.analysis.reserveHandle();
    const limits = { ...request.limits, ...(retainAs !== undefined ? { retainAs } : {}) };
    (api.parse(job.id, input, limits, callback) as Promise<WireParseResult>).then(
      (result) => {
        if (!result.ok) return job.settle(result);
        const tree = treeFromWire(result.tree);
        const handle = this.analysis.register(tree, retainAs);
        if (this.current !== job) this.analysis.release(handle); // cancelled meanwhile: nobody will ask
        job.settle({ ok: true, profile: { tree, functions: result.functions, handle } });
      },
      (error: unknown) => {
        job.settle({ ok: false, error: { kind: 'internal', message: `The parser failed: ${messageOf(error)}` } });
      },
    );
    this.startWatchdog();
    return outcome;
  }

  /** Stops the worker; later parses start a new one. */
  dispose(): void {
    this.cancelCurrent('The viewer was closed.');
    this.restartWorker();
  }

  private ensureWorker(): Remote<WorkerApi> | WorkerApi {
    if (this.remote) return this.remote;
    const factory = this.options.createWorker ?? defaultWorkerFactory;
    if (factory === 'in-process') {
      this.remote = createWorkerApi();
      return this.remote;
    }
    const worker = factory();
    worker.addEventListener('error', (event) => {
      event.preventDefault?.();
      this.failCurrent(`The parser crashed${event.message ? ` (${event.message})` : ''}; it has been restarted.`);
      this.restartWorker();
    });
    worker.addEventListener('messageerror', () => {
      this.failCurrent('The parser sent a message that could not be read; it has been restarted.');
      this.restartWorker();
    });
    this.worker = worker;
    this.remote = wrap<WorkerApi>(worker);
    return this.remote;
  }

  private restartWorker(): void {
    this.analysis.failAll('The worker was restarted.');
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
  }

  private cancelCurrent(message: string): void {
    if (this.current) this.cancelJob(this.current, message);
  }

  private cancelJob(job: Job, message: string): void {
    if (this.current !== job) return;
    job.settle({ ok: false, error: { kind: 'cancelled', message } });
    const remote = this.remote;
    void Promise.resolve(remote?.cancel(job.id)).catch(() => undefined);
    if (!this.worker) return;
    // A worker deep in a synchronous step cannot see the cancel; past the grace period, replace it.
    const worker = this.worker;
    const timer = setTimeout(() => {
      if (this.worker === worker && this.current === null) this.restartWorker();
    }, CANCEL_GRACE_MS);
    void Promise.resolve(remote?.ping())
      .then(() => clearTimeout(timer))
      .catch(() => undefined);
  }

  private failCurrent(message: string): void {
    this.current?.settle({ ok: false, error: { kind: 'internal', message } });
  }

  private startWatchdog(): void {
    if (this.watchdog || !this.worker) return;
    this.watchdog = setInterval(() => {
      const job = this.current;
      if (!job) {
        clearInterval(this.watchdog!);
        this.watchdog = null;
        return;
      }
      if (Date.now() - job.lastHeard > this.stallMs) {
        this.failCurrent(`The parser stopped responding for ${Math.round(this.stallMs / 1000)} s; it has been restarted.`);
        this.restartWorker();
      }
    }, 1000);
  }
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export type { AnalysisOutcome, AnalysisRequest, ProfileView, SandwichView, ViewRequest } from './analysis-client.ts';
export type { ProfileHandle } from './tree-store.ts';
export type { WorkerTiming } from './worker-api.ts';
export type { ViewSpec } from '../analysis/view.ts';
