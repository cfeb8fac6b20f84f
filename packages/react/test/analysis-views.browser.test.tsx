import { applyTransforms, functionTable, sandwich, type Transform } from '@flamelens/core';
import { diffFromFolded, frameAt, treeFromFolded } from '@flamelens/core/testing';
import { FlameGraph, FunctionTable, SandwichView, TransformBar, transformForAction, type FrameAction, type FrameActionInfo } from '@flamelens/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { barCorner, canvasIn, mounter, pixelAt } from './support.tsx';

const TREE = treeFromFolded(`
  main;encoding/json.Unmarshal;encoding/json.(*decodeState).object 6
  main;encoding/json.Unmarshal;reflect.Value.Set 2
  main;render;encoding/json.Unmarshal 2
  main;render 3
  gc;mark 4
`);
const { mount, cleanup } = mounter();
afterEach(cleanup);

/** What a host does: a table row click highlights the function in the graph. */
function TableAndGraph() {
  const [selected, setSelected] = useState<{ id: number; name: string } | null>(null);
  return (
    <>
      <FlameGraph profile={TREE} highlightName={selected?.name ?? null} toolbar />
      <FunctionTable table={functionTable(TREE)} names={TREE.names} unit={TREE.unit} selectedNameId={selected?.id ?? null} onSelect={(id, name) => setSelected({ id, name })} />
    </>
  );
}

describe('a function table row highlights the function in the graph', () => {
  it('marks the renderer state, dims other functions and keeps every frame of the function at full colour', async () => {
    const { q } = mount(<TableAndGraph />);
    const canvas = await canvasIn(q('flame-area'));
    const unmarshalOuter = frameAt(TREE, 'main;encoding/json.Unmarshal');
    const unmarshalInner = frameAt(TREE, 'main;render;encoding/json.Unmarshal');
    const mark = frameAt(TREE, 'gc;mark');
    const at = (frame: number) => {
      const p = barCorner(canvas, TREE, frame);
      return pixelAt(canvas, p.x, p.y);
    };
    await expect.poll(() => at(mark)).not.toBe('0,0,0,0');
    const before = { outer: at(unmarshalOuter), inner: at(unmarshalInner), mark: at(mark) };

    const row = [...q('function-table')!.querySelectorAll('[role="row"]')].find((r) => r.firstElementChild?.textContent === 'encoding/json.Unmarshal') as HTMLElement;
    row.click();
    await expect.poll(() => q('flame-area')!.dataset.highlight).toBe('encoding/json.Unmarshal');
    await expect.poll(() => row.getAttribute('aria-selected')).toBe('true');
    // the toolbar reads the function's total once per stack: 8 + 2 of 17
    await expect.poll(() => q('flame-graph')!.textContent).toContain('highlighted: 10 · 58.8% of 17');
    await expect.poll(() => at(mark)).not.toBe(before.mark); // dimmed
    expect(at(unmarshalOuter)).toBe(before.outer); // both calls at full colour
    expect(at(unmarshalInner)).toBe(before.inner);
  });
});

describe('frame context actions', () => {
  it('opens a menu on right-click and reports the chosen action with the frame; the host makes the transform', async () => {
    const actions: [FrameAction, FrameActionInfo][] = [];
    const { q, container } = mount(<FlameGraph profile={TREE} onFrameAction={(a, info) => actions.push([a, info])} />);
    const canvas = await canvasIn(q('flame-area'));
    const frame = frameAt(TREE, 'main;render');
    const p = barCorner(canvas, TREE, frame);
    const rect = canvas.getBoundingClientRect();
    canvas.dispatchEvent(new MouseEvent('contextmenu', { clientX: rect.left + p.x + 4, clientY: rect.top + p.y + 4, bubbles: true, cancelable: true }));
    await expect.poll(() => q('frame-menu')).not.toBeNull();
    expect(q('frame-menu')!.getAttribute('aria-label')).toBe('Actions for render');
    expect(document.activeElement?.getAttribute('data-action')).toBe('show-sandwich');
    (container.querySelector('[data-action="hide-function"]') as HTMLElement).click();
    await expect.poll(() => q('frame-menu')).toBeNull();
    expect(actions.map(([a, info]) => [a, info.name, info.frame, info.path.join(';')])).toEqual([['hide-function', 'render', frame, 'main;render']]);
    expect(transformForAction('hide-function', actions[0]![1])).toEqual({ kind: 'hide', match: { name: 'render' } });
  });

  it('opens the menu from the keyboard on the selected frame, and closes it with Escape', async () => {
    const { q } = mount(<FlameGraph profile={TREE} onFrameAction={() => {}} />);
    const area = q('flame-area')!;
    await canvasIn(area);
    area.focus();
    area.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    area.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true })); // gc
    area.dispatchEvent(new KeyboardEvent('keydown', { key: 'F10', shiftKey: true, bubbles: true }));
    await expect.poll(() => q('frame-menu')?.getAttribute('aria-label')).toBe('Actions for gc');
    document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await expect.poll(() => q('frame-menu')).toBeNull();
    expect(document.activeElement).toBe(area);
  });

  it('has no menu when the host takes no actions', async () => {
    const { q } = mount(<FlameGraph profile={TREE} />);
    const canvas = await canvasIn(q('flame-area'));
    const rect = canvas.getBoundingClientRect();
    const event = new MouseEvent('contextmenu', { clientX: rect.left + 5, clientY: rect.top + 5, bubbles: true, cancelable: true });
    canvas.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
    expect(q('frame-menu')).toBeNull();
  });
});

/** A host with a sandwich that a button opens and the view's ✕ closes. */
function SandwichHost({ name }: { name: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" data-testid="open" onClick={() => setOpen(true)}>
        open
      </button>
      {open && <SandwichView name={name} sandwich={sandwich(TREE, name)} onClose={() => setOpen(false)} />}
    </>
  );
}

describe('<SandwichView>', () => {
  it('draws the callers above the function (flame) and the callees below it (icicle), and closes', async () => {
    const { q } = mount(<SandwichHost name="encoding/json.Unmarshal" />);
    q('open')!.click();
    await expect.poll(() => q('sandwich-view')).not.toBeNull();
    expect(q('sandwich-view')!.dataset.function).toBe('encoding/json.Unmarshal');
    const callers = await canvasIn(q('sandwich-callers'));
    const callees = await canvasIn(q('sandwich-callees'));
    // callers: all → Unmarshal → {main, render → main}: 4 rows, root at the bottom; callees: all → Unmarshal → 2 children
    const h = callers.getBoundingClientRect().height;
    await expect.poll(() => pixelAt(callers, 5, h - 3)).not.toBe('0,0,0,0');
    expect(pixelAt(callers, 5, h - 18 - 3)).not.toBe(pixelAt(callers, 5, 2)); // function row vs the empty top-left
    await expect.poll(() => pixelAt(callees, 5, 3)).not.toBe('0,0,0,0');
    expect(q('sandwich-callers')!.querySelector('[data-testid="flame-area"]')!.getAttribute('aria-roledescription')).toBe('flame graph');
    q('sandwich-close')!.click();
    await expect.poll(() => q('sandwich-view')).toBeNull();
  });

  it('of a diff: one legend for both halves, one colour scale (full colour at the larger largest change)', async () => {
    // wholes 10 → 20; f and its caller a: 40% → 60% (+20 pp); below f, g 40% → 10% (−30 pp) and h new at
    // 50% (+50 pp): the largest change is in the callees half, the legend's scale must cover it
    const diff = diffFromFolded('main;a;f;g 4\nmain;x 6', 'main;a;f;g 2\nmain;a;f;h 10\nmain;x 8');
    const halves = sandwich(diff, 'f');
    const { q, container } = mount(<SandwichView name="f" sandwich={halves} onClose={() => {}} />);
    await expect.poll(() => q('sandwich-view')?.querySelectorAll('[data-testid="diff-legend"]').length).toBe(1);
    expect(container.querySelectorAll('[data-testid="diff-legend"]')).toHaveLength(1);
    const ticks = [...q('sandwich-view')!.querySelectorAll('[data-testid="diff-legend-tick"]')].map((t) => t.textContent);
    expect(ticks).toEqual(['−50 pp', '0', '+50 pp']);
    // the wholes are the profiles' (10 and 20), not f's
    expect(q('diff-legend-baseline-total')!.textContent).toContain(': 10');
    expect(q('diff-legend-comparison-total')!.textContent).toContain(': 20');
  });
});

/** A host keeping transforms in state and applying them on the page (the app does it in the worker). */
function TransformHost({ initial }: { initial: readonly Transform[] }) {
  const [transforms, setTransforms] = useState(initial);
  const [inverted, setInverted] = useState(false);
  const result = applyTransforms(TREE, transforms);
  return (
    <>
      <TransformBar transforms={transforms} applied={result.ok ? result.applied : undefined} onChange={setTransforms} inverted={inverted} onInvertedChange={setInverted} />
      <output data-testid="total">{result.ok ? `${result.tree.total[0]} ${result.tree.length}` : ''}</output>
    </>
  );
}

describe('<TransformBar>', () => {
  it('adds a preset and merge recursion as chips, says when one matched nothing, and removes them', async () => {
    const { q, container } = mount(<TransformHost initial={[{ kind: 'hide', match: { name: 'render' } }]} />);
    const chips = () => [...container.querySelectorAll('[data-testid="transform-chip"]')].map((c) => c.textContent);
    expect(chips()).toEqual(['Hide render1 frame✕']);
    // render vanishes and its Unmarshal call joins main's: two frames fewer, the same total
    expect(q('total')!.textContent).toBe(`17 ${TREE.length - 2}`);
    q('transform-add')!.click();
    await expect.poll(() => q('transform-menu')).not.toBeNull();
    (container.querySelector('[data-preset="go-runtime"]') as HTMLElement).click();
    await expect.poll(() => chips()).toEqual(['Hide render1 frame✕', 'Hide Go runtimematched nothing✕']);
    expect(q('transform-menu')).toBeNull();
    q('transform-add')!.click();
    await expect.poll(() => q('add-merge-recursion')).not.toBeNull();
    q('add-merge-recursion')!.click();
    await expect.poll(() => chips()).toHaveLength(3);
    (container.querySelector('[aria-label="Remove: Hide render"]') as HTMLElement).click();
    await expect.poll(() => chips()).toEqual(['Hide Go runtimematched nothing✕', 'Merge recursionmatched nothing✕']);
    expect(q('total')!.textContent).toBe(`17 ${TREE.length}`);
    q('invert-toggle')!.click();
    await expect.poll(() => q('invert-toggle')!.getAttribute('aria-pressed')).toBe('true');
  });

  it('the add menu is a menu: focus on its first item, arrows move, Escape or a click outside closes it', async () => {
    const { q, container } = mount(<TransformHost initial={[]} />);
    const key = (k: string) => document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    const focused = () => (document.activeElement as HTMLElement | null)?.textContent;
    q('transform-add')!.click();
    await expect.poll(focused).toBe('Hide Go runtime');
    key('ArrowDown');
    expect(focused()).toBe('Hide JVM internals');
    key('End');
    expect(focused()).toBe('Merge recursion');
    key('ArrowDown'); // wraps
    expect(focused()).toBe('Hide Go runtime');
    key('Escape');
    await expect.poll(() => q('transform-menu')).toBeNull();
    expect(document.activeElement).toBe(q('transform-add')); // back on its button
    // a press outside closes it; a press on its button closes it too (not closed, then opened again)
    q('transform-add')!.click();
    await expect.poll(() => q('transform-menu')).not.toBeNull();
    q('total')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    await expect.poll(() => q('transform-menu')).toBeNull();
    q('transform-add')!.click();
    await expect.poll(() => q('transform-menu')).not.toBeNull();
    q('transform-add')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    q('transform-add')!.click();
    await expect.poll(() => q('transform-menu')).toBeNull();
    // typing in its regex field: Home stays in the field
    q('transform-add')!.click();
    await expect.poll(() => q('transform-menu')).not.toBeNull();
    const field = container.querySelector<HTMLInputElement>('[data-testid="transform-menu"] input')!;
    field.focus();
    key('Home');
    expect(document.activeElement).toBe(field);
  });
});
