import type { FrameTree } from '@flamelens/core';
import { treeFromFolded } from '@flamelens/core/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ShownLatch } from '../src/shown-latch.ts';

const a = treeFromFolded('main;a 1\n');
const b = treeFromFolded('main;b 1\n');

/** Whether `promise` has settled after the microtasks queued so far. */
async function settled(promise: Promise<void>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe('ShownLatch', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits until every tree is reported drawn', async () => {
    vi.useFakeTimers();
    const latch = new ShownLatch();
    const waiting = latch.wait([a, b], new AbortController().signal);
    latch.report(a);
    expect(await settled(waiting)).toBe(false);
    latch.report(b);
    expect(await settled(waiting)).toBe(true);
    expect(latch.has(a) && latch.has(b)).toBe(true);
  });

  it('gives up after the fallback when nothing is reported (a host that does not report)', async () => {
    vi.useFakeTimers();
    const latch = new ShownLatch();
    const waiting = latch.wait([a], new AbortController().signal, 200);
    await vi.advanceTimersByTimeAsync(199);
    expect(await settled(waiting)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(waiting)).toBe(true);
  });

  it('resolves at once for trees already drawn, and on abort', async () => {
    vi.useFakeTimers();
    const latch = new ShownLatch();
    latch.report(a);
    expect(await settled(latch.wait([a], new AbortController().signal))).toBe(true);
    const controller = new AbortController();
    const waiting = latch.wait([b], controller.signal);
    expect(await settled(waiting)).toBe(false);
    controller.abort();
    expect(await settled(waiting)).toBe(true);
    const aborted = new AbortController();
    aborted.abort();
    expect(await settled(latch.wait([b] as FrameTree[], aborted.signal))).toBe(true);
  });

  it('lets the last wait go when a new one starts (a newer request replaced it)', async () => {
    vi.useFakeTimers();
    const latch = new ShownLatch();
    const first = latch.wait([a], new AbortController().signal);
    const second = latch.wait([b], new AbortController().signal);
    expect(await settled(first)).toBe(true);
    expect(await settled(second)).toBe(false);
    latch.report(a);
    expect(await settled(second)).toBe(false);
    latch.report(b);
    expect(await settled(second)).toBe(true);
  });
});
