import { isWithinNoise, type CountingNoiseModel } from '@flamelens/core';
import { ITEMS_PER_CLOCK_CHECK, type SlicedJob } from '../layout/sliced-job.ts';
import type { DiffReader } from './diff-colour.ts';

/** What one pass over a diff tree finds, once per colour settings change. */
export interface DiffPassOptions {
  /** Find the largest finite |change| (for `saturation: 'auto'`). */
  readonly findLargest: boolean;
  /**
   * Mark frames whose change is within sampling noise; null = no fading (off, or no test possible). The
   * test reads the values the colour follows (the reader's: totals, or self).
   */
  readonly noise: CountingNoiseModel | null;
}

/**
 * One pass over every frame but the root, in slices (4.75M frames cost tens of milliseconds): the
 * automatic saturation point (the largest finite |change|) and the noise mask (1 byte per frame, 1 =
 * the change is within sampling noise, core's two-proportion z-test). Both need every frame, so they
 * share the walk; the draw loop then reads the mask with one byte load per bar.
 */
export class DiffPassJob implements SlicedJob {
  private next = 1;
  /** Largest finite |change| seen (0 when not asked for or none). */
  largest = 0;
  /** Within-noise mask, or null when no fading was asked for. */
  readonly mask: Uint8Array | null;

  constructor(
    private readonly reader: DiffReader,
    private readonly options: DiffPassOptions,
  ) {
    this.mask = options.noise ? new Uint8Array(reader.tree.length) : null;
  }

  step(deadline: number): boolean {
    const n = this.reader.tree.length;
    const { findLargest, noise } = this.options;
    const mask = this.mask;
    while (this.next < n) {
      const to = Math.min(n, this.next + ITEMS_PER_CLOCK_CHECK);
      if (findLargest) {
        let largest = this.largest;
        for (let i = this.next; i < to; i++) {
          const d = Math.abs(this.reader.value(i));
          if (d > largest && d !== Infinity) largest = d;
        }
        this.largest = largest;
      }
      if (mask && noise) {
        for (let i = this.next; i < to; i++) mask[i] = isWithinNoise(noise, this.reader.baseline(i), this.reader.comparison(i)) ? 1 : 0;
      }
      this.next = to;
      if (performance.now() >= deadline && this.next < n) return false;
    }
    return true;
  }
}
