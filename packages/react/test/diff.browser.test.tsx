import { mergeDiff, type DiffTree, type FrameIndex } from '@flamelens/core';
import { frameAt, treeFromFolded } from '@flamelens/core/testing';
import { DiffLegend, DiffOptions, FlameGraph, type FlameGraphProps } from '@flamelens/react';
import { DEFAULT_DIFF_COLOURS, LayoutJob, offsetOf, runToEnd, THEMES, type DiffColourOptions } from '@flamelens/renderer';
import type { ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';

declare const __REACT_MAJOR__: number;

// Sample counts (folded), wholes 2000 and 2000:
//   grew     400 → 900   20% → 45%    far beyond noise
//   shrank   900 → 400   45% → 20%
//   steady   660 → 664   33% → 33.2%  within noise
//   gone      40 → 0     removed
//   fresh      0 → 36    new
const BEFORE = treeFromFolded(`
  main;serve;grew 400
  main;serve;shrank 900
  main;steady 660
  main;gone 40
`);
const AFTER = treeFromFolded(`
  main;serve;grew 900
  main;serve;shrank 400
  main;steady 664
  main;fresh 36
`);
const DIFF = mergeDiff(BEFORE, AFTER, { baselineName: 'before.folded', comparisonName: 'after.folded' });

let root: Root | null = null;
let container: HTMLDivElement | null = null;
afterEach(() => {
  root?.unmount();
  container?.remove();
  root = null;
});

function mount(element: ReactElement) {
  container = document.createElement('div');
  container.style.width = '900px';
  document.body.append(container);
  root = createRoot(container);
  root.render(element);
  const q = (id: string) => container!.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;
  return { q, rerender: (next: ReactElement) => root!.render(next) };
}

function graph(props: Partial<FlameGraphProps> & { profile: DiffTree }) {
  const view = mount(<FlameGraph {...props} />);
  const canvas = () => view.q('flame-area')!.querySelector('canvas')!;
  return { ...view, canvas };
}

/** [r, g, b] at `frame`'s bar, `dx` CSS px from its left edge and 2 px below its top (above the label). */
function barPixel(canvas: HTMLCanvasElement, tree: DiffTree, frame: FrameIndex, dx = 2): [number, number, number] {
  const job = new LayoutJob(tree, 'combined');
  runToEnd(job);
  const layout = job.layout!;
  const dpr = canvas.width / canvas.getBoundingClientRect().width;
  const x = (offsetOf(layout, frame) / layout.rootWidth) * canvas.width + dx * dpr;
  const y = (tree.depth[frame]! * 18 + 2) * dpr;
  const d = canvas.getContext('2d')!.getImageData(Math.floor(x), Math.floor(y), 1, 1).data;
  return [d[0]!, d[1]!, d[2]!];
}

function rgb(colour: string): number[] {
  const c = document.createElement('canvas').getContext('2d')!;
  c.fillStyle = colour;
  c.fillRect(0, 0, 1, 1);
  return [...c.getImageData(0, 0, 1, 1).data.slice(0, 3)];
}

const isRed = ([r, g, b]: number[]) => r! > b! + 60 && r! > g! + 60;
const isBlue = ([r, , b]: number[]) => b! > r! + 60;
const isGrey = (p: number[]) => Math.max(...p) - Math.min(...p) < 14;

async function painted(canvas: () => HTMLCanvasElement) {
  await expect.poll(() => canvas()?.width ?? 0).toBeGreaterThan(100);
  // The first paint happens on the next animation frame.
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
}

describe(`diff mode of <FlameGraph> under React ${__REACT_MAJOR__}`, () => {
  it('paints the grown frame red and the shrunk one blue, and swapping the sides flips them', async () => {
    const g = graph({ profile: DIFF });
    await painted(g.canvas);
    expect(isRed(barPixel(g.canvas(), DIFF, frameAt(DIFF, 'main;serve;grew')))).toBe(true);
    expect(isBlue(barPixel(g.canvas(), DIFF, frameAt(DIFF, 'main;serve;shrank')))).toBe(true);
    const swapped = mergeDiff(AFTER, BEFORE);
    g.rerender(<FlameGraph profile={swapped} />);
    await painted(g.canvas);
    expect(isBlue(barPixel(g.canvas(), swapped, frameAt(swapped, 'main;serve;grew')))).toBe(true);
    expect(isRed(barPixel(g.canvas(), swapped, frameAt(swapped, 'main;serve;shrank')))).toBe(true);
  });

  it('paints a profile compared with itself all neutral', async () => {
    const self = mergeDiff(BEFORE, BEFORE);
    const g = graph({ profile: self });
    await painted(g.canvas);
    for (let f = 0; f < self.length; f++) expect(isGrey(barPixel(g.canvas(), self, f)), self.names.get(self.nameId[f]!)).toBe(true);
    expect(g.q('diff-legend-baseline-total')!.textContent).toContain('2,000');
  });

  it('hatches new and removed frames, and not the ones on both sides', async () => {
    const g = graph({ profile: DIFF });
    await painted(g.canvas);
    const colours = (frame: FrameIndex) => {
      const seen = new Set<string>();
      for (let dx = 2; dx < 14; dx++) seen.add(barPixel(g.canvas(), DIFF, frame, dx).join());
      return seen.size;
    };
    expect(colours(frameAt(DIFF, 'main;fresh'))).toBeGreaterThan(1);
    expect(colours(frameAt(DIFF, 'main;gone'))).toBeGreaterThan(1);
    expect(colours(frameAt(DIFF, 'main;steady'))).toBe(1);
    expect(g.q('diff-legend-new')!.textContent).toContain('new');
    expect(g.q('diff-legend-removed')!.textContent).toContain('removed');
  });

  it('fades a change within sampling noise, and the legend says what is faded and why', async () => {
    const g = graph({ profile: DIFF, diff: { saturation: 0.1 } });
    await painted(g.canvas);
    // steady: +0.2 pp, full colour at ±0.1 pp: it would be full red, but it is within noise.
    const steady = barPixel(g.canvas(), DIFF, frameAt(DIFF, 'main;steady'));
    expect(steady).not.toEqual(rgb(THEMES.light.diffGrew));
    expect(steady[0]).toBeGreaterThan(steady[2]);
    expect(g.q('diff-legend-noise')!.textContent).toContain('faded: within sampling noise at 95% confidence');
    g.rerender(<FlameGraph profile={DIFF} diff={{ saturation: 0.1, fadeNoise: false }} />);
    await painted(g.canvas);
    expect(barPixel(g.canvas(), DIFF, frameAt(DIFF, 'main;steady'))).toEqual(rgb(THEMES.light.diffGrew));
  });

  it('shows the legend with both totals, the names and the formula, following the options', async () => {
    const changes: DiffColourOptions[] = [];
    const g = graph({ profile: DIFF, onDiffChange: (next) => changes.push(next) });
    await painted(g.canvas);
    expect(g.q('diff-legend-baseline-total')!.textContent).toBe('baseline before.folded: 2,000');
    expect(g.q('diff-legend-comparison-total')!.textContent).toBe('comparison after.folded: 2,000');
    expect(g.q('diff-legend-formula')!.textContent).toBe(
      'colour = share of comparison total − share of baseline total, in percentage points of each whole profile',
    );
    // Auto saturation: the largest change, ±25 pp (grew and shrank), at the scale's ends.
    const ticks = [...container!.querySelectorAll('[data-testid="diff-legend-tick"]')].map((t) => t.textContent);
    expect(ticks).toEqual(['−25 pp', '0', '+25 pp']);
    // The options in the toolbar: self instead of total changes the formula and reports the change.
    g.q('diff-self')!.click();
    await expect.poll(() => g.q('diff-legend-formula')!.textContent).toContain('share of comparison self');
    expect(changes.at(-1)).toMatchObject({ useSelf: true, metric: 'normalized-delta' });
    const metric = g.q('diff-metric') as HTMLSelectElement;
    metric.value = 'relative-change';
    metric.dispatchEvent(new Event('change', { bubbles: true }));
    await expect.poll(() => g.q('diff-legend-formula')!.textContent).toContain('÷ share of baseline self, in percent');
  });

  it('sets the saturation point from the legend, and back to auto', async () => {
    const changes: DiffColourOptions[] = [];
    const g = graph({ profile: DIFF, onDiffChange: (next) => changes.push(next) });
    await painted(g.canvas);
    const input = g.q('diff-saturation-input') as HTMLInputElement;
    expect(input.value).toBe('25');
    setInputValue(input, '50');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await expect.poll(() => changes.at(-1)?.saturation).toBe(50);
    // Half-way to the new saturation point: no longer full red.
    await painted(g.canvas);
    expect(barPixel(g.canvas(), DIFF, frameAt(DIFF, 'main;serve;grew'))).not.toEqual(rgb(THEMES.light.diffGrew));
    await expect.poll(() => g.q('diff-legend-saturation')!.textContent).toContain('(set)');
    g.q('diff-saturation-auto')!.click();
    await expect.poll(() => changes.at(-1)?.saturation).toBe('auto');
  });

  it('gives both sides, the delta in points, the relative change and the new mark in the tooltip', async () => {
    const g = graph({ profile: DIFF });
    await painted(g.canvas);
    const area = g.q('flame-area')!;
    const hover = (frame: FrameIndex) => {
      const job = new LayoutJob(DIFF, 'combined');
      runToEnd(job);
      const layout = job.layout!;
      const rect = g.canvas().getBoundingClientRect();
      const x = rect.left + ((offsetOf(layout, frame) + layout.width[frame]! / 2) / layout.rootWidth) * rect.width;
      area.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: rect.top + DIFF.depth[frame]! * 18 + 9, bubbles: true }));
    };
    hover(frameAt(DIFF, 'main;serve;grew'));
    await expect.poll(() => g.q('flame-tooltip')?.textContent ?? '').toContain('grew');
    const tip = g.q('flame-tooltip')!.textContent!;
    expect(tip).toContain('before.folded');
    expect(tip).toContain('after.folded');
    expect(g.q('flame-tooltip-delta')!.textContent).toContain('+25 pp');
    expect(g.q('flame-tooltip-change')!.textContent).toContain('+125%');
    expect(g.q('flame-tooltip-noise')!.textContent).toContain('beyond sampling noise');
    hover(frameAt(DIFF, 'main;fresh'));
    await expect.poll(() => g.q('flame-tooltip-status')?.textContent).toBe('new: only in after.folded');
  });
});

describe('<DiffLegend> and <DiffOptions> placed by a host', () => {
  it('computes the saturation point and the noise test itself, and says why times cannot be tested', async () => {
    const times: DiffTree = { ...DIFF, unit: 'nanoseconds' };
    const { q } = mount(<DiffLegend tree={times} sideNames={['calm', 'spike']} />);
    await expect.poll(() => q('diff-legend')).toBeTruthy();
    expect(q('diff-legend-baseline-total')!.textContent).toBe('baseline calm: 2 µs');
    expect(q('diff-legend-saturation')!.textContent).toContain('±25 pp');
    expect(q('diff-legend-noise')!.textContent).toMatch(/^No noise test: a time in nanoseconds is not a sample count/);
  });

  it('reports every change with the whole next set of options, and resets a set saturation on a metric change', async () => {
    const changes: DiffColourOptions[] = [];
    const widths: string[] = [];
    const { q } = mount(
      <DiffOptions
        diff={{ ...DEFAULT_DIFF_COLOURS, saturation: 3 }}
        onDiffChange={(d) => changes.push(d)}
        widthMode="auto"
        onWidthModeChange={(w) => widths.push(w)}
      />,
    );
    await expect.poll(() => q('diff-options')).toBeTruthy();
    const width = q('diff-width') as HTMLSelectElement;
    expect(width.value).toBe('combined');
    width.value = 'comparison';
    width.dispatchEvent(new Event('change', { bubbles: true }));
    expect(widths).toEqual(['comparison']);
    (q('diff-fade-noise') as HTMLInputElement).click();
    expect(changes.at(-1)).toEqual({ ...DEFAULT_DIFF_COLOURS, saturation: 3, fadeNoise: false });
    const metric = q('diff-metric') as HTMLSelectElement;
    metric.value = 'absolute-delta';
    metric.dispatchEvent(new Event('change', { bubbles: true }));
    expect(changes.at(-1)).toEqual({ ...DEFAULT_DIFF_COLOURS, metric: 'absolute-delta', saturation: 'auto' });
  });
});

/** Sets an input's value the way typing does, so React's onChange sees it. */
function setInputValue(input: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  setter.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
