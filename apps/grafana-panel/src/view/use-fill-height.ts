import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** First guess of a flame graph's toolbar and breadcrumbs (one line each), corrected before the first paint. */
export const GRAPH_CHROME_GUESS_PX = 56;
/** The graph keeps at least two rows, however small the panel. */
const MIN_GRAPH_PX = 36;

/**
 * The `height` to give a component whose own chrome sits above the part that takes a height — the
 * `<FlameGraph>` scroll area under its toolbar and breadcrumbs (which wrap on narrow panels), the
 * `<FunctionTable>` grid under its filter bar — so that the whole component fills `available` CSS px.
 * The component is the only child of `box`; its chrome is whatever it is taller than the height it was
 * given.
 */
export function useFillHeight(box: RefObject<HTMLDivElement | null>, available: number, chromeGuess = GRAPH_CHROME_GUESS_PX, min = MIN_GRAPH_PX): number {
  const [chrome, setChrome] = useState(chromeGuess);
  const height = Math.max(min, available - chrome);
  const given = useRef(height);
  given.current = height;
  useLayoutEffect(() => {
    const root = box.current?.firstElementChild;
    if (!(root instanceof HTMLElement)) return;
    // the exact (fractional) height: toolbar rows are not whole pixels tall, and offsetHeight rounds
    return whileResized(root, () => setChrome(Math.max(0, root.getBoundingClientRect().height - given.current)));
  }, [box]);
  return height;
}

/** The height of `box` in CSS px, kept up to date (`guess` until it is first measured). */
export function useBoxHeight(box: RefObject<HTMLElement | null>, guess: number): number {
  const [height, setHeight] = useState(guess);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return setHeight(0);
    return whileResized(el, () => setHeight(el.getBoundingClientRect().height));
  }, [box]);
  return height;
}

/** Runs `measure` now and whenever `element` changes size; returns what stops it. */
function whileResized(element: Element, measure: () => void): (() => void) | undefined {
  measure();
  if (typeof ResizeObserver === 'undefined') return undefined;
  const observer = new ResizeObserver(measure);
  observer.observe(element);
  return () => observer.disconnect();
}
