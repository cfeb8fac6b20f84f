/**
 * IdleWork: jobs run a step per task, only once no request has been answered for the quiet time, and
 * never while one is being answered (an async one included); a job nobody wants any more is dropped.
 */
import { describe, expect, test } from 'vitest';
import { IdleWork } from '../../src/worker/idle-work.ts';

const QUIET = 30;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits until `done()` or fails after five seconds. */
async function until(done: () => boolean): Promise<void> {
  const start = performance.now();
  while (!done()) {
    if (performance.now() - start > 5000) throw new Error('idle work did not run');
    await sleep(5);
  }
}

/** A job of `count` steps that logs each step with the time it ran. */
function job(log: { step: number; at: number }[], count: number): Iterator<void> {
  return (function* () {
    for (let step = 0; step < count; step++) {
      log.push({ step, at: performance.now() });
      yield;
    }
  })();
}

describe('IdleWork', () => {
  test('steps run after the quiet time, one per task, until the job is done', async () => {
    const idle = new IdleWork(QUIET);
    const log: { step: number; at: number }[] = [];
    const added = performance.now();
    idle.add(job(log, 3));
    expect(log).toEqual([]); // not in the task that added it
    await until(() => idle.pending === 0);
    expect(log.map((e) => e.step)).toEqual([0, 1, 2]);
    expect(log[0]!.at - added).toBeGreaterThanOrEqual(QUIET - 1);
  });

  test('an answer holds the work off until the quiet time after it', async () => {
    const idle = new IdleWork(QUIET);
    const log: { step: number; at: number }[] = [];
    idle.add(job(log, 2));
    let answeredAt = 0;
    await sleep(QUIET / 2);
    expect(idle.answering(() => 'pong')).toBe('pong');
    answeredAt = performance.now();
    await until(() => idle.pending === 0);
    expect(log[0]!.at - answeredAt).toBeGreaterThanOrEqual(QUIET - 1);
  });

  test('no step while an async answer is pending; a failed answer ends like any other', async () => {
    const idle = new IdleWork(QUIET);
    const log: { step: number; at: number }[] = [];
    let finish!: () => void;
    const answer = idle.answering(() => new Promise<void>((resolve) => (finish = resolve)));
    idle.add(job(log, 1));
    await sleep(QUIET * 3);
    expect(log).toEqual([]);
    finish();
    await answer;
    const answeredAt = performance.now();
    await until(() => idle.pending === 0);
    expect(log[0]!.at - answeredAt).toBeGreaterThanOrEqual(QUIET - 2);
    expect(() =>
      idle.answering(() => {
        throw new Error('bad request');
      }),
    ).toThrow('bad request');
    const after: { step: number; at: number }[] = [];
    idle.add(job(after, 1));
    await until(() => idle.pending === 0);
    expect(after.length).toBe(1);
  });

  test('a job nobody wants any more is dropped before its next step', async () => {
    const idle = new IdleWork(QUIET);
    const log: { step: number; at: number }[] = [];
    let wanted = true;
    idle.add(
      (function* () {
        log.push({ step: 0, at: performance.now() });
        wanted = false;
        yield;
        log.push({ step: 1, at: performance.now() });
      })(),
      () => wanted,
    );
    await until(() => idle.pending === 0);
    expect(log.map((e) => e.step)).toEqual([0]);
  });
});
