import type { FrameIndex, FrameTree } from '@flamelens/core';
import { LayoutJob, offsetOf, runToEnd } from '@flamelens/renderer';
import type { ReactElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { expect } from 'vitest';

/** Mounts React elements into fresh containers; `cleanup()` after each test unmounts them. */
export function mounter() {
  const mounted: { root: Root; container: HTMLElement }[] = [];
  return {
    mount(element: ReactElement, width = 800) {
      const container = document.createElement('div');
      container.style.width = `${width}px`;
      document.body.append(container);
      const root = createRoot(container);
      flushSync(() => root.render(element));
      mounted.push({ root, container });
      return {
        container,
        q: (id: string) => container.querySelector(`[data-testid="${id}"]`) as HTMLElement | null,
        rerender: (next: ReactElement) => flushSync(() => root.render(next)),
      };
    },
    cleanup() {
      for (const { root, container } of mounted.splice(0)) {
        root.unmount();
        container.remove();
      }
    },
  };
}

/** The CSS point a little inside the top-left corner of `frame`'s bar (labels start further right). */
export function barCorner(canvas: HTMLCanvasElement, tree: FrameTree, frame: FrameIndex, rowHeight = 18) {
  const job = new LayoutJob(tree, 'total');
  runToEnd(job);
  const layout = job.layout!;
  const rect = canvas.getBoundingClientRect();
  return { x: (offsetOf(layout, frame) / layout.rootWidth) * rect.width + 2, y: tree.depth[frame]! * rowHeight + 3 };
}

/** The RGBA of the canvas pixel at a CSS point (relative to the canvas), as "r,g,b,a". */
export function pixelAt(canvas: HTMLCanvasElement, x: number, y: number): string {
  const rect = canvas.getBoundingClientRect();
  const scale = canvas.width / rect.width;
  return canvas.getContext('2d')!.getImageData(Math.floor(x * scale), Math.floor(y * scale), 1, 1).data.join();
}

/** Waits for the canvas inside `el` to be sized and painted. */
export async function canvasIn(el: HTMLElement | null): Promise<HTMLCanvasElement> {
  await expect.poll(() => el?.querySelector('canvas')?.width ?? 0).toBeGreaterThan(100);
  return el!.querySelector('canvas')!;
}

/** Sets an input's value as typing would (React listens to the native input event). */
export function typeInto(input: HTMLInputElement, text: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  setter.call(input, text);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
