/**
 * Diagonal hatching laid over frames that exist on one side of a diff only, so "new" and "removed" read
 * as a mark of their own and not as "very red" / "very blue": `new` leans right (/), `removed` left (\).
 * One pattern per context, colour, device pixel ratio and direction, created once and reused.
 */
const caches = new WeakMap<CanvasRenderingContext2D, Map<string, CanvasPattern>>();

/** Spacing of the hatch lines, CSS px. */
const HATCH_SPACING = 6;

export function hatchPattern(ctx: CanvasRenderingContext2D, colour: string, dpr: number, kind: 'new' | 'removed'): CanvasPattern | string {
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = new Map()));
  const key = `${colour}|${dpr}|${kind}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const size = Math.max(2, Math.round(HATCH_SPACING * dpr));
  const tile = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(size, size) : Object.assign(document.createElement('canvas'), { width: size, height: size });
  const t = tile.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!t) return 'transparent';
  t.strokeStyle = colour;
  t.lineWidth = Math.max(1, dpr);
  t.beginPath();
  // A line corner to corner plus the two corner stubs, so tiles join into continuous stripes.
  if (kind === 'new') {
    t.moveTo(0, size);
    t.lineTo(size, 0);
    t.moveTo(-1, 1);
    t.lineTo(1, -1);
    t.moveTo(size - 1, size + 1);
    t.lineTo(size + 1, size - 1);
  } else {
    t.moveTo(0, 0);
    t.lineTo(size, size);
    t.moveTo(size - 1, -1);
    t.lineTo(size + 1, 1);
    t.moveTo(-1, size - 1);
    t.lineTo(1, size + 1);
  }
  t.stroke();
  const pattern = ctx.createPattern(tile, 'repeat');
  if (!pattern) return 'transparent';
  cache.set(key, pattern);
  return pattern;
}
