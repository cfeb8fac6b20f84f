import { wheelZoomFactor, type FlameRenderer } from '@flamelens/renderer';
import type { FrameIndex } from '@flamelens/core';
import { useEffect, useRef, type RefObject } from 'react';

/** A press that moves less than this (CSS px) is a click, not a drag. */
const CLICK_SLOP = 4;

export interface PointerHandlers {
  /** The pointer is over `frame` (-1: nothing) at CSS (x, y) relative to the scroll area's box. */
  readonly onHover: (frame: FrameIndex, x: number, y: number) => void;
  readonly onClick: (frame: FrameIndex, event: MouseEvent) => void;
  readonly onDoubleClick: () => void;
  /** Vertical drag: scroll by CSS px (positive = content moves up). */
  readonly onScrollBy: (dy: number) => void;
}

/**
 * Mouse, touch-pad and touch on the graph: hover (tooltip), click (focus), double-click (reset),
 * Ctrl/⌘+wheel or a touch-pad pinch (zoom around the pointer), a two-finger touch pinch (zoom around
 * the fingers), horizontal wheel (pan), drag (pan and scroll).
 * Plain vertical wheel is left to the browser: the scroll area scrolls natively.
 */
export function usePointer(area: RefObject<HTMLDivElement | null>, renderer: FlameRenderer, handlers: PointerHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    const el = area.current;
    if (!el) return;
    const canvasPoint = (e: { clientX: number; clientY: number }) => {
      const rect = renderer.canvas.getBoundingClientRect();
      return [e.clientX - rect.left, e.clientY - rect.top] as const;
    };
    const boxPoint = (e: { clientX: number; clientY: number }) => {
      const rect = el.getBoundingClientRect();
      return [e.clientX - rect.left, e.clientY - rect.top] as const;
    };
    let drag: { id: number; x: number; y: number; moved: boolean } | null = null;
    // Touch pinch: two pointers down; the change of their distance zooms around their midpoint.
    const touches = new Map<number, { x: number; y: number }>();
    /** Set from the second finger down until the last one lifts: those lifts are not clicks. */
    let pinched = false;
    const pinch = (e: PointerEvent): boolean => {
      const previous = touches.get(e.pointerId);
      if (!previous || touches.size !== 2) return false;
      const other = [...touches.entries()].find(([id]) => id !== e.pointerId)![1];
      const before = Math.hypot(previous.x - other.x, previous.y - other.y);
      const after = Math.hypot(e.clientX - other.x, e.clientY - other.y);
      touches.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (before > 0 && after > 0) {
        const [midX] = canvasPoint({ clientX: (e.clientX + other.x) / 2, clientY: (e.clientY + other.y) / 2 });
        renderer.zoomAt(midX, after / before);
      }
      return true;
    };

    const onWheel = (e: WheelEvent) => {
      const [x] = canvasPoint(e);
      if (e.ctrlKey || e.metaKey) {
        // Pinch on a touch-pad arrives as a wheel event with ctrlKey set.
        e.preventDefault();
        renderer.zoomAt(x, wheelZoomFactor(e.deltaY, e.deltaMode));
      } else if (Math.abs(e.deltaX) > Math.abs(e.deltaY) || e.shiftKey) {
        e.preventDefault();
        renderer.panBy(e.shiftKey && e.deltaX === 0 ? e.deltaY : e.deltaX);
      }
    };
    const onPointerDown = (e: PointerEvent) => {
      if (e.pointerType === 'touch') {
        touches.set(e.pointerId, { x: e.clientX, y: e.clientY });
        if (touches.size === 2) {
          drag = null;
          pinched = true;
        }
      }
      if (e.button !== 0 || pinched) return;
      drag = { id: e.pointerId, x: e.clientX, y: e.clientY, moved: false };
    };
    const onPointerMove = (e: PointerEvent) => {
      if (e.pointerType === 'touch' && pinch(e)) return;
      if (drag && drag.id === e.pointerId && (e.buttons & 1) === 1) {
        const dx = e.clientX - drag.x;
        const dy = e.clientY - drag.y;
        if (!drag.moved && Math.hypot(dx, dy) < CLICK_SLOP) return;
        if (!drag.moved) {
          drag.moved = true;
          el.setPointerCapture?.(e.pointerId);
          latest.current.onHover(-1, 0, 0);
        }
        renderer.panBy(-dx);
        latest.current.onScrollBy(-dy);
        drag.x = e.clientX;
        drag.y = e.clientY;
        return;
      }
      const [x, y] = canvasPoint(e);
      const [bx, by] = boxPoint(e);
      latest.current.onHover(renderer.hitTest(x, y), bx, by);
    };
    const onPointerUp = (e: PointerEvent) => {
      touches.delete(e.pointerId);
      if (pinched) {
        if (touches.size === 0) pinched = false;
        drag = null;
        return;
      }
      const wasDrag = drag?.moved ?? false;
      drag = null;
      if (el.hasPointerCapture?.(e.pointerId)) el.releasePointerCapture(e.pointerId);
      if (wasDrag || e.button !== 0) return;
      const [x, y] = canvasPoint(e);
      const frame = renderer.hitTest(x, y);
      if (frame >= 0) latest.current.onClick(frame, e);
    };
    const onLeave = () => latest.current.onHover(-1, 0, 0);
    const onDoubleClick = (e: MouseEvent) => {
      e.preventDefault();
      latest.current.onDoubleClick();
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    el.addEventListener('pointerdown', onPointerDown);
    el.addEventListener('pointermove', onPointerMove);
    el.addEventListener('pointerup', onPointerUp);
    el.addEventListener('pointercancel', onPointerUp);
    el.addEventListener('pointerleave', onLeave);
    el.addEventListener('dblclick', onDoubleClick);
    return () => {
      el.removeEventListener('wheel', onWheel);
      el.removeEventListener('pointerdown', onPointerDown);
      el.removeEventListener('pointermove', onPointerMove);
      el.removeEventListener('pointerup', onPointerUp);
      el.removeEventListener('pointercancel', onPointerUp);
      el.removeEventListener('pointerleave', onLeave);
      el.removeEventListener('dblclick', onDoubleClick);
    };
  }, [area, renderer]);
}
