import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

/** Rows drawn beyond the visible ones on each side, so a fast scroll shows no blank band for a frame. */
const OVERSCAN = 8;

/** The rows of a fixed-height list that are in (or near) the scroll area's viewport. */
export interface RowWindow {
  readonly first: number;
  /** Exclusive. */
  readonly end: number;
}

/**
 * Windowing for a list of `count` rows of `rowHeight` CSS px in the scroll container `scroller`: only the
 * rows in view (plus OVERSCAN) are rendered, so 100k rows cost as much as 40. Hand-written rather than a
 * library: rows have one fixed height, so it is a division; a virtualiser's measuring machinery would
 * add a dependency for nothing.
 */
export function useRowWindow(scroller: RefObject<HTMLElement | null>, count: number, rowHeight: number, viewportHeight: number) {
  const [scrollTop, setScrollTop] = useState(0);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => setScrollTop(el.scrollTop);
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, [scroller]);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const end = Math.min(count, Math.ceil((scrollTop + viewportHeight) / rowHeight) + OVERSCAN);
  /** Scrolls the least needed to show row `index` whole (below the sticky header of `headerHeight`). */
  const scrollToRow = useCallback(
    (index: number, headerHeight: number) => {
      const el = scroller.current;
      if (!el) return;
      const top = index * rowHeight;
      const visible = el.clientHeight - headerHeight;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + rowHeight > el.scrollTop + visible) el.scrollTop = top + rowHeight - visible;
      setScrollTop(el.scrollTop);
    },
    [scroller, rowHeight],
  );
  return { window: { first, end } satisfies RowWindow, scrollToRow };
}
