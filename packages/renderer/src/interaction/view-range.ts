/**
 * The visible x range in value units, and the zoom/pan maths on it. Zoom and pan never re-lay out: they
 * change `start`/`end`, and a bar's device x is `(offset - start) * deviceWidth / (end - start)`.
 */
export interface ViewRange {
  start: number;
  end: number;
}

/**
 * The narrowest range one can zoom to, as a fraction of the root's width: ~10⁻¹² keeps the linear map
 * well inside float64 precision (offsets up to 10¹⁵ still resolve to sub-pixel steps).
 */
export const MIN_SPAN_FRACTION = 1e-12;

/** Keeps `range` inside [0, rootWidth] with a span between the minimum and the whole (mutates). */
export function clampRange(range: ViewRange, rootWidth: number): ViewRange {
  if (!(rootWidth > 0)) {
    range.start = 0;
    range.end = 1;
    return range;
  }
  let span = range.end - range.start;
  if (!(span > 0)) span = rootWidth;
  span = Math.min(rootWidth, Math.max(span, rootWidth * MIN_SPAN_FRACTION));
  let start = Number.isFinite(range.start) ? range.start : 0;
  start = Math.min(Math.max(0, start), rootWidth - span);
  range.start = start;
  range.end = start + span;
  return range;
}

/**
 * Zooms by `factor` (> 1 in, < 1 out) around the point at `anchor` (0 = left edge, 1 = right edge of the
 * view): the value under the pointer stays under the pointer (mutates).
 */
export function zoomRange(range: ViewRange, rootWidth: number, anchor: number, factor: number): ViewRange {
  const span = range.end - range.start;
  const pivot = range.start + anchor * span;
  const nextSpan = Math.min(rootWidth, Math.max(span / factor, rootWidth * MIN_SPAN_FRACTION));
  range.start = pivot - anchor * nextSpan;
  range.end = range.start + nextSpan;
  return clampRange(range, rootWidth);
}

/** Moves the view by `fraction` of its width (positive = content moves left, view moves right). */
export function panRange(range: ViewRange, rootWidth: number, fraction: number): ViewRange {
  const shift = (range.end - range.start) * fraction;
  range.start += shift;
  range.end += shift;
  return clampRange(range, rootWidth);
}

/** Wheel delta (pixels or lines) → zoom factor: one notch (~100 px) ≈ ×1.25, smooth for trackpads. */
export function wheelZoomFactor(deltaY: number, deltaMode: number): number {
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp(-pixels * 0.0022);
}
