import type { FrameIndex, FrameTree } from '@flamelens/core';
import { frameAt, treeFromFolded } from '@flamelens/core/testing';
import { FlameGraph, type FlameGraphProps, type FramePath } from '@flamelens/react';
import { LayoutJob, offsetOf, runToEnd } from '@flamelens/renderer';
import { StrictMode, version as reactVersion } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { recordCanvasHeights } from '../../renderer/test/canvas-heights.ts';

declare const __REACT_MAJOR__: number;

const TREE = treeFromFolded(`
  main;encoding/json.Unmarshal;encoding/json.(*decodeState).object 6
  main;encoding/json.Unmarshal;reflect.Value.Set 2
  main;render 3
  gc;mark 4
`);

let root: Root | null = null;
let container: HTMLDivElement | null = null;
afterEach(() => {
  root?.unmount();
  container?.remove();
  root = null;
});

function mount(props: Partial<FlameGraphProps> = {}, tree: FrameTree = TREE) {
  container = document.createElement('div');
  container.style.width = '800px';
  document.body.append(container);
  root = createRoot(container);
  root.render(<FlameGraph profile={tree} {...props} />);
  const q = (id: string) => container!.querySelector(`[data-testid="${id}"]`) as HTMLElement;
  return { area: () => q('flame-area'), q };
}

function key(el: HTMLElement, k: string, init: KeyboardEventInit = {}) {
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }));
}

/** Clicks the middle of `frame`'s bar on the canvas (whole view: x is the frame's share of the root). */
async function clickFrame(area: HTMLElement, frame: FrameIndex) {
  const canvas = area.querySelector('canvas')!;
  await expect.poll(() => canvas.width).toBeGreaterThan(100);
  const job = new LayoutJob(TREE, 'total');
  runToEnd(job);
  const layout = job.layout!;
  const rect = canvas.getBoundingClientRect();
  const x = rect.left + ((offsetOf(layout, frame) + layout.width[frame]! / 2) / layout.rootWidth) * rect.width;
  const y = rect.top + TREE.depth[frame]! * 18 + 9;
  area.dispatchEvent(new PointerEvent('pointerdown', { clientX: x, clientY: y, button: 0, buttons: 1, bubbles: true, pointerId: 1 }));
  area.dispatchEvent(new PointerEvent('pointerup', { clientX: x, clientY: y, button: 0, bubbles: true, pointerId: 1 }));
}

describe(`<FlameGraph> under React ${__REACT_MAJOR__}`, () => {
  it(`runs on React ${__REACT_MAJOR__}`, () => {
    expect(Number(reactVersion.split('.')[0])).toBe(__REACT_MAJOR__);
  });

  it("keeps drawing through StrictMode's second mount, and gives its canvas to the next graph once unmounted", async () => {
    const other = treeFromFolded('gc;mark 4\nmain;work 3\n');
    container = document.createElement('div');
    container.style.width = '800px';
    document.body.append(container);
    root = createRoot(container);
    root.render(
      <StrictMode>
        <FlameGraph profile={TREE} />
      </StrictMode>,
    );
    await expect.poll(() => Number(container!.querySelector('canvas')?.dataset.draws ?? 0)).toBeGreaterThan(0);
    const canvas = container.querySelector('canvas')!;
    await new Promise((resolve) => setTimeout(resolve, 20)); // a release after the first unmount would have run
    const draws = Number(canvas.dataset.draws);
    root.render(
      <StrictMode>
        <FlameGraph profile={other} />
      </StrictMode>,
    );
    await expect.poll(() => Number(canvas.dataset.draws)).toBeGreaterThan(draws);
    expect(canvas.isConnected).toBe(true);
    root.unmount();
    root = null;
    await new Promise((resolve) => setTimeout(resolve, 0));
    const { area } = mount({}, other);
    await expect.poll(() => Number(area()?.querySelector('canvas')?.dataset.draws ?? 0)).toBeGreaterThan(0);
    expect(area().querySelector('canvas')).toBe(canvas);
  });

  it('is drawn at its height from the first picture (sized from the tree, not its layout)', async () => {
    const { heights, stop } = recordCanvasHeights();
    try {
      const deep = treeFromFolded('a;b;c;d;e;f 3\na;g 1\n'); // 7 rows with the root
      const { area } = mount({ maxHeight: 600 }, deep);
      await expect.poll(() => Number(area()?.querySelector('canvas')?.dataset.draws ?? 0)).toBeGreaterThan(0);
      const canvas = area().querySelector('canvas')!;
      expect(canvas.style.height).toBe(`${7 * 18}px`);
      expect(heights.filter((h) => h !== canvas.height)).toEqual([]);
    } finally {
      stop();
    }
  });

  it('moves the selection with the arrow keys and reads it out in the live region', async () => {
    const { area, q } = mount();
    await expect.poll(() => area()?.querySelector('canvas')?.width ?? 0).toBeGreaterThan(100);
    area().focus();
    key(area(), 'ArrowDown'); // from nothing: the focused frame (the root)
    await expect.poll(() => area().dataset.selected).toBe('');
    key(area(), 'ArrowDown'); // first child of the root: gc (children are in name order)
    await expect.poll(() => area().dataset.selected).toBe('gc');
    key(area(), 'ArrowRight');
    await expect.poll(() => area().dataset.selected).toBe('main');
    key(area(), 'ArrowDown');
    await expect.poll(() => area().dataset.selected).toBe('main;encoding/json.Unmarshal');
    await expect.poll(() => q('flame-live').textContent).toMatch(/^encoding\/json\.Unmarshal: total 8 \(53\.3% of all, 72\.7% of parent\), self 0/);
    key(area(), 'ArrowUp');
    await expect.poll(() => area().dataset.selected).toBe('main');
  });

  it('focuses the selection on Enter, keeps history, and resets on Escape', async () => {
    const focusChanges: FramePath[] = [];
    const { area, q } = mount({ onFocusChange: (path) => focusChanges.push(path) });
    await expect.poll(() => area()?.querySelector('canvas')?.width ?? 0).toBeGreaterThan(100);
    area().focus();
    key(area(), 'ArrowDown');
    key(area(), 'ArrowDown');
    key(area(), 'ArrowRight');
    await expect.poll(() => area().dataset.selected).toBe('main');
    key(area(), 'Enter');
    await expect.poll(() => area().dataset.focus).toBe('main');
    expect(focusChanges).toEqual([['main']]);
    await expect.poll(() => q('flame-breadcrumbs').textContent).toBe('all›main');
    key(area(), 'Escape');
    await expect.poll(() => area().dataset.focus).toBe('');
    key(area(), '[');
    await expect.poll(() => area().dataset.focus).toBe('main');
    key(area(), ']');
    await expect.poll(() => area().dataset.focus).toBe('');
  });

  it('focuses a frame on click and reports it', async () => {
    const clicks: string[] = [];
    const { area } = mount({ onFrameClick: (info) => clicks.push(info.path.join(';')) });
    const unmarshal = frameAt(TREE, 'main;encoding/json.Unmarshal');
    await expect.poll(() => area()).toBeTruthy();
    await clickFrame(area(), unmarshal);
    await expect.poll(() => area().dataset.focus).toBe('main;encoding/json.Unmarshal');
    expect(clicks).toEqual(['main;encoding/json.Unmarshal']);
  });

  it('shows the matched share of a search, once per stack, and walks matches with Enter', async () => {
    const { area, q } = mount({ search: 'json' });
    await expect.poll(() => q('flame-search-status').textContent).toBe('matched: 8 · 53.3% of 15');
    const input = q('flame-search') as HTMLInputElement;
    key(input, 'Enter');
    await expect.poll(() => area().dataset.focus).toBe('main;encoding/json.Unmarshal');
    key(input, 'Enter');
    await expect.poll(() => area().dataset.focus).toBe('main;encoding/json.Unmarshal;encoding/json.(*decodeState).object');
  });

  it("writes values with the host's formatter (a Grafana unit) in the search figures and the live region", async () => {
    const { area, q } = mount({ search: 'json', formatValue: (v) => `${v.toFixed(2)} req` });
    await expect.poll(() => q('flame-search-status').textContent).toBe('matched: 8.00 req · 53.3% of 15.00 req');
    area().focus();
    key(area(), 'ArrowDown');
    await expect.poll(() => q('flame-live').textContent).toMatch(/^all: total 15\.00 req \(100% of all\), self 0\.00 req/);
  });

  it('says so when a regular expression is broken, and keeps drawing', async () => {
    const { q } = mount({ search: '(json', searchMode: 'regex' });
    await expect.poll(() => q('flame-search-status').textContent).toMatch(/Not a valid regular expression/);
  });

  it('zooms with Ctrl+wheel and with a two-finger pinch, without changing the focus', async () => {
    const { area } = mount();
    await expect.poll(() => area()?.querySelector('canvas')?.width ?? 0).toBeGreaterThan(100);
    const canvas = area().querySelector('canvas')!;
    const image = () => canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data.join();
    const rect = canvas.getBoundingClientRect();
    const whole = image();
    area().dispatchEvent(new WheelEvent('wheel', { deltaY: -300, ctrlKey: true, clientX: rect.left + 100, clientY: rect.top + 30, bubbles: true, cancelable: true }));
    await expect.poll(image).not.toBe(whole);
    const zoomed = image();
    const touch = (type: string, id: number, x: number) =>
      area().dispatchEvent(new PointerEvent(type, { pointerId: id, pointerType: 'touch', clientX: rect.left + x, clientY: rect.top + 30, button: 0, buttons: 1, bubbles: true }));
    touch('pointerdown', 11, 300);
    touch('pointerdown', 12, 400);
    touch('pointermove', 12, 600); // fingers apart: zoom in around them
    touch('pointerup', 12, 600);
    touch('pointerup', 11, 300);
    await expect.poll(image).not.toBe(zoomed);
    expect(area().dataset.focus).toBe('');
  });

  it('keeps focus as a path across a new tree (reload, other sample type)', async () => {
    const { area } = mount({ focusPath: ['main', 'render'] });
    await expect.poll(() => area().dataset.focus).toBe('main;render');
    const reloaded = treeFromFolded('main;render 7\nmain;other 1\n');
    root!.render(<FlameGraph profile={reloaded} focusPath={['main', 'render']} />);
    const canvas = area().querySelector('canvas')!;
    // The focused frame fills the width: its colour is at both edges of its row.
    await expect.poll(() => canvas.width).toBeGreaterThan(100);
    const ctx = canvas.getContext('2d')!;
    const row = Math.round((2 * 18 + 4) * devicePixelRatio);
    const left = ctx.getImageData(2, row, 1, 1).data.join();
    const right = ctx.getImageData(canvas.width - 4, row, 1, 1).data.join();
    expect(left).toBe(right);
  });
});
