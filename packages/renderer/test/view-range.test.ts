import { treeFromFolded } from '@flamelens/core/testing';
import { clampRange, hitTest, offsetOf, panRange, wheelZoomFactor, zoomRange, type Geometry } from '@flamelens/renderer';
import { frameAt } from '@flamelens/core/testing';
import { describe, expect, it } from 'vitest';
import { layoutOf } from './fixtures.ts';

describe('zoom and pan', () => {
  it('keeps the value under the pointer in place when zooming', () => {
    const range = { start: 0, end: 100 };
    zoomRange(range, 100, 0.25, 2);
    expect(range.end - range.start).toBe(50);
    expect(range.start + 0.25 * (range.end - range.start)).toBe(25);
  });

  it('never zooms out past the whole or pans outside it', () => {
    const range = { start: 10, end: 30 };
    zoomRange(range, 100, 0.5, 0.01);
    expect(range).toEqual({ start: 0, end: 100 });
    const narrow = { start: 80, end: 90 };
    panRange(narrow, 100, 5);
    expect(narrow).toEqual({ start: 90, end: 100 });
    expect(clampRange({ start: -5, end: 5 }, 100)).toEqual({ start: 0, end: 10 });
  });

  it('turns a wheel notch into a modest zoom step, in either direction', () => {
    expect(wheelZoomFactor(-100, 0)).toBeGreaterThan(1.2);
    expect(wheelZoomFactor(100, 0) * wheelZoomFactor(-100, 0)).toBeCloseTo(1, 12);
    expect(wheelZoomFactor(-3, 1)).toBeCloseTo(wheelZoomFactor(-48, 0), 12);
  });
});

describe('hit testing', () => {
  const tree = treeFromFolded(`
    main;parse;read 3
    main;render 5
    gc 2
  `);
  const layout = layoutOf(tree);
  const base: Geometry = { view: 'icicle', start: 0, end: 10, cssWidth: 1000, cssHeight: 200, rowHeight: 20, scrollY: 0 };

  it('finds the frame under a point in the icicle view (root on top)', () => {
    // gc [0,2) | main [2,10): parse [2,5), render [5,10)
    expect(hitTest(layout, base, 500, 5)).toBe(0);
    expect(hitTest(layout, base, 100, 25)).toBe(frameAt(tree, 'gc'));
    expect(hitTest(layout, base, 300, 45)).toBe(frameAt(tree, 'main;parse'));
    expect(hitTest(layout, base, 300, 65)).toBe(frameAt(tree, 'main;parse;read'));
    expect(hitTest(layout, base, 600, 65)).toBe(-1);
    expect(hitTest(layout, base, 600, 150)).toBe(-1);
  });

  it('finds it in the flame view (root at the bottom) and when scrolled', () => {
    const flame = { ...base, view: 'flame' as const };
    expect(hitTest(layout, flame, 500, 195)).toBe(0);
    expect(hitTest(layout, flame, 300, 155)).toBe(frameAt(tree, 'main;parse'));
    const scrolled = { ...base, scrollY: 20 };
    expect(hitTest(layout, scrolled, 300, 5)).toBe(frameAt(tree, 'main'));
  });

  it('follows zoom: the same point names a deeper part of the tree', () => {
    const parse = frameAt(tree, 'main;parse');
    const zoomed = { ...base, start: offsetOf(layout, parse), end: offsetOf(layout, parse) + 3 };
    expect(hitTest(layout, zoomed, 999, 45)).toBe(parse);
    expect(hitTest(layout, zoomed, 1, 25)).toBe(frameAt(tree, 'main'));
  });
});
