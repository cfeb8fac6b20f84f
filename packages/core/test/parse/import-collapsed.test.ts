import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { foldToString, importProfile, type FrameTree } from '../../src/index.ts';
import { drawTree } from '../../src/testing/index.ts';

async function parse(input: string | Uint8Array): Promise<FrameTree> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const result = await importProfile(bytes);
  if (!result.ok) throw new Error(result.error.message);
  return result.tree;
}

describe('folded stacks', () => {
  test('CRLF, comments, blank lines and a UTF-8 BOM are all normal', async () => {
    const t = await parse('\uFEFF# comment\r\n\r\na;b 2\r\n  a;c 3  \r\n# another\r\n');
    expect(drawTree(t)).toBe(['all 5 (0)', '  a 5 (0)', '    b 2 (2)', '    c 3 (3)'].join('\n'));
  });

  test('UTF-16 with a byte-order mark, both byte orders', async () => {
    const text = 'main;füñ 3\nmain;x 1\n';
    const le = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Uint16Array.from(text, (c) => c.charCodeAt(0)).buffer)]);
    const be = new Uint8Array(le.length);
    be.set([0xfe, 0xff]);
    for (let i = 2; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!];
    for (const bytes of [le, be]) {
      expect(foldToString(await parse(bytes))).toBe('main;füñ 3\nmain;x 1\n');
    }
  });

  test('decimal counts sum exactly', async () => {
    const t = await parse('a 0.1\nb 0.2\nc 0.000001\n');
    expect(t.total[0]).toBe(0.300001);
    expect(foldToString(t)).toBe('a 0.1\nb 0.2\nc 0.000001\n');
  });

  test('names with spaces, the count is the last token', async () => {
    const t = await parse('java;Foo.bar(int, String) 12\nperl;main::run 1\n');
    expect(foldToString(t)).toBe('java;Foo.bar(int, String) 12\nperl;main::run 1\n');
  });

  test('repeated and unsorted stacks are summed', async () => {
    expect(foldToString(await parse('b;x 1\na 1\nb;x 2\n'))).toBe('a 1\nb;x 3\n');
  });

  test('the 3-column form gives two value columns, before and after', async () => {
    const t = await parse('a;b 3 5\na;c 0 2\n');
    expect(t.sampleTypes.map((s) => [s.type, s.total])).toEqual([
      ['before', 3],
      ['after', 7],
    ]);
    expect(foldToString(t, t.selfByType[0])).toBe('a;b 3\n');
    expect(foldToString(t, t.selfByType[1])).toBe('a;b 5\na;c 2\n');
  });

  test('gzipped folded text is read as a stream', async () => {
    const t = await parse(new Uint8Array(gzipSync('a;b 2\na;c 1\n')));
    expect(t.total[0]).toBe(3);
  });

  test('lines split across chunk boundaries join up', async () => {
    const text = Array.from({ length: 5000 }, (_, i) => `root;fn${i % 97};leaf${i % 13} ${i % 5}`).join('\n');
    const bytes = new TextEncoder().encode(text);
    const pieces: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 7) pieces.push(bytes.slice(i, i + 7));
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const piece = pieces.shift();
        if (piece) controller.enqueue(piece);
        else controller.close();
      },
    });
    const result = await importProfile(stream);
    if (!result.ok) throw new Error(result.error.message);
    expect(foldToString(result.tree)).toBe(foldToString(await parse(bytes)));
  });

  test('bad lines are counted, and text with no stack at all is rejected with the line shown', async () => {
    const t = await parse('a;b 1\nthis is not a stack\na;c 2\n');
    expect(t.info.dropped).toEqual([{ reason: 'lines that are not "stack count" (first: line 2)', count: 1 }]);
    const result = await importProfile(new TextEncoder().encode('hello world\nsecond line\n'));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe('unsupported-format');
      expect(result.error.message).toContain('line 1 reads "hello world"');
    }
  });

  test('a line longer than the limit is refused, not held', async () => {
    const result = await importProfile(new TextEncoder().encode('a'.repeat(5000) + ' 1\n'), { maxLineBytes: 1000 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ kind: 'too-large', message: expect.stringMatching(/^Line 1 is longer than/) });
  });

  test('NaN, Infinity and non-numbers are not counts', async () => {
    const t = await parse('a NaN\nb Infinity\nc 1e3\nd 2\n');
    expect(foldToString(t)).toBe('c 1000\nd 2\n');
    expect(t.info.dropped[0]!.count).toBe(2);
  });
});

describe('sorted input is written straight in pre-order; any order gives the same tree', () => {
  /** A deterministic pseudo-random generator (mulberry32) so the test is repeatable. */
  function random(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function randomLines(seed: number, count: number): string[] {
    const next = random(seed);
    const names = ['a', 'ab', 'a b', 'b', 'B', 'main', 'main2', 'ma', 'é', 'z;', 'x'];
    return Array.from({ length: count }, () => {
      const depth = 1 + Math.floor(next() * 6);
      const frames = Array.from({ length: depth }, () => names[Math.floor(next() * names.length)]!.replace(';', ''));
      return `${frames.join(';')} ${Math.floor(next() * 5)}`;
    });
  }

  test.each([1, 2, 3, 4, 5])('seed %i: shuffled, sorted and reverse-sorted lines fold identically', async (seed) => {
    const lines = randomLines(seed, 400);
    const sorted = [...lines].sort();
    const byBytes = [...lines].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    const results = await Promise.all([lines, sorted, byBytes, [...sorted].reverse()].map((l) => parse(l.join('\n'))));
    const folded = results.map((t) => foldToString(t));
    for (const f of folded) expect(f).toBe(folded[0]);
    for (const t of results) expect(t.info.stacks).toBe(results[0]!.info.stacks);
  });

  test('a name that is a prefix of its sibling sorts first, whatever the line sort did', async () => {
    // `sort` puts "a b;x" before "a;y" (space < ;) but the tree orders names: "a" < "a b"
    expect(foldToString(await parse('a b;x 1\na;y 2\n'))).toBe('a;y 2\na b;x 1\n');
  });

  test('a subtree reopened later (a → b, then c, then a again) merges into the first', async () => {
    expect(drawTree(await parse('a;b 1\nc 1\na;d 1\n'))).toBe(
      ['all 3 (0)', '  a 2 (0)', '    b 1 (1)', '    d 1 (1)', '  c 1 (1)'].join('\n'),
    );
  });

  test('a shorter line between two longer ones adds to the existing frame', async () => {
    expect(drawTree(await parse('a;b;c 1\na;b 2\na;b;d 3\n'))).toBe(
      ['all 6 (0)', '  a 6 (0)', '    b 6 (2)', '      c 1 (1)', '      d 3 (3)'].join('\n'),
    );
  });
});
