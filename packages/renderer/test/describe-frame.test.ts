import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importProfile, findPath, invertTree, noiseModel } from '@flamelens/core';
import { frameAt, treeFromFolded } from '@flamelens/core/testing';
import { announce, describeFrame, formatChange } from '@flamelens/renderer';
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

  it('in an inverted view, self is where the stacks end: the root’s children have it, their callers none', () => {
    const tree = invertTree(treeFromFolded('main;a;malloc 3\nmain;b;malloc 2\nmain;b 1\n'));
    // stored, the self sits where the inverted paths end (main); a user means malloc's 5 and b's 1
    expect(describeFrame(tree, frameAt(tree, 'malloc')).values).toMatchObject({ total: '5', self: '5', selfOfWhole: '83.3%' });
    expect(describeFrame(tree, frameAt(tree, 'b')).values.self).toBe('1');
    expect(describeFrame(tree, frameAt(tree, 'malloc;a')).values.self).toBe('0');
    expect(describeFrame(tree, frameAt(tree, 'malloc;a;main')).values.self).toBe('0');
    // a diff inverted: self deltas and colour by self read the same way
    const diff = invertTree(diffFromFolded('main;a 10 30\nmain;a;b 10 0\n'));
    const a = describeFrame(diff, frameAt(diff, 'a'), { metric: 'absolute-delta', useSelf: true });
    expect(a.values.self).toBe('10');
    expect(a.diff?.comparison.self).toBe('30');
    expect(a.diff?.change).toBe('+20');
    expect(describeFrame(diff, frameAt(diff, 'a;main'), { metric: 'absolute-delta', useSelf: true }).diff?.change).toBe('0');
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

  it('gives the delta in points, the relative change, self delta and the noise verdict in diff mode', () => {
    // Wholes 2000 → 2000 (sample counts): big 50% → 65%, small 2% → 2.2%.
    const tree = diffFromFolded('main;big 1000 1300\nmain;small 40 44\nmain;gone 20 0\nmain;rest 940 656\n');
    const noise = noiseModel(tree);
    const big = describeFrame(tree, frameAt(tree, 'main;big'), { metric: 'normalized-delta', useSelf: false }, noise).diff!;
    expect(big.totalDelta).toBe('+15 pp');
    expect(big.relativeChange).toBe('+30%');
    expect(big.selfDelta).toBe('+15 pp');
    expect(big.noise).toBe('beyond');
    expect(big.z).toBeGreaterThan(9);
    const small = describeFrame(tree, frameAt(tree, 'main;small'), { metric: 'relative-change', useSelf: false }, noise);
    expect(small.diff!.change).toBe('+10% share');
    expect(small.diff!.noise).toBe('within');
    expect(announce(small)).toContain('within sampling noise');
    const gone = describeFrame(tree, frameAt(tree, 'main;gone'), { metric: 'normalized-delta', useSelf: false }, noise).diff!;
    expect(gone.status).toBe('removed');
    expect(gone.totalDelta).toBe('−1 pp');
    expect(gone.relativeChange).toBe('−100%');
    // Without a noise model (none given, or none possible) there is no verdict.
    expect(describeFrame(tree, frameAt(tree, 'main;big')).diff!.noise).toBeNull();
  });

  it('formats changes in each metric unit, and a share from nothing as new', () => {
    expect(formatChange(2.5, 'normalized-delta', 'count')).toBe('+2.5 pp');
    expect(formatChange(-0.0123, 'normalized-delta', 'count')).toBe('−0.012 pp');
    expect(formatChange(0.25, 'relative-change', 'count')).toBe('+25%');
    expect(formatChange(Infinity, 'relative-change', 'count')).toBe('new');
    expect(formatChange(-1.5e9, 'absolute-delta', 'nanoseconds')).toBe('−1.5 s');
    expect(formatChange(0, 'normalized-delta', 'count')).toBe('0 pp');
  });

  it("writes values with the host's formatter when given one (a Grafana unit with its decimals)", () => {
    const tree = diffFromFolded('main;a 10 30\nmain;b 10 0\n');
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const a = describeFrame(tree, frameAt(tree, 'main;a'), { metric: 'absolute-delta', useSelf: false }, null, ms);
    expect([a.values.total, a.values.self, a.diff?.comparison.total]).toEqual(['10.0 ms', '10.0 ms', '30.0 ms']);
    expect(a.values.totalOfWhole).toBe('50%');
    expect(a.diff?.change).toBe('+20.0 ms');
  });
});
