/**
 * Canvases of released renderers (`FlameRenderer.release`), kept for the next renderers. A canvas's bitmap
 * is allocated when it is first drawn on: on the benchmark machine (fresh memory costs 3–11 ms per MB) a
 * new 1600×500 canvas took 24–70 ms to its first picture and a reused one about 1 ms, and a sandwich
 * mounts two graphs each time it opens. At most two are kept: a sandwich's pair (at DPR 2 on a wide
 * screen that is tens of MB, so no more).
 */
const MAX_KEPT = 2;
const kept: HTMLCanvasElement[] = [];

/**
 * A kept canvas (detached, without attributes but its size, context state reset, cleared) or a new one.
 * The first kept goes first: graphs made together are released together and made again in the same order
 * (a sandwich's callers, then its callees), so each gets back a canvas of the size it had, and a bitmap
 * of another size is not allocated.
 */
export function takeCanvas(): HTMLCanvasElement {
  return kept.shift() ?? document.createElement('canvas');
}

/** Keeps `canvas` for a later renderer: nobody may draw on it or hold it afterwards. */
export function keepCanvas(canvas: HTMLCanvasElement): void {
  if (kept.length >= MAX_KEPT || kept.includes(canvas)) return;
  canvas.remove();
  // as a new element to its next owner: no attribute a renderer or a host set (the bitmap's size stays,
  // so the same size is not allocated again)
  for (const name of canvas.getAttributeNames()) if (name !== 'width' && name !== 'height') canvas.removeAttribute(name);
  // the state of a 2D context (transform, styles, font) outlives its owner: back to the defaults
  const ctx = canvas.getContext('2d', { alpha: false }) as (CanvasRenderingContext2D & { reset?: () => void }) | null;
  if (ctx?.reset) ctx.reset();
  else canvas.width = canvas.width;
  kept.push(canvas);
}
