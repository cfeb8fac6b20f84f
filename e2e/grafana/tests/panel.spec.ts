/**
 * The panel plugin as Grafana loads it: dist/module.js through SystemJS's AMD extra with the host's real
 * @grafana/data, @grafana/ui, @grafana/runtime, React and Emotion as shared modules — once as Grafana 12
 * (React 18) and once as Grafana 13 (React 19). Drawn from the real corpus nested-set frame, a diff, and a
 * 100k-row Pyroscope-shaped frame; checked through pixels, the tooltip, click-to-focus, search, theme and size.
 *
 * One page per set-up: booting the host (all of @grafana/ui) costs seconds, so the tests share it and each
 * mounts a fresh panel. As with e2e/support/fixtures.ts, any console error or page error fails the test
 * during which it happened.
 */
import { expect, test, type Page } from '@playwright/test';
import { column, corpusDiffFrame, corpusFrame, heaviestBySelf, syntheticPyroscopeFrame, type FrameDto } from '../support/frames.ts';

/** Row height of the flame graph in CSS px (apps/grafana-panel/src/view/FlameCanvas.tsx). */
const ROW = 18;
const rowY = (row: number) => row * ROW + ROW / 2;
/** A point near the bottom edge of a bar in `row`: below the label text, so its pixel is the bar colour. */
const barY = (row: number) => row * ROW + ROW - 2;
/** In the corpus profile: all → gcBgMarkWorker → systemstack → gcBgMarkWorker.func2 → gcDrain → scanobject. */
const SCANOBJECT_ROW = 5;

declare global {
  interface Window {
    flamelensHost: {
      load(): Promise<{ react: string; grafana: string; instanceOfPanelPlugin: boolean; defaults: Record<string, unknown>; id: string }>;
      render(props: Record<string, unknown>): number;
      update(changes: Record<string, unknown>): number;
      theme(mode: 'dark' | 'light'): { background: string };
      format(unit: string, value: number): string;
    };
  }
}

let page: Page;
let loaded: Awaited<ReturnType<Window['flamelensHost']['load']>>;
const errors: string[] = [];

test.beforeAll(async ({ browser }, info) => {
  page = await browser.newPage({ baseURL: info.project.use.baseURL!, viewport: { width: 1280, height: 800 } });
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('response', (response) => response.status() >= 400 && errors.push(`HTTP ${response.status()} for ${response.url()}`));
  await page.goto('/');
  await expect(page.locator('#status')).toHaveText('ready', { timeout: 60_000 });
  loaded = await page.evaluate(() => window.flamelensHost.load());
});

test.afterAll(async () => page?.close());

test.afterEach(() => {
  const seen = errors.splice(0);
  expect(seen, 'console errors').toEqual([]);
});

const canvas = (page: Page) => page.locator('[data-testid=flamelens-canvas]:not([data-stale])');

async function draws(page: Page): Promise<number> {
  return page.evaluate(() => Number((document.querySelector('[data-testid=flamelens-canvas]') as HTMLElement | null)?.dataset.draws ?? 0));
}

/**
 * Renders a fresh panel (`render`) or re-renders the mounted one with some props changed (`update`), and
 * waits until the canvas has drawn the result: a new canvas for a fresh panel, one more draw otherwise.
 */
async function show(page: Page, props: Record<string, unknown>, how: 'render' | 'update' = 'render') {
  const before = await page.evaluate((fresh) => {
    const old = document.querySelector('[data-testid=flamelens-canvas]') as HTMLElement | null;
    if (old && fresh) old.dataset.stale = 'true';
    return fresh ? 0 : Number(old?.dataset.draws ?? 0);
  }, how === 'render');
  await page.evaluate(([p, h]) => void window.flamelensHost[h](p), [props, how] as const);
  await waitForDraw(page, before);
}

/** Waits until the current (not stale) canvas has drawn more than `count` times. */
async function waitForDraw(page: Page, count: number) {
  await page.waitForFunction((n) => {
    const c = document.querySelector('[data-testid=flamelens-canvas]:not([data-stale])') as HTMLElement | null;
    return c !== null && Number(c.dataset.draws ?? 0) > n;
  }, count);
}

/** The canvas pixel at CSS coordinates (x, y) as [r, g, b]. */
async function pixel(page: Page, x: number, y: number): Promise<number[]> {
  return canvas(page).evaluate(
    (c, [px, py]) => {
      const el = c as HTMLCanvasElement;
      const ratio = el.width / el.clientWidth;
      return Array.from(el.getContext('2d')!.getImageData(Math.floor(px! * ratio), Math.floor(py! * ratio), 1, 1).data.slice(0, 3));
    },
    [x, y],
  );
}

/** The x of a bar named `name` in `row`, found by hovering along the row (as a person would). */
async function findBar(page: Page, row: number, name: string): Promise<number> {
  const width = (await canvas(page).boundingBox())!.width;
  for (let x = 2; x < width; x += 12) {
    await canvas(page).hover({ position: { x, y: rowY(row) } });
    const tip = page.getByRole('tooltip');
    if ((await tip.count()) > 0 && ((await tip.textContent()) ?? '').startsWith(name)) return x;
  }
  throw new Error(`no bar named ${name} in row ${row}`);
}

async function hoverTooltip(page: Page, x: number, y: number): Promise<string> {
  await canvas(page).hover({ position: { x, y } });
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toBeVisible();
  return (await tooltip.textContent()) ?? '';
}

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const background = async (page: Page, mode: 'dark' | 'light') => rgb((await page.evaluate((m) => window.flamelensHost.theme(m), mode)).background);

test('module.js loads through SystemJS with the host’s shared React and @grafana/*', async ({}, info) => {
  expect(loaded.react.startsWith(info.project.metadata.react as string)).toBe(true);
  expect(loaded.instanceOfPanelPlugin).toBe(true);
  expect(loaded.grafana).toBe('shared');
  expect(loaded.id).toBe('flamelens-flamegraph-panel');
  expect(loaded.defaults).toEqual({
    view: 'icicle',
    colorScheme: 'package',
    showSearch: true,
    showTable: true,
    diffMetric: 'normalized-delta',
    diffSelf: false,
    diffWidth: 'combined',
    diffSaturation: 0,
  });
});

test.describe('the corpus nested-set frame', () => {
  const frame = corpusFrame();
  const levels = column<number>(frame, 'level');
  const labels = column<string>(frame, 'label');
  /** Root's children are ordered by name, so the first one is the smallest level-1 label. */
  const firstChild = labels.filter((_, row) => levels[row] === 1).sort()[0]!;

  test.beforeEach(async () => {
    await show(page, { frames: [frame], width: 1000, height: 500, theme: 'dark' });
  });

  test('draws bars on the dark background, with the heaviest function first in the table', async () => {
    const dark = await background(page, 'dark');
    expect(await pixel(page, 1, barY(0))).not.toEqual(dark);
    // the deep rows on the right are empty: background
    expect(await pixel(page, 600, rowY(25))).toEqual(dark);
    await expect(page.getByTestId('flamelens-table').locator('tbody tr').first()).toContainText(heaviestBySelf(frame));
  });

  test('the tooltip gives exact figures in the field unit', async () => {
    const root = await hoverTooltip(page, 300, rowY(0));
    expect(root).toContain('all');
    const total = column<number>(frame, 'value')[0]!;
    expect(root).toContain(`Total${await page.evaluate((t) => window.flamelensHost.format('short', t), total)} (100%)`);
    expect(await hoverTooltip(page, 2, rowY(1))).toContain(firstChild);
  });

  test('a click focuses a frame: it fills the width, the root stays on top; Escape zooms out', async () => {
    const name = (await hoverTooltip(page, 300, rowY(1))).split(/Total/)[0]!;
    expect(name).not.toBe(firstChild);
    const before = await draws(page);
    await canvas(page).click({ position: { x: 300, y: rowY(1) } });
    await expect(canvas(page)).toHaveAttribute('data-focus', name);
    await waitForDraw(page, before);
    expect(await pixel(page, 1, barY(1))).toEqual(await pixel(page, 610, barY(1)));
    expect(await hoverTooltip(page, 3, rowY(1))).toContain(name);
    expect(await hoverTooltip(page, 610, rowY(0))).toContain('all');
    await page.keyboard.press('Escape');
    await expect(canvas(page)).toHaveAttribute('data-focus', '');
  });

  test('search dims the frames that do not match', async () => {
    const x = await findBar(page, SCANOBJECT_ROW, 'runtime.scanobject');
    const [rootBefore, matchBefore] = [await pixel(page, 1, barY(0)), await pixel(page, x, barY(SCANOBJECT_ROW))];
    const before = await draws(page);
    await page.getByRole('searchbox', { name: 'Search functions' }).fill('scanobject');
    await waitForDraw(page, before);
    expect(await pixel(page, 1, barY(0))).not.toEqual(rootBefore);
    expect(await pixel(page, x, barY(SCANOBJECT_ROW))).toEqual(matchBefore);
  });

  test('follows a switch to the light theme', async () => {
    await show(page, { theme: 'light' }, 'update');
    const light = await background(page, 'light');
    expect(light).not.toEqual(await background(page, 'dark'));
    expect(await pixel(page, 600, rowY(25))).toEqual(light);
    await expect(page.getByTestId('flamelens-table')).toHaveCSS('color', /rgb\(\s*3[0-9],/);
  });

  test('follows the panel size: narrower, the table moves under the graph', async () => {
    await show(page, { width: 600, height: 420 }, 'update');
    await expect(canvas(page)).toHaveAttribute('width', '600');
    expect(await pixel(page, 595, barY(0))).toEqual(await pixel(page, 1, barY(0)));
    const graph = (await canvas(page).boundingBox())!;
    const table = (await page.getByTestId('flamelens-table').boundingBox())!;
    expect(table.y).toBeGreaterThanOrEqual(graph.y + graph.height - 1);
  });
});

test('a diff frame: grown frames red, others blue, both sides in the tooltip', async () => {
  await show(page, { frames: [corpusDiffFrame(/scanobject/, 4)], width: 1000, height: 500 });
  await expect(page.getByTestId('flamelens-legend')).toContainText('grew');
  const x = await findBar(page, SCANOBJECT_ROW, 'runtime.scanobject');
  const tip = await hoverTooltip(page, x, rowY(SCANOBJECT_ROW));
  expect(tip).toMatch(/Baseline.*Comparison.*Change\+[\d.]+ pp of the profile/);
  const [r, , b] = await pixel(page, x, barY(SCANOBJECT_ROW));
  expect(r).toBeGreaterThan(b! + 40);
  // the root's first child (net/http.(*conn).serve) did not change, so its share of the grown profile shrank: blue
  expect(await hoverTooltip(page, 2, rowY(1))).toMatch(/^net\/http\.\(\*conn\)\.serve.*Change-/);
  const [r2, , b2] = await pixel(page, 1, barY(1));
  expect(b2).toBeGreaterThan(r2! + 20);
});

test.describe('frames it cannot draw give a sentence, never a blank panel', () => {
  const base = corpusFrame();
  const without = (name: string): FrameDto => ({ ...base, fields: base.fields.filter((f) => f.name !== name) });
  const cases: [string, FrameDto[], RegExp][] = [
    ['a missing field', [without('self')], /Data is missing fields: self/],
    ['levels out of order', [{ ...base, fields: base.fields.map((f) => (f.name === 'level' ? { ...f, values: [0, 2, ...f.values.slice(2)] } : f)) }], /levels are out of order: row 1 has level 2/],
    ['only time series', [{ fields: [{ name: 'time', type: 'time', values: [1, 2] }, { name: 'value', type: 'number', values: [3, 4] }] }], /No flame graph in this data/],
    ['no frames at all', [], /No data/],
  ];
  for (const [what, frames, message] of cases) {
    test(what, async () => {
          await page.evaluate((f) => void window.flamelensHost.render({ frames: f, width: 800, height: 400 }), frames);
      await expect(page.getByTestId('flamelens-message')).toContainText(message);
    });
  }
});

test('a 100k-row Pyroscope frame (enum labels, ns) converts in the worker and draws', async ({}, info) => {
  const { frame, total } = syntheticPyroscopeFrame(100_000);
  await page.evaluate(() => document.querySelector('[data-testid=flamelens-canvas]')?.setAttribute('data-stale', 'true'));
  const started = await page.evaluate((f) => window.flamelensHost.render({ frames: [f], width: 1200, height: 600 }), frame);
  await waitForDraw(page, 0);
  const painted = await page.evaluate(() => performance.getEntriesByName('flamelens:draw').at(-1)!);
  info.annotations.push({ type: 'data-to-paint-ms', description: (painted.startTime + painted.duration - started).toFixed(0) });
  const tip = await hoverTooltip(page, 600, rowY(0));
  const expected = await page.evaluate((t) => window.flamelensHost.format('ns', t), total);
  expect(tip).toContain(`Total${expected} (100%)`);
});
