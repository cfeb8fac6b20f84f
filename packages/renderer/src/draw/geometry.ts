import type { FlameLayout } from '../layout/flame-layout.ts';

/** Which way the tree grows: icicle = root on top, flame = root at the bottom. */
export type ViewKind = 'icicle' | 'flame';

/** Everything that maps layout numbers to CSS pixels on the canvas. */
export interface Geometry {
  readonly view: ViewKind;
  /** Visible value range. */
  readonly start: number;
  readonly end: number;
  /** Canvas size in CSS pixels. */
  readonly cssWidth: number;
  readonly cssHeight: number;
  /** Row height in CSS pixels. */
  readonly rowHeight: number;
  /** How far the content is scrolled from the root's edge, in CSS pixels (0 = root row at the edge). */
  readonly scrollY: number;
}

/** Top of row `depth` in CSS pixels (may be outside the canvas). */
export function rowTop(g: Geometry, depth: number): number {
  return g.view === 'icicle' ? depth * g.rowHeight - g.scrollY : g.cssHeight - (depth + 1) * g.rowHeight + g.scrollY;
}

/** Depth of the row under CSS y (may be outside [0, depthCount)). */
export function depthAt(g: Geometry, cssY: number): number {
  const fromRootEdge = g.view === 'icicle' ? cssY + g.scrollY : g.cssHeight - cssY + g.scrollY;
  return Math.floor(fromRootEdge / g.rowHeight);
}

/** First and last depth with any part on the canvas (inclusive), clamped to the layout's rows. */
export function visibleDepths(g: Geometry, layout: FlameLayout): [number, number] {
  const first = Math.max(0, Math.floor(g.scrollY / g.rowHeight));
  const last = Math.min(layout.depthCount - 1, Math.ceil((g.scrollY + g.cssHeight) / g.rowHeight) - 1);
  return [first, last];
}

/** CSS x of a value offset. */
export function xOf(g: Geometry, value: number): number {
  return ((value - g.start) * g.cssWidth) / (g.end - g.start);
}

/** Value offset under CSS x. */
export function valueAt(g: Geometry, cssX: number): number {
  return g.start + (cssX / g.cssWidth) * (g.end - g.start);
}

/** Height of the whole tree in CSS pixels (what a scroll container scrolls through). */
export function contentHeight(layout: FlameLayout, rowHeight: number): number {
  return layout.depthCount * rowHeight;
}
