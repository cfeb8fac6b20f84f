import { useCallback, useEffect, useState } from 'react';

/**
 * The height in CSS px of the element given to the returned callback ref, followed with a
 * ResizeObserver (0 until it is laid out). One observer per element, not per render.
 */
export function useElementHeight<T extends HTMLElement>(): [number, (element: T | null) => void, T | null] {
  const [element, setElement] = useState<T | null>(null);
  const [height, setHeight] = useState(0);
  useEffect(() => {
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setHeight(Math.round(entry!.contentRect.height)));
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  const ref = useCallback((e: T | null) => setElement(e), []);
  return [height, ref, element];
}
