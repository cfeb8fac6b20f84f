import { useEffect, useState, type RefObject } from 'react';

/** The element's content height in CSS px, followed with a ResizeObserver (0 until it is laid out). */
export function useElementHeight(ref: RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setHeight(Math.round(entry!.contentRect.height)));
    observer.observe(element);
    setHeight(element.clientHeight);
    return () => observer.disconnect();
  });
  return height;
}
