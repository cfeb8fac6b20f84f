/**
 * Work split into slices so the page never freezes: a job advances in `step(deadline)` calls until it
 * reports done. Small inputs finish in one call; large ones (a 4.75M-frame tree) run a few milliseconds
 * per task, yielding to input and painting in between.
 */
export interface SlicedJob {
  /** Does work until `performance.now() >= deadline` (checked every few thousand items); true when done. */
  step(deadline: number): boolean;
}

/** Longest slice of main-thread work, in ms (well under a 16 ms frame, so input stays responsive). */
export const SLICE_MS = 8;

/** Items processed between two clock reads: reading the clock per item would cost more than the item. */
export const ITEMS_PER_CLOCK_CHECK = 16_384;

/** Runs `job` to completion now (tests, small trees, Node). */
export function runToEnd(job: SlicedJob): void {
  while (!job.step(Infinity)) {
    /* keep going */
  }
}

/** The scheduler of sliced work: one macrotask per slice (MessageChannel: not throttled like setTimeout). */
export function scheduleSlices(job: SlicedJob, onDone: () => void): () => void {
  let cancelled = false;
  const channel = typeof MessageChannel !== 'undefined' ? new MessageChannel() : null;
  const next = () => {
    if (cancelled) return;
    if (job.step(performance.now() + SLICE_MS)) {
      channel?.port1.close();
      onDone();
    } else if (channel) channel.port2.postMessage(null);
    else setTimeout(next, 0);
  };
  if (channel) channel.port1.onmessage = next;
  next();
  return () => {
    cancelled = true;
    channel?.port1.close();
  };
}

/** Named sliced jobs of one owner: starting a job cancels the running one of the same name. */
export class JobRunner {
  private readonly cancels = new Map<string, () => void>();

  /** Runs `job` (at once when `sync`, else in slices) and calls `onDone` when it finishes. */
  run(name: string, job: SlicedJob, onDone: () => void, sync: boolean): void {
    this.cancel(name);
    if (sync) {
      runToEnd(job);
      onDone();
      return;
    }
    this.cancels.set(
      name,
      scheduleSlices(job, () => {
        this.cancels.delete(name);
        onDone();
      }),
    );
  }

  cancel(name: string): void {
    this.cancels.get(name)?.();
    this.cancels.delete(name);
  }

  cancelAll(): void {
    for (const cancel of this.cancels.values()) cancel();
    this.cancels.clear();
  }
}
