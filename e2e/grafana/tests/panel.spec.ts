/**
 * The panel plugin as Grafana loads it: dist/module.js through SystemJS's AMD extra with the host's real
 * @grafana/data, @grafana/ui, @grafana/runtime, React and Emotion as shared modules — once as Grafana 12
 * (React 18) and once as Grafana 13 (React 19). The panel draws with @flamelens/react's <FlameGraph>,
 * bundled into module.js. Drawn from the real corpus nested-set frame, a diff, and a 100k-row
 * Pyroscope-shaped frame; checked through pixels, the tooltip, click-to-focus, search, theme and size.
 *
 * One page per set-up: booting the host (all of @grafana/ui) costs seconds, so the tests share it and each
 * mounts a fresh panel. As with e2e/support/fixtures.ts, any console error or page error fails the test
 * during which it happened.
 */
import { expect, test, type Page } from '@playwright/test';
import { column, corpusDiffFrame, corpusFrame, heaviestBySelf, syntheticPyroscopeFrame, type FrameDto } from '../support/frames.ts';
import { barY, canvas, graph, hoverTooltip, leave, pixel, rowY, show, tooltipAt, waitForDraw, type Host } from '../support/panel-page.ts';

/** In the corpus profile: all → gcBgMarkWorker → systemstack → gcBgMarkWorker.func2 → gcDrain → scanobject. */
const SCANOBJECT_ROW = 5;
/** Nothing in the corpus profile is deeper than 7 rows in its right tenth (its max depth is 49, elsewhere). */
const EMPTY_ROW_RIGHT = 12;

let page: Page;
let loaded: Awaited<ReturnType<Host['load']>>;
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

test.afterEach(async () => {
  // the panels' view state lives in the URL: a test that failed half way leaves none to the next
  await navigate(page, '');
  const seen = errors.splice(0);
  expect(seen, 'console errors').toEqual([]);
});

/** Opens `search` in place through Grafana's own locationService, as its router does (back/forward, a link). */
async function navigate(page: Page, search: string) {
  await page.evaluate(async (s) => {
    const system = (window as unknown as { System: { import(id: string): Promise<{ locationService: { replace(path: string): void } }> } }).System;
    (await system.import('@grafana/runtime')).locationService.replace(`/${s}`);
  }, search);
}

/** The x of a bar named `name` in `row`, found by hovering along the row (as a person would). */
async function findBar(page: Page, row: number, name: string): Promise<number> {
  const width = (await canvas(page).boundingBox())!.width;
  for (let x = 2; x < width; x += 12) {
    if ((await tooltipAt(page, x, rowY(row)))?.startsWith(name)) return x;
  }
  throw new Error(`no bar named ${name} in row ${row}`);
}

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const grafana = async (page: Page, mode: 'dark' | 'light') => page.evaluate((m) => window.flamelensHost.theme(m), mode);
/** The flame graph's own background (its root element's), which the canvas clears to. */
const graphBackground = async (page: Page) =>
  graph(page).evaluate((el) => getComputedStyle(el).backgroundColor.match(/\d+/g)!.slice(0, 3).map(Number));
const canvasWidth = async (page: Page) => (await canvas(page).boundingBox())!.width;
/** The function table's row `n` (1 = the first under the header; the table is windowed, so by index). */
const tableRow = (page: Page, n: number) => page.getByTestId('flamelens-table').locator(`[role=row][aria-rowindex="${n + 1}"]`);
/** How many functions the table lists ("1,234 functions", or "3 of 1,234 functions" while filtered). */
const functionCount = async (page: Page) => Number((await page.getByTestId('function-count').textContent())!.match(/([\d,]+) functions/)![1]!.replace(/,/g, ''));
/** The height the transform bar above the graph takes. */
const barHeight = async (page: Page) => (await page.getByTestId('transform-bar').boundingBox())!.height;

test('module.js loads through SystemJS with the host’s shared React and @grafana/*', async ({}, info) => {
  expect(loaded.react.startsWith(info.project.metadata.react as string)).toBe(true);
  expect(loaded.instanceOfPanelPlugin).toBe(true);
  expect(loaded.grafana).toBe('shared');
  expect(loaded.id).toBe('flamelens-flamegraph-panel');
  expect(loaded.defaults).toEqual({
    view: 'icicle',
    palette: 'default',
    showToolbar: true,
    showTable: true,
    diffMetric: 'normalized-delta',
    diffSelf: false,
    diffWidth: 'combined',
    diffSaturation: 0,
  });
});

test('a dashboard saved with 0.1.x options is migrated when the panel loads', async () => {
  const old = await page.evaluate(() => window.flamelensHost.migrate({ view: 'flame', colorScheme: 'value', showSearch: false }));
  expect(old).toEqual({ shouldMigrate: true, options: { view: 'flame', showToolbar: false } });
  const current = await page.evaluate(() => window.flamelensHost.migrate({ view: 'icicle', palette: 'colorblind' }));
  expect(current.shouldMigrate).toBe(false);
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

  test('draws bars on the dark background, fills the panel, with the heaviest function first in the table', async () => {
    const background = await graphBackground(page);
    const width = await canvasWidth(page);
    expect(await pixel(page, 2, rowY(0))).not.toEqual(background);
    // the root spans the width: its colour at both ends
    expect(await pixel(page, width - 4, rowY(0))).toEqual(await pixel(page, 2, rowY(0)));
    expect(await pixel(page, width * 0.9, rowY(EMPTY_ROW_RIGHT))).toEqual(background);
    // the transform bar, toolbar, breadcrumbs and graph together are as tall as the panel (to the pixel)
    const filled = (await barHeight(page)) + (await graph(page).boundingBox())!.height;
    expect(filled).toBeLessThanOrEqual(500);
    expect(filled).toBeGreaterThan(499);
    await expect(tableRow(page, 1)).toContainText(heaviestBySelf(frame));
  });

  test('the tooltip gives exact figures in the field unit', async () => {
    const root = await hoverTooltip(page, 300, rowY(0));
    expect(root).toMatch(/^all/);
    const total = column<number>(frame, 'value')[0]!;
    expect(root).toContain(`Total${await page.evaluate((t) => window.flamelensHost.format('short', t), total)}100% of all`);
    expect(await hoverTooltip(page, 2, rowY(1))).toMatch(new RegExp(`^${escape(firstChild)}Total`));
  });

  test('a click focuses a frame: it fills the width, the root stays on top; Escape zooms out', async () => {
    const name = (await hoverTooltip(page, 300, rowY(1))).split(/Total/)[0]!;
    expect(name).not.toBe(firstChild);
    const width = await canvasWidth(page);
    const before = await pixel(page, width - 4, rowY(1));
    await canvas(page).click({ position: { x: 300, y: rowY(1) } });
    await expect(graph(page).getByTestId('flame-area')).toHaveAttribute('data-focus', name);
    await expect.poll(() => pixel(page, width - 4, rowY(1))).not.toEqual(before);
    expect(await pixel(page, 2, rowY(1))).toEqual(await pixel(page, width - 4, rowY(1)));
    expect(await hoverTooltip(page, 3, rowY(1))).toMatch(new RegExp(`^${escape(name)}Total`));
    expect(await hoverTooltip(page, width - 10, rowY(0))).toMatch(/^allTotal/);
    await expect(graph(page).getByTestId('flame-breadcrumbs').locator('[aria-current="true"]')).toHaveText(name);
    await page.keyboard.press('Escape');
    await expect(graph(page).getByTestId('flame-area')).toHaveAttribute('data-focus', '');
  });

  test('search dims the frames that do not match and gives their share', async () => {
    const x = await findBar(page, SCANOBJECT_ROW, 'runtime.scanobject');
    await leave(page);
    const [rootBefore, matchBefore] = [await pixel(page, 2, barY(0)), await pixel(page, x, barY(SCANOBJECT_ROW))];
    await page.getByRole('searchbox', { name: 'Search frames' }).fill('scanobject');
    await expect.poll(() => pixel(page, 2, barY(0))).not.toEqual(rootBefore);
    expect(await pixel(page, x, barY(SCANOBJECT_ROW))).toEqual(matchBefore);
    await expect(page.getByTestId('flame-search-status')).toHaveText(/^matched: .+ · [\d.]+% of .+$/);
  });

  test('a table row highlights its function in the graph and opens its sandwich under it; closing gives the graph its height back', async () => {
    const main = graph(page).first();
    const before = (await main.boundingBox())!.height;
    await page.getByTestId('flamelens-table').getByTestId('function-filter').fill('mallocgc');
    await tableRow(page, 1).click();
    await expect(main.getByTestId('flame-area')).toHaveAttribute('data-highlight', 'runtime.mallocgc');
    await expect(tableRow(page, 1)).toHaveAttribute('aria-selected', 'true');
    const sandwich = page.getByTestId('sandwich-view');
    await expect(sandwich).toHaveAttribute('data-function', 'runtime.mallocgc');
    // both halves computed by the analysis worker inlined in module.js, and drawn
    for (const half of ['sandwich-callers', 'sandwich-callees']) {
      await expect(sandwich.getByTestId(half).locator('canvas')).toHaveAttribute('data-draws', /^[1-9]/);
    }
    await expect(sandwich).not.toContainText(/computing|failed|Error/);
    // the callees half: the function under the root, with the total the table gives it
    const total = (await tableRow(page, 1).locator('[role=gridcell]').nth(3).textContent())!;
    const callees = sandwich.getByTestId('sandwich-callees').locator('canvas');
    await callees.hover({ position: { x: 100, y: rowY(1) } });
    await expect(page.getByRole('tooltip')).toContainText(`runtime.mallocgcTotal${total}`);
    expect((await main.boundingBox())!.height).toBeLessThan(before * 0.6);
    await sandwich.getByTestId('sandwich-close').click();
    await expect(sandwich).toHaveCount(0);
    await expect.poll(async () => (await main.boundingBox())!.height).toBe(before);
    await expect(main.getByTestId('flame-area')).not.toHaveAttribute('data-highlight');
  });

  test('in a small panel a sandwich from the frame menu takes the graph’s place; closed, the graph is back as it was zoomed', async () => {
    await show(page, { width: 560, height: 300 }, 'update');
    const name = (await hoverTooltip(page, 300, rowY(1))).split(/Total/)[0]!;
    await canvas(page).click({ position: { x: 300, y: rowY(1) } });
    const main = graph(page).first();
    await expect(main.getByTestId('flame-area')).toHaveAttribute('data-focus', name);
    await canvas(page).click({ position: { x: 300, y: rowY(1) }, button: 'right' });
    await page.getByTestId('frame-menu').locator('[data-action="show-sandwich"]').click();
    const sandwich = page.getByTestId('sandwich-view');
    await expect(sandwich).toHaveAttribute('data-function', name);
    await expect(sandwich.getByTestId('sandwich-callees').locator('canvas')).toHaveAttribute('data-draws', /^[1-9]/);
    await expect(main).toBeHidden();
    const box = (await page.getByTestId('flamelens-sandwich').boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(300 + (await page.locator('#panel').boundingBox())!.y);
    await sandwich.getByTestId('sandwich-close').click();
    await expect(main).toBeVisible();
    await expect(main.getByTestId('flame-area')).toHaveAttribute('data-focus', name);
    // the toolbar is in view: nothing was scrolled inside the graph's box
    await expect(page.getByRole('toolbar', { name: 'Flame graph' })).toBeInViewport();
  });

  test('transforms from a frame’s menu and the presets become chips, computed in the worker; removing them brings the profile back', async () => {
    const before = await functionCount(page);
    const rootTip = await hoverTooltip(page, 300, rowY(0));
    // the context menu of a frame: drop the stacks through it
    const name = (await hoverTooltip(page, 300, rowY(1))).split(/Total/)[0]!;
    await canvas(page).click({ position: { x: 300, y: rowY(1) }, button: 'right' });
    await page.getByTestId('frame-menu').locator('[data-action="drop-function"]').click();
    const chips = page.getByTestId('transform-chip');
    await expect(chips).toHaveCount(1);
    await expect(chips.first()).toContainText(`Drop stacks with ${name}`);
    // the count of frames it matched comes from the worker
    await expect(chips.first()).toHaveAttribute('data-matched', /^[1-9]/);
    await expect.poll(async () => (await hoverTooltip(page, 300, rowY(0))) !== rootTip).toBe(true);
    // a preset from the menu: the Go runtime's frames hidden, their time given to their callers
    await page.getByTestId('transform-add').click();
    await page.locator('[data-preset="go-runtime"]').click();
    await expect(chips).toHaveCount(2);
    await expect(chips.nth(1)).toHaveAttribute('data-matched', /^[1-9]/);
    await expect.poll(() => functionCount(page)).toBeLessThan(before);
    await page.getByTestId('flamelens-table').getByTestId('function-filter').fill('runtime.mallocgc');
    await expect(page.getByTestId('function-count')).toHaveText(/^0 of [\d,]+ functions$/);
    await page.getByTestId('flamelens-table').getByTestId('function-filter').fill('');
    for (let i = 0; i < 2; i++) await chips.first().getByRole('button').click();
    await expect(chips).toHaveCount(0);
    await expect.poll(() => functionCount(page)).toBe(before);
    expect(await hoverTooltip(page, 300, rowY(0))).toBe(rootTip);
  });

  test('the inverted view: the functions with self time under the root, the same total', async () => {
    const labels = column<string>(frame, 'label');
    const selfs = column<number>(frame, 'self');
    const leaves = [...new Set(labels.filter((_, row) => selfs[row]! > 0))].sort();
    const rootTip = await hoverTooltip(page, 300, rowY(0));
    await page.getByTestId('invert-toggle').click();
    await expect(page.getByTestId('invert-toggle')).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(() => tooltipAt(page, 2, rowY(1))).toMatch(new RegExp(`^${escape(leaves[0]!)}Total`));
    expect(await hoverTooltip(page, 300, rowY(0))).toBe(rootTip);
    await page.getByTestId('invert-toggle').click();
    await expect.poll(() => tooltipAt(page, 2, rowY(1))).toMatch(new RegExp(`^${escape(firstChild)}Total`));
  });

  test('the view lives in the dashboard’s URL: the panel opened again on the link shows it; each panel reads only its own', async () => {
    await page.getByTestId('transform-add').click();
    await page.locator('[data-preset="go-runtime"]').click();
    await page.getByTestId('invert-toggle').click();
    await expect(page.getByTestId('invert-toggle')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('transform-chip')).toHaveAttribute('data-matched', /^[1-9]/);
    await tableRow(page, 1).click();
    const name = (await tableRow(page, 1).locator('[role=gridcell]').first().textContent())!;
    await expect(page.getByTestId('sandwich-view')).toHaveAttribute('data-function', name);
    const query = new URL(page.url()).searchParams;
    expect(query.get('flamelens-1-tx')).toBe('h:p:go-runtime');
    expect(query.get('flamelens-1-inv')).toBe('1');
    expect(query.get('flamelens-1-sw')).toBe(name);

    // the dashboard opened again on that link (a fresh panel)
    await show(page, { frames: [frame], width: 1000, height: 500, theme: 'dark' });
    await expect(page.getByTestId('transform-chip')).toHaveCount(1);
    await expect(page.getByTestId('transform-chip')).toContainText('Hide Go runtime');
    await expect(page.getByTestId('invert-toggle')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('sandwich-view')).toHaveAttribute('data-function', name);
    await expect(graph(page).first().getByTestId('flame-area')).toHaveAttribute('data-highlight', name);

    // a link edited by hand: what cannot be read is said, the rest applies, the profile stays drawn
    await navigate(page, `?flamelens-1-tx=zz%3Anonsense&flamelens-1-sw=${encodeURIComponent(name)}`);
    await expect(page.getByTestId('transform-bar')).toContainText("The link's transforms could not be read");
    await expect(page.getByTestId('transform-chip')).toHaveCount(0);
    await expect(page.getByTestId('invert-toggle')).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByTestId('sandwich-view')).toHaveAttribute('data-function', name);

    // another panel's parameters leave this one as it is
    await navigate(page, '?flamelens-2-inv=1&flamelens-2-tx=r');
    await expect(page.getByTestId('sandwich-view')).toHaveCount(0);
    await expect(page.getByTestId('invert-toggle')).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByTestId('transform-chip')).toHaveCount(0);
    expect(await hoverTooltip(page, 2, rowY(1))).toMatch(new RegExp(`^${escape(firstChild)}Total`));
  });

  test('a dashboard refresh with a transform and a sandwich open: the graph, table and sandwich never flash the untransformed profile', async () => {
    const whole = await functionCount(page);
    await page.getByTestId('transform-add').click();
    await page.locator('[data-preset="go-runtime"]').click();
    await expect.poll(() => functionCount(page)).toBeLessThan(whole);
    await tableRow(page, 1).click();
    await expect(page.getByTestId('sandwich-callers').locator('canvas')).toHaveAttribute('data-draws', /^[1-9]/);
    // record every function count the table shows, and whether the sandwich's halves ever go away
    await page.evaluate(() => {
      const w = window as unknown as { counts: string[]; halvesGone: boolean };
      w.counts = [document.querySelector('[data-testid=function-count]')!.textContent!];
      w.halvesGone = false;
      new MutationObserver(() => {
        const count = document.querySelector('[data-testid=function-count]')?.textContent;
        if (count && w.counts.at(-1) !== count) w.counts.push(count);
        w.halvesGone ||= document.querySelector('[data-testid=sandwich-callers]') === null;
      }).observe(document.getElementById('panel')!, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const hidden = await functionCount(page);
    for (let refresh = 0; refresh < 3; refresh++) {
      // the same query answered again: new frames, a new tree, a new handle in the worker
      await show(page, {}, 'update');
      await expect(page.getByTestId('transform-bar')).not.toContainText(/applying|refining/);
      await expect(page.getByTestId('sandwich-view')).not.toContainText(/computing/);
    }
    const seen = await page.evaluate(() => {
      const w = window as unknown as { counts: string[]; halvesGone: boolean };
      return { counts: w.counts, halvesGone: w.halvesGone };
    });
    expect(seen.counts.every((c) => c === `${hidden.toLocaleString('en-US')} functions`)).toBe(true);
    expect(seen.halvesGone).toBe(false);
    await expect(page.getByTestId('transform-chip')).toHaveAttribute('data-matched', /^[1-9]/);
  });

  test('follows a switch to the light theme', async () => {
    const x = (await canvasWidth(page)) * 0.9;
    const dark = await graphBackground(page);
    // Grafana's dark panel background, give or take the flame graph's own shade of it
    const grafanaDark = rgb((await grafana(page, 'dark')).background);
    for (let c = 0; c < 3; c++) expect(Math.abs(dark[c]! - grafanaDark[c]!)).toBeLessThanOrEqual(8);
    await show(page, { theme: 'light' }, 'update');
    const light = await graphBackground(page);
    expect(light).toEqual(rgb((await grafana(page, 'light')).background));
    await expect.poll(() => pixel(page, x, rowY(EMPTY_ROW_RIGHT))).toEqual(light);
    await expect(page.getByTestId('flamelens-table')).toHaveCSS('color', /rgb\(\s*3[0-9],/);
  });

  test('follows the panel size: narrower, the table moves under the graph', async () => {
    await show(page, { width: 600, height: 420 }, 'update');
    const area = graph(page).getByTestId('flame-area');
    await expect.poll(() => area.evaluate((el) => el.getBoundingClientRect().width)).toBe(600);
    const width = await canvasWidth(page);
    // the canvas is as wide as the area without its scrollbar, in device pixels too
    expect(width).toBe(await area.evaluate((el) => el.clientWidth));
    await expect(canvas(page)).toHaveAttribute('width', String(Math.round(width * (await page.evaluate(() => devicePixelRatio)))));
    expect(await pixel(page, width - 4, rowY(0))).toEqual(await pixel(page, 2, rowY(0)));
    const box = (await graph(page).boundingBox())!;
    expect(box.height).toBe(Math.floor(Math.floor(420 - (await barHeight(page))) * 0.62));
    const table = (await page.getByTestId('flamelens-table').boundingBox())!;
    expect(table.y).toBeGreaterThanOrEqual(box.y + box.height - 1);
  });
});

test('options: flame orientation puts the root at the bottom; the toolbar can be switched off', async () => {
  await show(page, { frames: [corpusFrame()], width: 700, height: 300, options: { view: 'flame', showToolbar: false, showTable: false } });
  await expect(page.getByRole('toolbar', { name: 'Flame graph' })).toHaveCount(0);
  await expect(page.getByTestId('transform-bar')).toHaveCount(0);
  const height = (await canvas(page).boundingBox())!.height;
  expect(await hoverTooltip(page, 300, height - 9)).toMatch(/^allTotal/);
  expect(await hoverTooltip(page, 2, height - 18 - 9)).toMatch(/^net\/http\.\(\*conn\)\.serveTotal/);
});

test.describe('the Unit and Decimals field options write the values', () => {
  const frame = corpusFrame();
  const total = column<number>(frame, 'value')[0]!;
  /** The corpus frame says its values are `short`; a frame whose data source gives no unit. */
  const unitless: FrameDto = { ...frame, fields: frame.fields.map(({ config: _config, ...field }) => field) };

  test('the panel’s defaults, for a frame without a unit of its own', async () => {
    await show(page, { frames: [unitless], width: 1000, height: 500, fieldConfig: { defaults: { unit: 'ms', decimals: 1 }, overrides: [] } });
    const expected = await page.evaluate((t) => window.flamelensHost.format('ms', t, 1), total);
    expect(await hoverTooltip(page, 300, rowY(0))).toContain(`Total${expected}100% of all`);
  });

  test('an override of the value field, over the unit the data source set (as in Grafana, defaults do not)', async () => {
    const overrides = [{ matcher: { id: 'byName', options: 'value' }, properties: [{ id: 'unit', value: 'ms' }] }];
    await show(page, { frames: [frame], width: 1000, height: 500, fieldConfig: { defaults: { unit: 'bytes' }, overrides } });
    const expected = await page.evaluate((t) => window.flamelensHost.format('ms', t), total);
    expect(await hoverTooltip(page, 300, rowY(0))).toContain(`Total${expected}100% of all`);
  });
});

test('a diff frame: grown frames red, others blue, both sides in the tooltip', async () => {
  await show(page, { frames: [corpusDiffFrame(/scanobject/, 4)], width: 1000, height: 500 });
  await expect(page.getByTestId('flamelens-legend')).toContainText('grew');
  const x = await findBar(page, SCANOBJECT_ROW, 'runtime.scanobject');
  const tip = await hoverTooltip(page, x, rowY(SCANOBJECT_ROW));
  expect(tip).toMatch(/Baseline.*Comparison.*colour: \+[\d.]+ pp of the whole/);
  // the root's first child (net/http.(*conn).serve) did not change, so its share of the grown profile shrank: blue
  expect(await hoverTooltip(page, 2, rowY(1))).toMatch(/^net\/http\.\(\*conn\)\.serve.*colour: [−-]/);
  await leave(page);
  const [r, , b] = await pixel(page, x, barY(SCANOBJECT_ROW));
  expect(r).toBeGreaterThan(b! + 40);
  const [r2, , b2] = await pixel(page, 2, barY(1));
  expect(b2).toBeGreaterThan(r2! + 20);
  // legend, transform bar and graph fill the panel
  const filled = 22 + (await barHeight(page)) + (await graph(page).boundingBox())!.height;
  expect(filled).toBeLessThanOrEqual(500);
  expect(filled).toBeGreaterThan(499);
  // the table ranks by the change the graph is coloured by: share points, then the values' difference
  const delta = () => tableRow(page, 1).locator('[role=gridcell]').nth(5).textContent();
  await expect(tableRow(page, 1)).toContainText('runtime.scanobject');
  expect(await delta()).toMatch(/^\+[\d.]+ pp$/);
  await show(page, { options: { diffMetric: 'absolute-delta' } }, 'update');
  await expect.poll(delta).toMatch(/^\+[\d.]+ Bil$/);
});

test.describe('frames it cannot draw give a sentence, never a blank panel', () => {
  const base = corpusFrame();
  const without = (name: string): FrameDto => ({ ...base, fields: base.fields.filter((f) => f.name !== name) });
  const cases: [string, FrameDto[], RegExp][] = [
    ['a missing field', [without('self')], /Data is missing fields: self/],
    ['levels out of order', [{ ...base, fields: base.fields.map((f) => (f.name === 'level' ? { ...f, values: [0, 2, ...f.values.slice(2)] } : f)) }], /levels are out of order: row 1 has level 2/],
    ['only time series', [{ fields: [{ name: 'time', type: 'time', values: [1, 2] }, { name: 'value', type: 'number', values: [3, 4] }] }], /No flame graph in this data/],
    ['no frames at all', [], /No data/],
    ['a label field of numbers without an enum', [{ ...base, fields: base.fields.map((f) => (f.name === 'label' ? { ...f, type: 'number', values: f.values.map((_, i) => i) } : f)) }], /"label" has type number but should be string or enum/],
    ['a value that is not a number', [{ ...base, fields: base.fields.map((f) => (f.name === 'value' ? { ...f, type: 'number', values: [f.values[0], 'lots', ...f.values.slice(2)] } : f)) }], /Row 1 of the flame graph frame has no number in "value"/],
  ];
  for (const [what, frames, message] of cases) {
    test(what, async () => {
      await page.evaluate((f) => void window.flamelensHost.render({ frames: f, width: 800, height: 400 }), frames);
      await expect(page.getByTestId('flamelens-message')).toContainText(message);
      await expect(graph(page)).toHaveCount(0);
    });
  }
});

test('where the page refuses workers (a Content-Security-Policy), transforms and sandwiches are computed on the page', async ({ browser }, info) => {
  const refused = await browser.newPage({ baseURL: info.project.use.baseURL!, viewport: { width: 1280, height: 800 } });
  const seen: string[] = [];
  refused.on('pageerror', (error) => seen.push(String(error)));
  await refused.addInitScript(() => {
    window.Worker = class {
      constructor() {
        throw new DOMException("Refused to create a worker: it violates the document's Content Security Policy.", 'SecurityError');
      }
    } as unknown as typeof Worker;
  });
  try {
    await refused.goto('/');
    await expect(refused.locator('#status')).toHaveText('ready', { timeout: 60_000 });
    await refused.evaluate(() => window.flamelensHost.load());
    await show(refused, { frames: [corpusFrame()], width: 1000, height: 500 });
    await refused.getByTestId('transform-add').click();
    await refused.locator('[data-preset="go-runtime"]').click();
    await expect(refused.getByTestId('transform-chip')).toHaveAttribute('data-matched', /^[1-9]/);
    await tableRow(refused, 1).click();
    await expect(refused.getByTestId('sandwich-callees').locator('canvas')).toHaveAttribute('data-draws', /^[1-9]/);
    await expect(refused.getByRole('alert')).toHaveCount(0);
    expect(seen).toEqual([]);
  } finally {
    await refused.close();
  }
});

test('frame names are text: markup in a label is shown, never run', async () => {
  const name = '<img src=x onerror="window.flamelensInjected=1"><b>bold</b>';
  const frame: FrameDto = {
    fields: [
      { name: 'level', type: 'number', values: [0, 1] },
      { name: 'value', type: 'number', values: [10, 10] },
      { name: 'self', type: 'number', values: [0, 10] },
      { name: 'label', type: 'string', values: ['total', name] },
    ],
  };
  await show(page, { frames: [frame], width: 1000, height: 400 });
  expect(await hoverTooltip(page, 300, rowY(1))).toMatch(new RegExp(`^${escape(name)}Total`));
  await expect(tableRow(page, 1)).toContainText(name);
  await expect(page.locator('#panel img, #panel b')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { flamelensInjected?: number }).flamelensInjected)).toBeUndefined();
});

test('a 100k-row Pyroscope frame (enum labels, ns) converts in the worker and draws', async ({}, info) => {
  const { frame, total } = syntheticPyroscopeFrame(100_000);
  await page.evaluate(() => document.querySelector('[data-testid=flame-area] canvas')?.setAttribute('data-stale', 'true'));
  const started = await page.evaluate((f) => window.flamelensHost.render({ frames: [f], width: 1200, height: 600 }), frame);
  await waitForDraw(page, 0);
  const painted = await page.evaluate((t) => window.flamelensHost.paints().find((p) => p.at >= t && p.draws === 1)!, started);
  info.annotations.push({ type: 'data-to-paint-ms', description: (painted.at - started).toFixed(0) });
  const tip = await hoverTooltip(page, 600, rowY(0));
  const expected = await page.evaluate((t) => window.flamelensHost.format('ns', t), total);
  expect(tip).toContain(`Total${expected}100% of all`);
});

/** A frame name as a literal regular expression. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
