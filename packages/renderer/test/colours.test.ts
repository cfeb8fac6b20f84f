import { computePreview, isFrameWithinNoise, noiseModel } from '@flamelens/core';
import { treeFromFolded, frameAt } from '@flamelens/core/testing';
import {
  BarColours,
  DIFF_BUCKETS,
  DIFF_STEPS,
  DiffPassJob,
  DiffReader,
  diffBucketColours,
  diffScale,
  fadedColour,
  packageOf,
  packagePalette,
  runToEnd,
  THEMES,
} from '@flamelens/renderer';
import { describe, expect, it } from 'vitest';
import { parseColour } from '../src/colour/palette.ts';
import { diffFromFolded } from './fixtures.ts';

describe('package colours', () => {
  it('finds the package of Go, Java, Rust/C++, Python and plain names', () => {
    expect(packageOf('encoding/json.(*decodeState).object')).toBe('encoding/json');
    expect(packageOf('runtime.mallocgc')).toBe('runtime');
    expect(packageOf('runtime.(*mheap).alloc')).toBe('runtime');
    expect(packageOf('github.com/acme/server/v2.(*Handler).ServeHTTP')).toBe('github.com/acme/server/v2');
    expect(packageOf('org.apache.kafka.clients.Producer.send')).toBe('org.apache.kafka.clients');
    expect(packageOf('java/util/HashMap.get')).toBe('java/util/HashMap');
    expect(packageOf('std::io::Write::write_all')).toBe('std::io::Write');
    expect(packageOf('core::ptr::drop_in_place<alloc::vec::Vec<u8>>')).toBe('core::ptr');
    expect(packageOf('/usr/lib/python3/json/decoder.py:raw_decode')).toBe('/usr/lib/python3/json/decoder');
    expect(packageOf('malloc')).toBe('malloc');
  });

  it("draws a preview's placeholder frames in the merged colour of narrow frames", () => {
    const tree = treeFromFolded('main;a;x 900\nmain;a;y 1\nmain;a;z 2\nmain;c 97\n');
    const preview = computePreview({ tree, applied: [] }, { transforms: [{ kind: 'hide', match: { name: 'c' } }] }, 0.01);
    if (!preview.ok) throw new Error(preview.error.message);
    const placeholder = frameAt(preview.tree, 'main;a;\u2026 narrow frames');
    const pkg = new BarColours(preview.tree, 'package', 'light', 'default');
    expect(pkg.of(placeholder)).toBe(pkg.merged);
    expect(pkg.of(frameAt(preview.tree, 'main;a;x'))).not.toBe(pkg.merged);
  });

  it('gives frames of one package the same colour, in any profile', () => {
    const one = treeFromFolded('main;runtime.mallocgc;runtime.memclr 1\nmain;encoding/json.Marshal 1\n');
    const other = treeFromFolded('x;y;z;runtime.gcBgMarkWorker 1\n');
    const a = new BarColours(one, 'package', 'light', 'default');
    const b = new BarColours(other, 'package', 'light', 'default');
    const malloc = a.of(frameAt(one, 'main;runtime.mallocgc'));
    expect(a.of(frameAt(one, 'main;runtime.mallocgc;runtime.memclr'))).toBe(malloc);
    expect(b.of(frameAt(other, 'x;y;z;runtime.gcBgMarkWorker'))).toBe(malloc);
    expect(a.fills[malloc]).toBe(packagePalette('default', 'light')[malloc]);
  });

  it('has a colour-blind-safe palette and dark-theme variants', () => {
    expect(packagePalette('colorblind', 'light')).toContain('#77aadd');
    expect(packagePalette('default', 'dark')).not.toEqual(packagePalette('default', 'light'));
  });

  it('dims every colour toward the background, and picks readable label colours', () => {
    const tree = treeFromFolded('main 1\n');
    const c = new BarColours(tree, 'package', 'light', 'default');
    expect(c.fills).toHaveLength(2 * c.dimOffset);
    expect(c.fills[c.dimOffset]).not.toBe(c.fills[0]);
    expect(c.labels[0]).toBe(THEMES.light.darkText);
  });
});

describe('diff colours', () => {
  const tree = diffFromFolded(`
    main;grew 10 30
    main;shrank 30 10
    main;same 20 20
    main;new 0 5
  `);

  it('uses a symmetric scale: red for growth, blue for shrinking, grey at zero', () => {
    const scale = diffScale(THEMES.light, 2);
    expect(scale(0)).toBe(scale(-0));
    expect(scale(2)).toBe('rgb(220, 38, 38)');
    expect(scale(-2)).toBe('rgb(37, 99, 235)');
    expect(scale(0)).toBe('rgb(212, 214, 219)');
    expect(scale(5)).toBe(scale(2)); // clamped past the saturation point
  });

  it('puts equal and opposite changes in mirrored buckets', () => {
    const reader = new DiffReader(tree, { metric: 'normalized-delta', useSelf: false });
    const grew = reader.bucket(frameAt(tree, 'main;grew'), 50);
    const shrank = reader.bucket(frameAt(tree, 'main;shrank'), 50);
    expect(grew - DIFF_STEPS).toBeGreaterThan(0);
    expect(shrank - DIFF_STEPS).toBeLessThan(0);
    expect(reader.bucket(frameAt(tree, 'main;same'), 50)).toBe(DIFF_STEPS + Math.round((DIFF_STEPS * reader.value(frameAt(tree, 'main;same'))) / 50));
    expect(diffBucketColours(THEMES.light)).toHaveLength(2 * DIFF_STEPS + 1);
  });

  it('agrees with the core metric and marks one-sided frames', () => {
    const reader = new DiffReader(tree, { metric: 'normalized-delta', useSelf: false });
    const grew = frameAt(tree, 'main;grew');
    // 10/60 → 30/65 of the whole, in percentage points.
    expect(reader.value(grew)).toBeCloseTo((30 / 65 - 10 / 60) * 100, 10);
    expect(reader.status(frameAt(tree, 'main;new'))).toBe(1);
    expect(reader.status(grew)).toBe(0);
  });
});

describe('noise fading (data)', () => {
  // Folded counts are sample counts, so the two-proportion test can be made. Wholes: 2000 and 2000.
  //   big   1000 → 1300: share 50% → 65%, z ≈ 9.5 — far beyond noise
  //   small   40 →   44: share  2% → 2.2%, z ≈ 0.4 — within noise
  //   tiny     1 →    0: removed, z ≈ 1.0 — within noise, and still marked removed
  const tree = diffFromFolded(`
    main;big 1000 1300
    main;small 40 44
    main;tiny 1 0
    main;rest 959 656
  `);
  const reader = new DiffReader(tree, { metric: 'normalized-delta', useSelf: false });
  const model = noiseModel(tree);
  const colouring = (faded: Uint8Array | null) => new BarColours(tree, 'diff', 'light', 'default', { reader, saturation: 20, faded });
  const pass = (noise: typeof model | null) => {
    const job = new DiffPassJob(reader, { findLargest: true, noise: noise?.kind === 'counts' ? noise : null });
    runToEnd(job);
    return job;
  };

  it('fades frames within sampling noise and keeps real changes at full colour, in the same bucket', () => {
    expect(model.kind).toBe('counts');
    const job = pass(model);
    const c = colouring(job.mask);
    const big = c.of(frameAt(tree, 'main;big'));
    const small = c.of(frameAt(tree, 'main;small'));
    expect(c.isFaded(big)).toBe(false);
    expect(c.bucketOf(big)).toBeGreaterThan(DIFF_STEPS);
    expect(c.isFaded(small)).toBe(true);
    // The faded colour keeps its side: same bucket as unfaded, only its fill differs.
    expect(c.bucketOf(small)).toBe(colouring(null).of(frameAt(tree, 'main;small')));
    expect(c.fills[small]).not.toBe(c.fills[c.bucketOf(small)]);
    expect(c.isFaded(c.of(frameAt(tree, 'main;tiny')))).toBe(true);
    expect(reader.status(frameAt(tree, 'main;tiny'))).toBe(2);
    // The mask is core's verdict, frame by frame.
    for (let f = 1; f < tree.length; f++) expect(job.mask![f]).toBe(isFrameWithinNoise(tree, f, model) ? 1 : 0);
    // The largest change (main;rest, 47.95% → 32.8%) is found in the same pass.
    expect(job.largest).toBeCloseTo(Math.abs(reader.value(frameAt(tree, 'main;rest'))), 9);
    expect(job.largest).toBeCloseTo(15.15, 9);
  });

  it('fades nothing when fading is off', () => {
    const c = colouring(pass(null).mask);
    for (let f = 0; f < tree.length; f++) expect(c.isFaded(c.of(f))).toBe(false);
  });

  it('fades toward a pale grey that keeps the hue, unlike the search dimming', () => {
    const fills = colouring(null).fills;
    const red = parseColour(fills[DIFF_BUCKETS - 1]!);
    const faded = parseColour(fadedColour(fills[DIFF_BUCKETS - 1]!, THEMES.light));
    expect(faded[0]).toBeGreaterThan(faded[2]); // still reddish
    expect(faded[0] - faded[2]).toBeLessThan(red[0] - red[2]); // but less saturated
  });

  it('ranks faded colours below full ones when picking a merged run colour', () => {
    const c = colouring(null);
    expect(c.strength(DIFF_BUCKETS + DIFF_BUCKETS - 1)).toBeLessThan(c.strength(DIFF_STEPS + 1));
  });
});
