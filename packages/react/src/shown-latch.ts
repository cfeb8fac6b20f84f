import type { FrameTree } from '@flamelens/core';

/**
 * How long a hook waits for a preview to be reported drawn before it asks for the exact result anyway
 * (a host that does not pass `treeShown` on, a hidden tab).
 */
const FALLBACK_MS = 200;

/**
 * The exact result of a large view or sandwich is asked for once its preview is on screen, not at once:
 * computing it keeps the worker's core busy for a second or more, and on a two-core machine that slowed
 * drawing the preview by a third (the sandwich bench: 175–235 ms to its first picture, 135–165 ms
 * when the exact request waits). Trees are reported drawn through `report` (the hooks' `treeShown`).
 */
export class ShownLatch {
  private readonly shown = new WeakSet<FrameTree>();
  private waiting: { readonly trees: readonly FrameTree[]; readonly done: () => void } | null = null;

  /** `tree` is drawn. */
  report(tree: FrameTree): void {
    this.shown.add(tree);
    const w = this.waiting;
    if (w && w.trees.every((t) => this.shown.has(t))) w.done();
  }

  /** True once `tree` is reported drawn. */
  has(tree: FrameTree): boolean {
    return this.shown.has(tree);
  }

  /** Resolves once all of `trees` are reported drawn, after FALLBACK_MS at most, at once when `signal` aborts. */
  wait(trees: readonly FrameTree[], signal: AbortSignal, fallbackMs = FALLBACK_MS): Promise<void> {
    this.waiting?.done();
    return new Promise((resolve) => {
      if (signal.aborted || trees.every((t) => this.shown.has(t))) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        if (this.waiting === entry) this.waiting = null;
        resolve();
      };
      const timer = setTimeout(done, fallbackMs);
      const entry = { trees, done };
      this.waiting = entry;
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
