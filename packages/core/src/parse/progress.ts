/** What a long parse reports, at most every PROGRESS_INTERVAL_MS. */
export interface ParseProgress {
  readonly phase: 'reading' | 'decompressing' | 'parsing' | 'building';
  /** Bytes of the input read so far (compressed bytes for gzip input). */
  readonly bytesRead: number;
  /** Size of the input when known, else undefined. */
  readonly totalBytes?: number;
  /** Stacks (samples or lines) read so far. */
  readonly stacks: number;
  /** Stacks in the input when known (pprof, once its samples are indexed). */
  readonly totalStacks?: number;
}

/** Options every importer takes. */
export interface ParseControl {
  readonly onProgress?: (progress: ParseProgress) => void;
  /** Aborting rejects the parse with a `cancelled` error at the next check (within ~100 ms). */
  readonly signal?: AbortSignal;
  /** Shared progress state when an importer runs inside `importProfile` (internal). */
  readonly pacer?: Pacer;
}

/** Progress is reported at most this often; the brief asks for at least every 100 ms. */
export const PROGRESS_INTERVAL_MS = 50;
/** A long synchronous loop gives the event loop a turn this often, so a cancel message gets through. */
const YIELD_INTERVAL_MS = 50;

const now = (): number => performance.now();

/**
 * Paces a long loop: call `tick()` often and cheaply (it reads the clock every 1024 calls); it reports
 * progress and, when a signal is present, yields to the event loop and throws if the parse was cancelled.
 */
export class Pacer {
  private lastReport = now();
  private lastYield = now();
  private calls = 0;
  bytesRead = 0;
  totalBytes: number | undefined;
  stacks = 0;
  totalStacks: number | undefined;
  phase: ParseProgress['phase'] = 'reading';

  constructor(private readonly control: ParseControl) {}

  /** The caller's shared pacer, or a new one. */
  static of(control: ParseControl): Pacer {
    return control.pacer ?? new Pacer(control);
  }

  /** True when the caller should `await pacer.pause()` (cheap to call in a hot loop). */
  due(): boolean {
    if ((++this.calls & 1023) !== 0) return false;
    const t = now();
    return t - this.lastReport >= PROGRESS_INTERVAL_MS || (!!this.control.signal && t - this.lastYield >= YIELD_INTERVAL_MS);
  }

  /** Reports progress if due, yields if a signal is present, throws if cancelled. */
  async pause(): Promise<void> {
    const t = now();
    if (t - this.lastReport >= PROGRESS_INTERVAL_MS) this.report();
    if (this.control.signal) {
      if (t - this.lastYield >= YIELD_INTERVAL_MS) {
        await yieldToEventLoop();
        this.lastYield = now();
      }
      this.throwIfCancelled();
    }
  }

  /** Reports if the last report is older than the interval (for per-chunk callers; reads the clock). */
  maybeReport(): void {
    if (now() - this.lastReport >= PROGRESS_INTERVAL_MS) this.report();
  }

  /** Sends a progress report now. */
  report(): void {
    this.lastReport = now();
    this.control.onProgress?.({
      phase: this.phase,
      bytesRead: this.bytesRead,
      stacks: this.stacks,
      ...(this.totalBytes !== undefined ? { totalBytes: this.totalBytes } : {}),
      ...(this.totalStacks !== undefined ? { totalStacks: this.totalStacks } : {}),
    });
  }

  throwIfCancelled(): void {
    const signal = this.control.signal;
    if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new DOMException('Parsing was cancelled.', 'AbortError');
  }
}

/** Lets queued messages (a cancel) run: a MessageChannel round trip, much shorter than setTimeout's clamp. */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
