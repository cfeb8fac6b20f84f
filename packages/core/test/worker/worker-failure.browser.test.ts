/**
 * Worker death, hangs and cancels in real Chromium (issue 8): a worker that throws while parsing, closes
 * itself, is terminated from outside or never answers becomes a clear error; the next file is parsed by
 * a fresh worker; a cancel frees the worker, even one stuck in a step that cannot hear the cancel.
 */
import { describe, expect, test } from 'vitest';
import { ProfileParser, type WorkerFactory } from '../../src/worker/client.ts';

const realWorker = () => new Worker(new URL('../../src/worker/worker.ts', import.meta.url), { type: 'module' });
const scriptWorker = (source: string) => new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
const folded = (text: string) => new TextEncoder().encode(text);

/** `blocks` × 10,000 folded lines (one block of text repeated: cheap to make, slow to parse). */
function manyLines(blocks: number): Blob {
  const block = Array.from({ length: 10_000 }, (_, i) => `main;handler${i % 900};work${i % 311};leaf${i} 1\n`).join('');
  return new Blob(Array.from({ length: blocks }, () => block));
}

/** A factory whose first worker is `broken()`, every later one the real parser; counts what it made. */
function firstBroken(broken: () => Worker): WorkerFactory & { made: Worker[] } {
  const made: Worker[] = [];
  const factory = () => {
    const worker = made.length === 0 ? broken() : realWorker();
    made.push(worker);
    return worker;
  };
  return Object.assign(factory, { made });
}

/** The next file after a failure parses, on a second worker. */
async function expectRecovery(parser: ProfileParser, factory: { made: Worker[] }) {
  const next = await parser.parse(folded('main;work 3\nmain;idle 1\n'));
  expect(next.ok && next.profile.tree.total[0]).toBe(4);
  expect(factory.made).toHaveLength(2);
}

describe('a worker that fails', () => {
  test('throws while parsing (as an out-of-memory abort would): a clear error, then a fresh worker', async () => {
    const factory = firstBroken(() => scriptWorker('self.onmessage = () => { throw new RangeError("Array buffer allocation failed"); };'));
    const parser = new ProfileParser({ createWorker: factory });
    const outcome = await parser.parse(folded('a 1\n'));
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'internal', message: expect.stringMatching(/^The parser crashed \(.*Array buffer allocation failed\); it has been restarted\.$/) } });
    await expectRecovery(parser, factory);
    parser.dispose();
  });

  test('closes itself mid-parse: the watchdog turns the silence into an error', async () => {
    const factory = firstBroken(() => scriptWorker('self.onmessage = () => self.close();'));
    const parser = new ProfileParser({ createWorker: factory, stallTimeoutMs: 1500 });
    const outcome = await parser.parse(folded('a 1\n'));
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'internal', message: 'The parser stopped responding for 2 s; it has been restarted.' } });
    await expectRecovery(parser, factory);
    parser.dispose();
  });

  test('is terminated from outside while it parses (a killed process)', async () => {
    const factory = firstBroken(realWorker);
    const parser = new ProfileParser({ createWorker: factory, stallTimeoutMs: 1500 });
    const big = manyLines(40);
    let killed = false;
    const outcome = await parser.parse(big, {
      onProgress: () => {
        if (!killed) (killed = true), factory.made[0]!.terminate();
      },
    });
    expect(killed).toBe(true);
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'internal', message: expect.stringMatching(/stopped responding/) } });
    await expectRecovery(parser, factory);
    parser.dispose();
  });

  test('hangs in a loop: the watchdog ends the job and replaces the worker', async () => {
    const factory = firstBroken(() => scriptWorker('self.onmessage = () => { for (;;) {} };'));
    const parser = new ProfileParser({ createWorker: factory, stallTimeoutMs: 1500 });
    expect(await parser.parse(folded('a 1\n'))).toMatchObject({ ok: false, error: { kind: 'internal', message: expect.stringMatching(/stopped responding/) } });
    await expectRecovery(parser, factory);
    parser.dispose();
  });
});

describe('cancel frees the worker', () => {
  test('a huge parse stops reading when cancelled, and the next file is served by the same worker', async () => {
    const factory = firstBroken(realWorker);
    const parser = new ProfileParser({ createWorker: factory });
    const huge = manyLines(100); // a million lines, ~45 MB
    const controller = new AbortController();
    let furthest = 0;
    const cancelled = parser.parse(huge, {
      signal: controller.signal,
      onProgress: (p) => {
        furthest = Math.max(furthest, p.bytesRead);
        controller.abort();
      },
    });
    expect(await cancelled).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    const next = await parser.parse(folded('x;y 7\n'));
    expect(next.ok && next.profile.tree.total[0]).toBe(7);
    // the worker answered the next file without finishing the huge one: it never read to the end
    expect(furthest).toBeGreaterThan(0);
    expect(furthest).toBeLessThan(huge.size);
    expect(factory.made).toHaveLength(1);
    parser.dispose();
  });

  test('a worker stuck where it cannot hear the cancel is replaced, and a file sent right after the cancel parses', async () => {
    const factory = firstBroken(() => scriptWorker('self.onmessage = () => { for (;;) {} };'));
    // a stall timeout far beyond the test's: only the cancel may free the worker here
    const parser = new ProfileParser({ createWorker: factory, stallTimeoutMs: 600_000 });
    const controller = new AbortController();
    const stuck = parser.parse(folded('a 1\n'), { signal: controller.signal });
    controller.abort();
    expect(await stuck).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    await expectRecovery(parser, factory);
    parser.dispose();
  });
});
