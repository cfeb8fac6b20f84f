/**
 * Frame names are text, never HTML (issue 8): names carrying markup, script URLs, control characters,
 * bidi overrides and invalid UTF-8 go through every place <FlameGraph> shows a name — the canvas
 * label, the tooltip, the breadcrumbs, the live region, the search figures — in real Chromium. No element
 * is made from a name, no payload runs (each would set a window flag), and what is shown is
 * `displayName(name)`: the name itself, with control characters as pictures and layout controls as �.
 */
import { displayName, foldToString, functionTable, importCollapsedSync, type FrameTree } from '@flamelens/core';
import { frameAt, treeFromFolded } from '@flamelens/core/testing';
import { FlameGraph, FunctionTable, SandwichView, TransformBar, type FlameGraphProps } from '@flamelens/react';
import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

declare global {
  interface Window {
    __flamelensXss?: unknown;
  }
}

/** Each payload would set window.__flamelensXss if it ever became markup or a URL that runs. No ';' (the folded separator). */
const PAYLOADS: [string, string][] = [
  ['a script element', '<script>window.__flamelensXss="script"</script>'],
  ['an image with onerror', '<img src=x onerror="window.__flamelensXss=\'img\'">'],
  ['an attribute break-out', '"><img src=x onerror=window.__flamelensXss=1 x="'],
  ['a javascript: URL', 'javascript:window.__flamelensXss="url"'],
  ['an svg with onload', '<svg onload=window.__flamelensXss=1><circle r=5></svg>'],
  ['an iframe', '<iframe srcdoc="<script>parent.__flamelensXss=1</script>"></iframe>'],
  ['HTML entities (no ;, the folded separator: legacy entities decode without it)', '&ltb&gt not bold &amp &#60b&#62'],
  ['control characters', 'ctl\u0000\u0001\u001b[31mred\u007f\u0085\u009b2J'],
  ['a right-to-left override', 'evil\u202Etxt.exe'],
  ['bidi isolates and marks', '\u2066isolated\u2069 mark\u200F end'],
];

/** Elements a name could only produce by being parsed as HTML. */
const FORBIDDEN = new Set(['SCRIPT', 'IMG', 'IFRAME', 'OBJECT', 'EMBED', 'A', 'B', 'CIRCLE', 'LINK', 'STYLE', 'META']);

let root: Root | null = null;
let container: HTMLDivElement | null = null;
const drawnText: string[] = [];
const created: string[] = [];
const observer = new MutationObserver((records) => {
  for (const r of records) {
    for (const node of r.addedNodes) {
      if (!(node instanceof Element)) continue;
      for (const el of [node, ...node.querySelectorAll('*')]) {
        if (FORBIDDEN.has(el.tagName.toUpperCase())) created.push(el.tagName);
        for (const attr of el.getAttributeNames()) if (/^on/i.test(attr)) created.push(`${el.tagName}[${attr}]`);
      }
    }
  }
});
const originalFillText = CanvasRenderingContext2D.prototype.fillText;

beforeAll(() => {
  // every label the renderer draws, as the string handed to the canvas
  CanvasRenderingContext2D.prototype.fillText = function (this: CanvasRenderingContext2D, text: string, x: number, y: number, maxWidth?: number) {
    drawnText.push(text);
    return maxWidth === undefined ? originalFillText.call(this, text, x, y) : originalFillText.call(this, text, x, y, maxWidth);
  };
  observer.observe(document.body, { childList: true, subtree: true });
});
afterAll(() => {
  CanvasRenderingContext2D.prototype.fillText = originalFillText;
  observer.disconnect();
});
afterEach(() => {
  root?.unmount();
  container?.remove();
  root = null;
  drawnText.length = 0;
  created.length = 0;
  delete window.__flamelensXss;
});

function mount(tree: FrameTree, props: Partial<FlameGraphProps> = {}) {
  container = document.createElement('div');
  container.style.width = '900px';
  document.body.append(container);
  root = createRoot(container);
  root.render(<FlameGraph profile={tree} {...props} />);
  const q = (id: string) => container!.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
  return { q, area: () => q('flame-area')! };
}

/**
 * Hovers the middle of the focused frame's row (depth 2; it spans the whole width) and reads the name line
 * of the tooltip. Polled: the pointer is moved again until the renderer has a layout to hit-test.
 */
function tooltipAfterHover(area: HTMLElement, q: (id: string) => HTMLElement | null): string | null | undefined {
  const rect = area.querySelector('canvas')!.getBoundingClientRect();
  area.dispatchEvent(new PointerEvent('pointermove', { clientX: rect.left + rect.width / 2, clientY: rect.top + 2 * 18 + 9, pointerType: 'mouse', bubbles: true }));
  return q('flame-tooltip')?.firstElementChild?.textContent;
}

describe.each(PAYLOADS)('a frame named with %s', (_, payload) => {
  const tree = treeFromFolded(`outer;${payload};inner 5\nother 3`);
  const shown = displayName(payload);

  it('is read as exactly that name', () => {
    expect(tree.names.get(tree.nameId[frameAt(tree, `outer;${payload}`)]!)).toBe(payload);
  });

  it('is drawn and announced as text everywhere, and nothing runs', async () => {
    const { q, area } = mount(tree, { defaultFocusPath: ['outer', payload] });
    // canvas label: the string drawn is the shown name
    await expect.poll(() => drawnText.includes(shown)).toBe(true);
    // breadcrumbs: all › outer › name, as button text and title
    await expect.poll(() => q('flame-breadcrumbs')?.textContent).toBe(`all›outer›${shown}`);
    const crumb = q('flame-breadcrumbs')!.querySelector('button[aria-current="true"]')!;
    expect([crumb.textContent, crumb.getAttribute('title'), crumb.childElementCount]).toEqual([shown, shown, 0]);
    // tooltip on hover
    await expect.poll(() => tooltipAfterHover(area(), q)).toBe(shown);
    expect(q('flame-tooltip')!.firstElementChild!.childElementCount).toBe(0);
    // live region: the keyboard selection starts at the focused frame
    area().focus();
    area().dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true }));
    await expect.poll(() => q('flame-live')?.textContent).toBe(`${shown}: total 5 (62.5% of all, 100% of parent), self 0. Depth 2.`);
    expect(q('flame-live')!.childElementCount).toBe(0);
    // the data attributes keep the name as written
    expect(area().dataset.focus).toBe(`outer;${payload}`);
    expect([created, window.__flamelensXss]).toEqual([[], undefined]);
  });

  it('is found by a search for its own text', async () => {
    const { q } = mount(tree, { search: payload });
    await expect.poll(() => q('flame-search-status')?.textContent).toBe('matched: 5 · 62.5% of 8');
    expect((q('flame-search') as HTMLInputElement).value).toBe(payload);
    expect([created, window.__flamelensXss]).toEqual([[], undefined]);
  });

  it('is shown as text in the function table, the sandwich title and a transform chip', async () => {
    const view = (node: ReactNode) => {
      container = document.createElement('div');
      document.body.append(container);
      root = createRoot(container);
      root.render(node);
      return (id: string) => container!.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
    };
    const q = view(
      <>
        <FunctionTable table={functionTable(tree)} names={tree.names} unit="" />
        <SandwichView name={payload} sandwich={null} onClose={() => undefined} />
        <TransformBar transforms={[{ kind: 'hide', match: { name: payload } }]} onChange={() => undefined} />
      </>,
    );
    await expect.poll(() => [...(q('function-grid')?.querySelectorAll('[role=row][data-name-id] [role=gridcell]:first-child') ?? [])].map((c) => c.textContent)).toContain(shown);
    expect(q('sandwich-view')!.querySelector('code')!.textContent).toBe(shown);
    expect(q('transform-chip')!.textContent).toContain(shown);
    expect([created, window.__flamelensXss]).toEqual([[], undefined]);
  });

  it('round-trips through the folded export exactly', () => {
    // children are in code point order: "other" < "outer"
    expect(foldToString(tree)).toBe(`other 3\nouter;${payload};inner 5\n`);
  });
});

describe('invalid UTF-8 in a name', () => {
  const bytes = new Uint8Array([...new TextEncoder().encode('outer;bad'), 0xff, 0xfe, 0xc3, ...new TextEncoder().encode('name;inner 5\nother 3\n')]);
  const tree = importCollapsedSync(bytes);
  const name = 'bad\ufffd\ufffd\ufffdname';

  it('is read once with U+FFFD for each bad byte, and exported that way', () => {
    expect(tree.names.toArray()).toContain(name);
    expect(foldToString(tree)).toBe(`other 3\nouter;${name};inner 5\n`);
  });

  it('shows the replacement characters in the tooltip, breadcrumbs and on the canvas', async () => {
    const { q, area } = mount(tree, { defaultFocusPath: ['outer', name] });
    await expect.poll(() => drawnText.includes(name)).toBe(true);
    await expect.poll(() => q('flame-breadcrumbs')?.textContent).toBe(`all›outer›${name}`);
    await expect.poll(() => tooltipAfterHover(area(), q)).toBe(name);
  });
});
