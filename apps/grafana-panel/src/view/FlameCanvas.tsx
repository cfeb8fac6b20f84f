/**
 * The panel's drawing seam, today a small canvas flame graph of its own: `@flamelens/react` had not landed
 * on main when the panel was built. It takes a FrameTree (or DiffTree), draws the visible rows only, zooms
 * on click (the clicked frame fills the width, its ancestors stay on top), shows a tooltip on hover and
 * dims frames a search does not match. Replace its body with <FlameGraph> when the component is there.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { findPath, isDiffTree, pathOf, type DiffMetricOptions, type FrameIndex, type FrameTree } from '@flamelens/core';
import type { ColorScheme, DiffWidth, ViewOrientation } from '../options.ts';
import { diffColors, profileColors, type FrameColors } from './colors.ts';
import { frameAt, layOut, type FlameLayout } from './flame-layout.ts';
import { Tooltip } from './Tooltip.tsx';
import type { ViewTheme } from './view-theme.ts';

/** Row height in CSS pixels (label font 12px plus padding). */
export const ROW_HEIGHT = 18;
/** Bars narrower than this many CSS pixels are not drawn (nor their subtrees, which are narrower still). */
const MIN_BAR_PX = 0.5;
/** Average glyph width of the 12px label font, for fitting labels without measuring each one. */
const CHAR_PX = 6.6;

export interface FlameCanvasProps {
  readonly tree: FrameTree;
  readonly width: number;
  readonly height: number;
  readonly orientation: ViewOrientation;
  readonly colorScheme: ColorScheme;
  /** Case-insensitive substring; '' = no search. */
  readonly search: string;
  readonly diff: { readonly metric: DiffMetricOptions; readonly width: DiffWidth; readonly saturation: number };
  readonly theme: ViewTheme;
  readonly formatValue: (value: number) => string;
}

interface DrawState {
  readonly tree: FrameTree;
  readonly layout: FlameLayout;
  readonly colors: FrameColors;
  readonly match: Uint8Array | null;
  readonly focus: FrameIndex;
  readonly orientation: ViewOrientation;
  readonly width: number;
  readonly height: number;
  readonly scrollTop: number;
  readonly theme: ViewTheme;
}

export function FlameCanvas(props: FlameCanvasProps) {
  const { tree, width, height, orientation, theme } = props;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focusPath, setFocusPath] = useState<readonly string[]>([]);
  const [scrollTop, setScrollTop] = useState(0);
  const [hover, setHover] = useState<{ frame: FrameIndex; x: number; y: number } | null>(null);
  const layout = useMemo(() => layOut(tree, props.diff.width), [tree, props.diff.width]);
  const colors = useMemo(
    () => (isDiffTree(tree) ? diffColors(tree, props.diff.metric, props.diff.saturation) : profileColors(tree, props.colorScheme)),
    [tree, props.colorScheme, props.diff],
  );
  const match = useMemo(() => searchMatches(tree, props.search), [tree, props.search]);
  // focus is kept as a path of names, so it survives a refreshed frame
  const focus = Math.max(0, findPath(tree, focusPath));
  const contentHeight = Math.max(height, (tree.maxDepth + 1) * ROW_HEIGHT);

  useLayoutEffect(() => {
    // flame orientation starts scrolled to the root, at the bottom
    const el = scrollRef.current;
    if (el && orientation === 'flame') el.scrollTop = contentHeight - height;
  }, [tree, orientation, contentHeight, height]);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const state: DrawState = { tree, layout, colors, match, focus, orientation, width, height, scrollTop, theme };
    const frame = requestAnimationFrame(() => draw(canvas, state));
    return () => cancelAnimationFrame(frame);
  }, [tree, layout, colors, match, focus, orientation, width, height, scrollTop, theme]);

  useEffect(() => setHover(null), [tree]);

  const pick = (clientX: number, clientY: number): { frame: FrameIndex; x: number; y: number } | null => {
    const rect = canvasRef.current!.getBoundingClientRect();
    const x = clientX - rect.left;
    const y = clientY - rect.top;
    const row = Math.floor((y + scrollTop) / ROW_HEIGHT);
    const depth = orientation === 'icicle' ? row : Math.floor(contentHeight / ROW_HEIGHT) - 1 - row;
    const scale = layout.width[focus]! / width;
    const frame = frameAt(tree, layout, focus, depth, layout.start[focus]! + x * scale);
    return frame < 0 ? null : { frame, x, y };
  };

  const scrollerStyle: CSSProperties = { position: 'relative', width, height, overflowY: 'auto', overflowX: 'hidden' };
  return (
    <div
      ref={scrollRef}
      style={scrollerStyle}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={(e) => e.key === 'Escape' && setFocusPath([])}
      tabIndex={0}
      aria-label="Flame graph: click a frame to zoom in, Escape to zoom out"
    >
      <div style={{ height: contentHeight, position: 'relative' }}>
        <canvas
          ref={canvasRef}
          data-testid="flamelens-canvas"
          data-focus={focus === 0 ? '' : pathOf(tree, focus).join(';')}
          style={{ position: 'sticky', top: 0, display: 'block', width, height, cursor: 'pointer' }}
          width={Math.round(width * dpr())}
          height={Math.round(height * dpr())}
          onMouseMove={(e) => setHover(pick(e.clientX, e.clientY))}
          onMouseLeave={() => setHover(null)}
          onClick={(e) => {
            const hit = pick(e.clientX, e.clientY);
            if (hit) setFocusPath(pathOf(tree, hit.frame));
          }}
        />
      </div>
      {hover && (
        <Tooltip tree={tree} frame={hover.frame} x={hover.x} y={hover.y + scrollTop} panelWidth={width} theme={theme} formatValue={props.formatValue} metric={props.diff.metric} />
      )}
    </div>
  );
}

const dpr = () => (typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1);

/** For each name, 1 when it contains the search text (case-insensitive); null when there is no search. */
function searchMatches(tree: FrameTree, search: string): Uint8Array | null {
  const q = search.trim().toLowerCase();
  if (!q) return null;
  const match = new Uint8Array(tree.names.length);
  for (let n = 1; n < tree.names.length; n++) match[n] = tree.names.get(n).toLowerCase().includes(q) ? 1 : 0;
  return match;
}

/** Draws the visible rows: the focus's ancestors across the width, then its subtree, skipping sub-pixel bars. */
function draw(canvas: HTMLCanvasElement, s: DrawState): void {
  const t0 = performance.now();
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const ratio = canvas.width / s.width;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.fillStyle = s.theme.background;
  ctx.fillRect(0, 0, s.width, s.height);
  const { tree, layout, focus } = s;
  const span = layout.width[focus]!;
  if (span > 0) {
    ctx.font = `12px ${s.theme.fontFamily}`;
    ctx.textBaseline = 'middle';
    const scale = s.width / span;
    const x0 = layout.start[focus]!;
    const rows = Math.floor(Math.max(s.height, (tree.maxDepth + 1) * ROW_HEIGHT) / ROW_HEIGHT);
    const firstRow = Math.floor(s.scrollTop / ROW_HEIGHT);
    const lastRow = Math.ceil((s.scrollTop + s.height) / ROW_HEIGHT);
    const rowOf = (depth: number) => (s.orientation === 'icicle' ? depth : rows - 1 - depth);
    for (let f = focus; f >= 0; f = tree.parent[f]!) drawBar(ctx, s, f, 0, s.width, rowOf(tree.depth[f]!) * ROW_HEIGHT - s.scrollTop);
    const end = tree.subtreeEnd[focus]!;
    for (let i = focus + 1; i < end; ) {
      const w = layout.width[i]! * scale;
      const row = rowOf(tree.depth[i]!);
      const below = s.orientation === 'icicle' ? row > lastRow : row < firstRow;
      if (w < MIN_BAR_PX || below) {
        i = tree.subtreeEnd[i]!; // children are narrower and further from the root
        continue;
      }
      if (row >= firstRow && row <= lastRow) drawBar(ctx, s, i, (layout.start[i]! - x0) * scale, w, row * ROW_HEIGHT - s.scrollTop);
      i++;
    }
  }
  canvas.dataset.draws = String(Number(canvas.dataset.draws ?? 0) + 1);
  performance.clearMeasures('flamelens:draw');
  performance.measure('flamelens:draw', { start: t0 });
}

function drawBar(ctx: CanvasRenderingContext2D, s: DrawState, frame: FrameIndex, x: number, w: number, y: number): void {
  const dimmed = s.match !== null && s.match[s.tree.nameId[frame]!] === 0;
  ctx.fillStyle = dimmed ? s.theme.dimmed : s.colors.palette[s.colors.index[frame]!]!;
  ctx.fillRect(x, y, Math.max(w - 1, 0.5), ROW_HEIGHT - 1);
  if (w < 3 * CHAR_PX) return;
  const name = s.tree.names.get(s.tree.nameId[frame]!);
  const fits = Math.floor((w - 6) / CHAR_PX);
  ctx.fillStyle = dimmed ? s.theme.dimmedText : s.colors.text[s.colors.index[frame]!]!;
  // labels only on bars wide enough for three characters; longer names are cut with an ellipsis
  ctx.fillText(name.length <= fits ? name : name.slice(0, fits - 1) + '…', x + 3, y + ROW_HEIGHT / 2, w - 4);
}
