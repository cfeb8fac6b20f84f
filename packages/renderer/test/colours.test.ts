import { treeFromFolded, frameAt } from '@flamelens/core/testing';
import { BarColours, DIFF_STEPS, DiffReader, diffBucketColours, diffScale, packageOf, packagePalette, THEMES } from '@flamelens/renderer';
import { describe, expect, it } from 'vitest';
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
