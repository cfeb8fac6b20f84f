import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** First guess of the toolbar and breadcrumbs' height (one line each), corrected before the first paint. */
const CHROME_GUESS_PX = 56;
/** The graph keeps at least two rows, however small the panel. */
const MIN_GRAPH_PX = 36;

/**
 * The `height` to give `<FlameGraph>` (its scroll area) so that the whole component — toolbar and
 * breadcrumbs included, which wrap on narrow panels — fills `available` CSS px. The component is the
 * only child of `box`; its toolbar and breadcrumbs are whatever it is taller than the height it was given.
 */
export function useGraphHeight(box: RefObject<HTMLDivElement | null>, available: number): number {
  const [chrome, setChrome] = useState(CHROME_GUESS_PX);
  const height = Math.max(MIN_GRAPH_PX, available - chrome);
  const given = useRef(height);
  given.current = height;
  useLayoutEffect(() => {
    const root = box.current?.firstElementChild;
    if (!(root instanceof HTMLElement)) return;
    // the exact (fractional) height: toolbar rows are not whole pixels tall, and offsetHeight rounds
    const measure = () => setChrome(Math.max(0, root.getBoundingClientRect().height - given.current));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(root);
    return () => observer.disconnect();
  }, [box]);
  return height;
}
