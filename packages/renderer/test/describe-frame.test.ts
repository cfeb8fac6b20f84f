import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importProfile, findPath } from '@flamelens/core';
import { frameAt, treeFromFolded } from '@flamelens/core/testing';
import { announce, describeFrame } from '@flamelens/renderer';
import { describe, expect, it } from 'vitest';
import { diffFromFolded } from './fixtures.ts';

const CORPUS = process.env.FLAMELENS_CORPUS ?? path.resolve(import.meta.dirname, '../../../../shared/corpus');

describe('frame descriptions (tooltip and live region)', () => {
  it('gives total and self with units and shares of the whole and of the parent', () => {
    const tree = treeFromFolded('main;parse 3\nmain 1\ngc 4\n');
    const d = describeFrame(tree, frameAt(tree, 'main;parse'));
    expect(d.path).toEqual(['main', 'parse']);
    expect(d.values).toEqual({ total: '3', self: '3', totalOfWhole: '37.5%', totalOfParent: '75%', selfOfWhole: '37.5%' });
    expect(announce(d)).toBe('parse: total 3 (37.5% of all, 75% of parent), self 3. Depth 2.');
  });

  it('names the file and binary of a pprof frame, and formats nanoseconds as time', async () => {
    const bytes = readFileSync(path.join(CORPUS, 'pprof/go-json-gogc100.cpu.pb.gz'));
    const result = await importProfile(new Uint8Array(bytes));
    if (!result.ok) throw new Error(result.error.message);
    const tree = result.tree;
    const frame = findPath(tree, ['runtime.main', 'main.main']);
    const d = describeFrame(tree, frame);
    expect(d.file).toMatch(/\.go$/);
    expect(d.binary).not.toBeNull();
    expect(d.values.total).toMatch(/^[\d.]+ (ms|s)$/);
  });

  it('gives both sides of a diff, the change, and whether the frame is new', () => {
    const tree = diffFromFolded('main;a 10 30\nmain;b 10 0\nmain;c 0 10\n');
    const a = describeFrame(tree, frameAt(tree, 'main;a'));
    expect(a.values.total).toBe('10');
    expect(a.diff?.comparison.total).toBe('30');
    expect(a.diff?.comparison.totalOfWhole).toBe('75%');
    expect(a.diff?.change).toBe('+25 pp of the whole'); // 50% → 75%
    expect(describeFrame(tree, frameAt(tree, 'main;b')).diff?.status).toBe('removed');
    expect(describeFrame(tree, frameAt(tree, 'main;c')).diff?.status).toBe('new');
    expect(announce(a)).toContain('baseline 10 (50%), comparison 30 (75%), change +25 pp of the whole');
  });

  it("writes values with the host's formatter when given one (a Grafana unit with its decimals)", () => {
    const tree = diffFromFolded('main;a 10 30\nmain;b 10 0\n');
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const a = describeFrame(tree, frameAt(tree, 'main;a'), { metric: 'absolute-delta', useSelf: false }, ms);
    expect([a.values.total, a.values.self, a.diff?.comparison.total]).toEqual(['10.0 ms', '10.0 ms', '30.0 ms']);
    expect(a.values.totalOfWhole).toBe('50%');
    expect(a.diff?.change).toBe('+20.0 ms');
  });
});
