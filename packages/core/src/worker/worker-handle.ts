import { wrap, type Remote } from 'comlink';
import { createWorkerApi, type WorkerApi } from './worker-api.ts';

/** Makes the parser's Worker; hosts replace it (the Grafana plugin passes an inlined worker). */
export type WorkerFactory = () => Worker;

/** Vite and Storybook detect this exact pattern and bundle the worker. */
export const defaultWorkerFactory: WorkerFactory = () =>
  new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'flamelens-parser' });

/** After a cancel, a worker still busy this long is terminated (a fresh one serves the next job). */
const CANCEL_GRACE_MS = 2000;

/**
 * One parser worker (or the API in-process), started on first use and replaced after a crash or a cancel
 * it could not hear. `onFailure` hears about crashes so the client can fail the job that was running.
 */
export class WorkerHandle {
  private worker: Worker | null = null;
  private remote: Remote<WorkerApi> | WorkerApi | null = null;
  /** Jobs started on this handle that may still be running (cancel only reaches those). */
  private readonly busy = new Set<number>();

  constructor(
    private readonly factory: WorkerFactory | 'in-process',
    private readonly onFailure: (message: string) => void,
    /** Hears every restart (crash, hang, cancel not heard, dispose): whatever waited on this worker is lost. */
    private readonly onRestart: () => void = () => undefined,
  ) {}

  /** The running worker's API, or null (a call that must not start a worker, like releasing a tree). */
  running(): Remote<WorkerApi> | WorkerApi | null {
    return this.remote;
  }

  /** True when calls cross a real worker boundary (callbacks need `proxy`, inputs can be transferred). */
  get isWorker(): boolean {
    return this.factory !== 'in-process';
  }

  /** The API, starting the worker when needed. */
  api(): Remote<WorkerApi> | WorkerApi {
    if (this.remote) return this.remote;
    if (this.factory === 'in-process') return (this.remote = createWorkerApi());
    const worker = this.factory();
    worker.addEventListener('error', (event) => {
      event.preventDefault?.();
      this.onFailure(`The parser crashed${event.message ? ` (${event.message})` : ''}; it has been restarted.`);
      this.restart();
    });
    worker.addEventListener('messageerror', () => {
      this.onFailure('The parser sent a message that could not be read; it has been restarted.');
      this.restart();
    });
    this.worker = worker;
    this.remote = wrap<WorkerApi>(worker);
    return this.remote;
  }

  /** Runs `call` as job `job` on this handle (so a cancel of that job reaches it). */
  async run<R>(job: number, call: (api: Remote<WorkerApi> | WorkerApi) => Promise<R> | R): Promise<R> {
    this.busy.add(job);
    try {
      return await call(this.api());
    } finally {
      this.busy.delete(job);
    }
  }

  /**
   * Cancels job `job` if it runs here. A worker deep in a synchronous step cannot see the message; if it
   * does not answer a ping within the grace period it is replaced.
   */
  cancel(job: number, isIdle: () => boolean): void {
    if (!this.busy.has(job)) return;
    const remote = this.remote;
    void Promise.resolve(remote?.cancel(job)).catch(() => undefined);
    if (!this.worker) return;
    const worker = this.worker;
    const timer = setTimeout(() => {
      if (this.worker === worker && isIdle()) this.restart();
    }, CANCEL_GRACE_MS);
    void Promise.resolve(remote?.ping())
      .then(() => clearTimeout(timer))
      .catch(() => undefined);
  }

  /** Stops the worker; the next call starts a fresh one. */
  restart(): void {
    this.onRestart();
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
    this.busy.clear();
  }
}
