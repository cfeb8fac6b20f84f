/** useProfileView and useSandwich through the real worker (ProfileParser) in real Chromium. */
import type { FrameTree, Transform, ViewSpec } from '@flamelens/core';
import { ProfileParser, type ProfileHandle } from '@flamelens/core/client';
import { FlameGraph, SandwichView, useProfileView, useSandwich } from '@flamelens/react';
import { afterEach, describe, expect, it } from 'vitest';
import { mounter } from './support.tsx';

const FOLDED = `main;work;runtime.mallocgc 3
main;work;compute 5
main;idle 2
`;
const { mount, cleanup } = mounter();
afterEach(cleanup);

interface Seen {
  total?: number;
  frames?: number;
  applied?: number[];
  functions?: number;
  error?: string | null;
  pending?: boolean;
  sandwich?: string;
}

function Host(p: { parser: ProfileParser; handle: ProfileHandle; spec: ViewSpec; sandwichOf?: string | null; seen: Seen }) {
  const view = useProfileView(p.parser, p.handle, p.spec);
  const s = useSandwich(p.parser, p.handle, p.spec, p.sandwichOf ?? null);
  Object.assign(p.seen, {
    total: view.tree?.total[0],
    frames: view.tree?.length,
    applied: view.applied.map((a) => a.matchedFrames),
    functions: view.functions[0]?.nameId.length,
    error: view.error?.message ?? null,
    pending: view.pending,
    sandwich: s.sandwich ? `${s.sandwich.callers.length}/${s.sandwich.callees.length}/${s.sandwich.callees.total[0]}` : undefined,
  });
  return <FlameGraph profile={view.tree} onTreeShown={view.treeShown} />;
}

/**
 * The parsed profiles of the running test. A page that asks for views of a profile holds its tree: the
 * worker forgets a profile whose tree the page dropped (AnalysisClient's FinalizationRegistry), so a test
 * that kept only the handle failed now and then with "no longer loaded", whenever a GC ran in between.
 */
const held: unknown[] = [];
afterEach(() => {
  held.length = 0;
});

async function parsed() {
  const parser = new ProfileParser();
  const outcome = await parser.parse(new TextEncoder().encode(FOLDED));
  if (!outcome.ok) throw new Error(outcome.error.message);
  held.push(outcome.profile);
  return { parser, handle: outcome.profile.handle };
}

const hide = (name: string): Transform => ({ kind: 'hide', match: { name } });

describe('useProfileView', () => {
  it('asks the worker for the view and its tables, and only the latest spec lands', async () => {
    const { parser, handle } = await parsed();
    const seen: Seen = {};
    const { rerender } = mount(<Host parser={parser} handle={handle} spec={{ transforms: [] }} seen={seen} />);
    await expect.poll(() => seen.frames).toBe(6); // all, main, work, mallocgc, compute, idle
    expect(seen.total).toBe(10);
    expect(seen.functions).toBe(5);
    // three specs in a row: the first two requests are aborted, the last one is shown
    rerender(<Host parser={parser} handle={handle} spec={{ transforms: [hide('work')] }} seen={seen} />);
    rerender(<Host parser={parser} handle={handle} spec={{ transforms: [hide('idle')] }} seen={seen} />);
    rerender(<Host parser={parser} handle={handle} spec={{ transforms: [{ kind: 'drop', match: { name: 'idle' } }, { kind: 'hide', match: { preset: 'go-runtime' } }] }} seen={seen} />);
    await expect.poll(() => seen.total).toBe(8);
    await expect.poll(() => seen.pending).toBe(false);
    expect(seen.applied).toEqual([1, 1]);
    expect(seen.frames).toBe(4); // all, main, work, compute
    parser.dispose();
  });

  it('reports a bad transform as a value and keeps the last good view', async () => {
    const { parser, handle } = await parsed();
    const seen: Seen = {};
    const { rerender } = mount(<Host parser={parser} handle={handle} spec={{ transforms: [hide('idle')] }} seen={seen} />);
    await expect.poll(() => seen.frames).toBe(5);
    rerender(<Host parser={parser} handle={handle} spec={{ transforms: [{ kind: 'keep', match: { regex: '(' } }] }} seen={seen} />);
    await expect.poll(() => seen.error).toMatch(/regular expression|pattern/i);
    expect(seen.frames).toBe(5);
    expect(seen.total).toBe(10);
    parser.dispose();
  });

  it('opens the sandwich of a function in the current view', async () => {
    const { parser, handle } = await parsed();
    const seen: Seen = {};
    mount(<Host parser={parser} handle={handle} spec={{ transforms: [] }} sandwichOf="work" seen={seen} />);
    // callers: all → work → main (3 frames); callees: all → work → {mallocgc, compute} (4), total 8
    await expect.poll(() => seen.sandwich).toBe('3/4/8');
    parser.dispose();
  });
});

describe('useSandwich', () => {
  /** The sandwich's halves on screen, and every tree handed back to the worker (with what was on screen then). */
  function watched(parser: ProfileParser) {
    const onScreen = new Set<FrameTree>();
    const recycled: { tree: FrameTree; wasOnScreen: boolean }[] = [];
    const recycle = parser.recycle.bind(parser);
    parser.recycle = (tree: FrameTree) => {
      recycled.push({ tree, wasOnScreen: onScreen.has(tree) });
      recycle(tree);
    };
    return { onScreen, recycled };
  }

  function SandwichHost(p: { parser: ProfileParser; handle: ProfileHandle; name: string | null; recycle?: boolean; onScreen: Set<FrameTree>; seen: { halves?: readonly FrameTree[] } }) {
    const s = useSandwich(p.parser, p.handle, { transforms: [] }, p.name, { recycle: p.recycle ?? true });
    p.onScreen.clear();
    if (p.name && s.sandwich) for (const half of [s.sandwich.callers, s.sandwich.callees]) p.onScreen.add(half);
    return p.name && s.sandwich ? (
      <SandwichView
        name={p.name}
        sandwich={s.sandwich}
        onClose={() => {}}
        onTreeShown={(half, tree) => {
          s.treeShown(half, tree);
          // the halves of the sandwich in the state drawn so far (once each)
          const shown = (p.seen.halves ?? []).filter((t) => t === s.sandwich?.callers || t === s.sandwich?.callees);
          p.seen.halves = shown.includes(tree) ? shown : [...shown, tree];
        }}
      />
    ) : null;
  }

  it('hands replaced and closed halves back to the worker, never halves on screen', async () => {
    const { parser, handle } = await parsed();
    const { onScreen, recycled } = watched(parser);
    const seen: { halves?: readonly FrameTree[] } = {};
    const { rerender } = mount(<SandwichHost parser={parser} handle={handle} name="work" onScreen={onScreen} seen={seen} />);
    await expect.poll(() => seen.halves?.length).toBe(2);
    const first = [...seen.halves!];
    expect(recycled).toEqual([]);

    seen.halves = [];
    rerender(<SandwichHost parser={parser} handle={handle} name="main" onScreen={onScreen} seen={seen} />);
    await expect.poll(() => seen.halves?.length).toBe(2);
    const second = [...seen.halves!];
    // the first function's halves go back once the second's are both drawn
    await expect.poll(() => recycled.map((r) => r.tree)).toEqual(expect.arrayContaining(first));
    expect(recycled).toHaveLength(2);

    rerender(<SandwichHost parser={parser} handle={handle} name={null} onScreen={onScreen} seen={seen} />);
    await expect.poll(() => recycled.length).toBe(4);
    expect(recycled.slice(2).map((r) => r.tree)).toEqual(expect.arrayContaining(second));
    expect(recycled.filter((r) => r.wasOnScreen)).toEqual([]);
    // a recycled tree's buffers went to the worker: nothing on the page reads them any more
    expect(first[0]!.total.length).toBe(0);
    parser.dispose();
  });

  it('keeps every half with recycle off', async () => {
    const { parser, handle } = await parsed();
    const { onScreen, recycled } = watched(parser);
    const seen: { halves?: readonly FrameTree[] } = {};
    const { rerender } = mount(<SandwichHost parser={parser} handle={handle} name="work" recycle={false} onScreen={onScreen} seen={seen} />);
    await expect.poll(() => seen.halves?.length).toBe(2);
    const first = [...seen.halves!];
    seen.halves = [];
    rerender(<SandwichHost parser={parser} handle={handle} name="main" recycle={false} onScreen={onScreen} seen={seen} />);
    await expect.poll(() => seen.halves?.length).toBe(2);
    rerender(<SandwichHost parser={parser} handle={handle} name={null} recycle={false} onScreen={onScreen} seen={seen} />);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(recycled).toEqual([]);
    expect(first[1]!.total[0]).toBe(8);
    parser.dispose();
  });
});

describe('previews of large views', () => {
  /** 211,003 frames (over PREVIEW_FROM_FRAMES): light stacks, each under 1e-5 of the whole, beside a heavy one. */
  const LARGE = [`heavy;h 3000000`, ...Array.from({ length: 70_000 }, (_, i) => `main;m${i % 1000};x${i};y${i};z${i} 1`)].join('\n');

  /** What happened, in order: each request (preview or exact) and each preview reported drawn. */
  async function largeProfile() {
    const parser = new ProfileParser();
    const outcome = await parser.parse(new TextEncoder().encode(LARGE));
    if (!outcome.ok) throw new Error(outcome.error.message);
    held.push(outcome.profile);
    const events: string[] = [];
    const view = parser.view.bind(parser);
    parser.view = (handle, spec, request = {}) => {
      events.push(request.preview ? 'view preview' : 'view exact');
      return view(handle, spec, request);
    };
    const sandwich = parser.sandwich.bind(parser);
    parser.sandwich = (handle, spec, name, request = {}) => {
      events.push(request.preview ? 'sandwich preview' : 'sandwich exact');
      return sandwich(handle, spec, name, request);
    };
    return { parser, handle: outcome.profile.handle, events };
  }

  function LargeHost(p: { parser: ProfileParser; handle: ProfileHandle; report: boolean; events: string[]; seen: { viewExact?: boolean; sandwichExact?: boolean } }) {
    const view = useProfileView(p.parser, p.handle, { transforms: [hide('m1')] });
    const s = useSandwich(p.parser, p.handle, { transforms: [] }, 'main');
    p.seen.viewExact = view.exact && view.tree !== null;
    p.seen.sandwichExact = s.sandwich?.exact;
    return (
      <>
        <FlameGraph
          profile={view.tree}
          onTreeShown={(t) => {
            if (!p.report) return;
            if (!view.exact) p.events.push('view preview drawn');
            view.treeShown(t);
          }}
        />
        {s.sandwich && (
          <SandwichView
            name="main"
            sandwich={s.sandwich}
            onClose={() => {}}
            onTreeShown={(half, t) => {
              if (!p.report) return;
              if (!s.sandwich?.exact) p.events.push(`sandwich preview ${half} drawn`);
              s.treeShown(half, t);
            }}
          />
        )}
      </>
    );
  }

  it('asks for the exact view and sandwich once their previews are drawn', async () => {
    const { parser, handle, events } = await largeProfile();
    const seen: { viewExact?: boolean; sandwichExact?: boolean } = {};
    mount(<LargeHost parser={parser} handle={handle} report events={events} seen={seen} />);
    await expect.poll(() => seen.viewExact, { timeout: 20_000 }).toBe(true);
    await expect.poll(() => seen.sandwichExact, { timeout: 20_000 }).toBe(true);
    const at = (e: string) => events.indexOf(e);
    expect(at('view preview')).toBeGreaterThanOrEqual(0);
    expect(at('view preview drawn')).toBeGreaterThan(at('view preview'));
    expect(at('view exact')).toBeGreaterThan(at('view preview drawn'));
    expect(at('sandwich exact')).toBeGreaterThan(at('sandwich preview callers drawn'));
    expect(at('sandwich exact')).toBeGreaterThan(at('sandwich preview callees drawn'));
    parser.dispose();
  });

  it('still gets the exact view and sandwich from a host that never reports them drawn', async () => {
    const { parser, handle, events } = await largeProfile();
    const seen: { viewExact?: boolean; sandwichExact?: boolean } = {};
    mount(<LargeHost parser={parser} handle={handle} report={false} events={events} seen={seen} />);
    await expect.poll(() => seen.viewExact, { timeout: 20_000 }).toBe(true);
    await expect.poll(() => seen.sandwichExact, { timeout: 20_000 }).toBe(true);
    expect(events.filter((e) => e.endsWith('drawn'))).toEqual([]);
    expect(events).toEqual(expect.arrayContaining(['view preview', 'view exact', 'sandwich preview', 'sandwich exact']));
    parser.dispose();
  });
});
