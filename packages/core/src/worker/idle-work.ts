/**
 * Work the worker does while nobody waits for it: jobs split into steps of a few milliseconds, run one
 * step per task once no request has been answered for `quietMs`. A request that comes in meanwhile waits
 * for one step at most (messages are handled between tasks); the page's requests right after a parse
 * (tables, the first view) come within that quiet time, so they never wait.
 */
export class IdleWork {
  private readonly jobs: { readonly steps: Iterator<unknown>; readonly wanted: () => boolean }[] = [];
  /** Requests being answered (an async parse spans several tasks). */
  private busy = 0;
  private lastAnswered = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly quietMs = QUIET_MS) {}

  /** Queues `steps` (each `next()` a step); dropped, unfinished, once `wanted()` says false. */
  add(steps: Iterator<unknown>, wanted: () => boolean = () => true): void {
    this.jobs.push({ steps, wanted });
    this.schedule(this.quietMs);
  }

  /** Calls `answer` as a request: no step runs while it does, nor for `quietMs` after. */
  answering<T>(answer: () => T): T {
    this.busy++;
    let result: T;
    try {
      result = answer();
    } catch (error) {
      this.answered();
      throw error;
    }
    if (result instanceof Promise) return result.finally(() => this.answered()) as T;
    this.answered();
    return result;
  }

  /** Jobs not finished yet (tests). */
  get pending(): number {
    return this.jobs.length;
  }

  private answered(): void {
    this.busy--;
    this.lastAnswered = performance.now();
    if (this.jobs.length > 0) this.schedule(this.quietMs);
  }

  private schedule(ms: number): void {
    if (this.timer === null) this.timer = setTimeout(this.step, Math.max(0, ms));
  }

  private readonly step = (): void => {
    this.timer = null;
    if (this.busy > 0) return; // answered() schedules again
    const quiet = performance.now() - this.lastAnswered;
    if (quiet < this.quietMs) return this.schedule(this.quietMs - quiet);
    const job = this.jobs[0];
    if (!job) return;
    if (!job.wanted() || job.steps.next().done) this.jobs.shift();
    if (this.jobs.length > 0) this.schedule(0);
  };
}

/**
 * Quiet time before idle work starts. The page asks for a profile's tables and first view within a few
 * milliseconds of getting its parse; a tenth of a second after the last answer, it is looking at a picture.
 */
const QUIET_MS = 100;
