import { FlameRenderer, type FlameRendererOptions } from '@flamelens/renderer';
import type { FrameTree } from '@flamelens/core';
import { useCallback, useLayoutEffect, useState, useSyncExternalStore, type RefObject } from 'react';

/**
 * The renderer behind one <FlameGraph>: created once (TanStack-style, `useState(() => new …)`), its
 * canvas mounted into `host`, fed the tree and options on every render (the renderer compares and
 * recomputes only what changed), and re-rendering React only when the renderer reports something the
 * UI shows (layout done, search figures) — not on zoom and pan.
 */
export function useFlameRenderer(tree: FrameTree | null, options: Partial<FlameRendererOptions>, host: RefObject<HTMLDivElement | null>) {
  // The version counts renderer events from the start (a small tree is laid out inside the first layout
  // effect, before React subscribes), so the first snapshot check after subscribing sees the change.
  const [store] = useState(() => {
    const created = { renderer: new FlameRenderer(undefined, options), version: 0, release: 0 as ReturnType<typeof setTimeout> | 0 };
    created.renderer.subscribe((event) => {
      if (event !== 'view') created.version++;
    });
    return created;
  });
  const renderer = store.renderer;
  // Zoom and pan ('view') redraw the canvas only: nothing React shows depends on them.
  const subscribe = useCallback((onChange: () => void) => renderer.subscribe((event) => event !== 'view' && onChange()), [renderer]);
  const renderVersion = useSyncExternalStore(subscribe, () => store.version, () => 0);

  // StrictMode unmounts and mounts again at once, and the renderer must go on (an unfinished layout
  // too): it is released (its canvas kept for the next graph, see FlameRenderer.release) only when no
  // mount follows the unmount in the same task.
  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return;
    if (store.release) clearTimeout(store.release);
    store.release = 0;
    el.append(renderer.canvas);
    renderer.canvas.style.display = 'block';
    const stopDpr = renderer.watchDevicePixelRatio();
    return () => {
      stopDpr();
      renderer.canvas.remove();
      store.release = setTimeout(() => renderer.release(), 0);
    };
  }, [renderer, host, store]);

  useLayoutEffect(() => {
    renderer.setTree(tree);
  }, [renderer, tree]);

  useLayoutEffect(() => {
    renderer.setOptions(options);
  });

  return { renderer, renderVersion };
}

/** Sizes the canvas: the width of `sizer` (a scroll area, without its scrollbar), the given height. */
export function useCanvasSize(renderer: FlameRenderer, sizer: RefObject<HTMLDivElement | null>, height: number): void {
  useLayoutEffect(() => {
    const el = sizer.current;
    if (!el) return;
    const apply = () => renderer.resize(el.clientWidth || 1, height);
    apply();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(apply);
    observer.observe(el);
    return () => observer.disconnect();
  }, [renderer, sizer, height]);
}
