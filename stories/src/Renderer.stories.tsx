import type { Meta, StoryObj } from '@storybook/react-vite';
import { importCollapsedSync } from '@flamelens/core';
import { FlameRenderer, type ViewKind } from '@flamelens/renderer';
import { useEffect, useRef } from 'react';
import { deepRecursionFolded } from './synthetic.ts';

/** The bare renderer: a canvas, a tree, a size, options — and clicks wired to focus by hand. */
function BareRenderer({ view, search }: { view: ViewKind; search: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const renderer = new FlameRenderer();
    host.current!.append(renderer.canvas);
    renderer.setTree(importCollapsedSync(new TextEncoder().encode(`${deepRecursionFolded(30)}\nmain;io;read 25\nmain;io;write 12\n`)));
    renderer.resize(720, 420);
    renderer.setOptions({ view, search: { text: search } });
    renderer.canvas.addEventListener('click', (e) => renderer.setOptions({ focus: Math.max(0, renderer.hitTest(e.offsetX, e.offsetY)) }));
    renderer.canvas.addEventListener('dblclick', () => renderer.setOptions({ focus: 0 }));
    const stop = renderer.watchDevicePixelRatio();
    return () => {
      stop();
      renderer.destroy();
      renderer.canvas.remove();
    };
  }, [view, search]);
  return <div ref={host} data-testid="bare-renderer" />;
}

const meta: Meta<typeof BareRenderer> = { title: 'Renderer/Bare canvas', component: BareRenderer, args: { view: 'icicle', search: '' } };
export default meta;

export const Icicle: StoryObj<typeof BareRenderer> = {};
export const FlameWithSearch: StoryObj<typeof BareRenderer> = { args: { view: 'flame', search: 'io' } };
