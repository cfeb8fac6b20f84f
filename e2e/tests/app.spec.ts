/**
 * The standalone app as a user meets it: open, drop, compare, swap, links, progress and cancel, errors,
 * keyboard, paste, export. Every test also fails on a console error (fixtures.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { corpusFile, expect, test, waitReady } from '../support/fixtures.ts';
import { bigFoldedFile, dropFiles } from '../support/app.ts';

const GO_CPU = 'pprof/go-flate.cpu.pb.gz';
/** The first row of the function table (its name cell first). */
const firstRow = (page: Page) => page.getByTestId('function-grid').locator('[role=row][data-name-id]').first();
const HEAP = 'pprof/pyroscope_go_heap.pb.gz';
const HANDLER = ['google.golang.org/grpc.(*Server).serveStreams.func1.2', 'google.golang.org/grpc.(*Server).handleStream'];

test.describe('opening profiles', () => {
  test('the example is drawn at once, with the table beside it', async ({ page }) => {
    await page.goto('/');
    await waitReady(page);
    await expect(page.getByTestId('source-name')).toHaveText(/example: Go encoding\/json/);
    await expect(page.getByTestId('flame-area').locator('canvas')).toBeVisible();
    await expect(firstRow(page)).toContainText('runtime.scanobject');
  });

  test('a file dropped with a real drag and drop opens and replaces the example', async ({ page }) => {
    await page.goto('/');
    await waitReady(page);
    await dropFiles(page, 'open', [corpusFile('collapsed/inferno_perf-go-stacks.txt')]);
    await expect(page.getByTestId('source-name')).toHaveText('inferno_perf-go-stacks.txt');
    await waitReady(page);
    await expect(page.getByTestId('format')).toHaveText('collapsed');
  });

  test('text pasted into the dialog opens as folded stacks, and exports back as the same text', async ({ page }) => {
    await page.goto('/');
    await waitReady(page);
    await page.getByTestId('paste-button').click();
    await page.getByTestId('paste-text').fill('main;work;<b>x</b> 3\nmain;idle 2\n');
    await page.getByTestId('paste-open').click();
    await expect(page.getByTestId('source-name')).toHaveText('pasted text');
    await waitReady(page);
    await expect(page.getByTestId('function-table')).toContainText('<b>x</b>');
    const download = page.waitForEvent('download');
    await page.getByTestId('export-folded').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('pasted_text.folded.txt');
    expect(readFileSync((await file.path())!, 'utf8')).toBe('main;idle 2\nmain;work;<b>x</b> 3\n');
  });

  test('the PNG export is the canvas as an image', async ({ page }) => {
    await page.goto('/');
    await waitReady(page);
    const download = page.waitForEvent('download');
    await page.getByTestId('export-png').click();
    const bytes = readFileSync((await (await download).path())!);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
});

test.describe('comparing profiles', () => {
  test('two files dropped at once are compared; swap exchanges the sides and flips the changes', async ({ page }) => {
    await page.goto('/');
    await waitReady(page);
    await dropFiles(page, 'open', [corpusFile('pprof/parca_many_00_1644509272337470000.pb.gz'), corpusFile('pprof/parca_many_09_1644509299337903000.pb.gz')]);
    await expect(page.getByTestId('baseline-name')).toHaveText('parca_many_00_1644509272337470000.pb.gz');
    await expect(page.getByTestId('comparison-name')).toHaveText('parca_many_09_1644509299337903000.pb.gz');
    await waitReady(page);
    const counts = async () => {
      const out: Record<string, string> = {};
      for (const change of ['grew', 'shrank', 'new', 'removed']) {
        await page.getByTestId(`change-${change}`).click();
        out[change] = (await page.getByTestId('function-count').textContent())!;
        await page.getByTestId(`change-${change}`).click();
      }
      return out;
    };
    const before = await counts();
    expect(before.grew).not.toBe(before.shrank);
    await page.getByTestId('swap').click();
    await expect(page.getByTestId('baseline-name')).toHaveText('parca_many_09_1644509299337903000.pb.gz');
    const after = await counts();
    expect(after).toEqual({ grew: before.shrank, shrank: before.grew, new: before.removed, removed: before.new });
  });

  test('a second file dropped on "compare" diffs it against the profile on screen; a side is replaceable', async ({ page }) => {
    await page.goto('/');
    await waitReady(page);
    await dropFiles(page, 'compare', [corpusFile(GO_CPU)]);
    await expect(page.getByTestId('baseline-name')).toHaveText(/example: Go encoding\/json/);
    await expect(page.getByTestId('comparison-name')).toHaveText('go-flate.cpu.pb.gz');
    await waitReady(page);
    await page.getByTestId('replace-comparison').setInputFiles(corpusFile('pprof/go-sort.cpu.pb.gz'));
    await expect(page.getByTestId('comparison-name')).toHaveText('go-sort.cpu.pb.gz');
    await expect(page.getByTestId('baseline-name')).toHaveText(/example: Go encoding\/json/);
  });

  test('two profiles without a shared sample type: a clear message, the profile on screen stays', async ({ page }) => {
    await page.goto('/');
    await waitReady(page);
    await page.getByTestId('compare-input').setInputFiles(corpusFile(HEAP));
    await expect(page.getByTestId('error')).toContainText(/sample type/);
    await expect(page.getByTestId('source-name')).toHaveText(/example: Go encoding\/json/);
  });
});

test.describe('links', () => {
  test('?url= loads a profile, and the hash restores sample type, focus and search', async ({ page }) => {
    await page.route('**/profiles/heap.pb.gz', (route) => route.fulfill({ body: readFileSync(corpusFile(HEAP)) }));
    const hash = new URLSearchParams([['type', 'inuse_space'], ['q', 'recvMsg'], ...HANDLER.map((name) => ['f', name])]);
    await page.goto(`/?url=profiles/heap.pb.gz#${hash}`);
    await waitReady(page);
    await expect(page.getByTestId('source-name')).toHaveText('heap.pb.gz');
    await expect(page.getByTestId('sample-type').locator('option:checked')).toContainText('inuse_space (bytes) — total 517 MiB');
    await expect(page.getByTestId('flame-area')).toHaveAttribute('data-focus', HANDLER.join(';'));
    await expect(page.getByTestId('flame-breadcrumbs')).toContainText('handleStream');
    await expect(page.getByTestId('flame-search')).toHaveValue('recvMsg');
  });

  test('a link whose download fails says why, with the status', async ({ page, consoleErrors }) => {
    await page.route('**/profiles/missing.pb.gz', (route) => route.fulfill({ status: 404, body: 'no' }));
    await page.goto('/?url=profiles/missing.pb.gz');
    await expect(page.getByTestId('error')).toContainText('the server answered 404');
    await expect(page.getByTestId('empty')).toBeVisible();
    // The browser logs the failed request itself; that one is expected, anything else is not.
    const expected = (e: string) => /missing\.pb\.gz|404/.test(e);
    expect(consoleErrors.filter((e) => !expected(e))).toEqual([]);
    consoleErrors.length = 0;
  });

  test('changing the view writes the hash; reopening the link shows the same view', async ({ page }) => {
    await page.goto('/');
    await waitReady(page);
    await page.getByTestId('flame-view-flame').click();
    await page.getByTestId('flame-search').fill('json');
    await page.getByTestId('layout-graph').click();
    await expect(page).toHaveURL(/view=flame/);
    const url = page.url();
    await page.goto('about:blank');
    await page.goto(url);
    await waitReady(page);
    await expect(page.getByTestId('flame-search')).toHaveValue('json');
    await expect(page.getByTestId('layout-graph')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('function-table')).toHaveCount(0);
  });
});

test.describe('large files and bad input', () => {
  test('a large file shows bytes and stacks read, and Cancel keeps the profile on screen', async ({ page }) => {
    await page.goto('/');
    await waitReady(page);
    await page.getByTestId('file-input').setInputFiles(bigFoldedFile());
    const progress = page.getByTestId('progress');
    await expect(progress).toContainText(/stacks/);
    await expect(progress).toContainText(/\d [KMG]i?B/);
    await page.getByTestId('cancel').click();
    await expect(progress).toHaveCount(0);
    await expect(page.getByTestId('error')).toHaveCount(0);
    await expect(page.getByTestId('source-name')).toHaveText(/example: Go encoding\/json/);
    await waitReady(page);
  });

  test('a truncated pprof file says so, and the profile on screen stays', async ({ page }) => {
    await page.goto('/');
    await waitReady(page);
    const bytes = readFileSync(corpusFile(GO_CPU));
    await page.getByTestId('file-input').setInputFiles({ name: 'cut.pb.gz', mimeType: 'application/octet-stream', buffer: bytes.subarray(0, bytes.length >> 1) });
    await expect(page.getByTestId('error')).toContainText('cut.pb.gz');
    await expect(page.getByTestId('error')).toHaveAttribute('data-kind', 'corrupt');
    await expect(page.getByTestId('source-name')).toHaveText(/example: Go encoding\/json/);
  });

  test('three files at once: a message, nothing lost', async ({ page }) => {
    await page.goto('/');
    await waitReady(page);
    await page.getByTestId('file-input').setInputFiles([corpusFile(GO_CPU), corpusFile(GO_CPU), corpusFile(GO_CPU)]);
    await expect(page.getByTestId('error')).toContainText('two to compare');
    await expect(page.getByTestId('source-name')).toHaveText(/example: Go encoding\/json/);
  });
});

test('the keyboard alone: move through the graph, focus a frame, and the link keeps it', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  const area = page.getByTestId('flame-area');
  await area.focus();
  await page.keyboard.press('ArrowDown'); // the root
  await page.keyboard.press('ArrowDown'); // its heaviest child
  await expect(area).toHaveAttribute('data-selected', /.+/);
  const selected = await area.getAttribute('data-selected');
  await page.keyboard.press('Enter');
  await expect(area).toHaveAttribute('data-focus', selected!);
  await expect(page).toHaveURL(new RegExp(`f=${encodeURIComponent(selected!.split(';')[0]!).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  await page.keyboard.press('Escape');
  await expect(area).toHaveAttribute('data-focus', '');
});

test('a new file replaces one still parsing, without an error', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await page.getByTestId('file-input').setInputFiles(bigFoldedFile());
  await expect(page.getByTestId('progress')).toBeVisible();
  await page.getByTestId('file-input').setInputFiles(corpusFile(GO_CPU));
  // A worker deep in a synchronous step cannot hear the cancel: it gets 2 s of grace, then a fresh worker
  // starts and parses the new file; on a loaded 2-core machine that can pass the default 15 s.
  await expect(page.getByTestId('source-name')).toHaveText('go-flate.cpu.pb.gz', { timeout: 30_000 });
  await waitReady(page);
  await expect(page.getByTestId('error')).toHaveCount(0);
});

test('offline once loaded: every request is to the page itself, and a file still opens offline', async ({ page, context }) => {
  const origins = new Set<string>();
  page.on('request', (request) => origins.add(new URL(request.url()).origin));
  await page.goto('/');
  await waitReady(page);
  await context.setOffline(true);
  await page.getByTestId('file-input').setInputFiles(corpusFile(GO_CPU));
  await expect(page.getByTestId('source-name')).toHaveText('go-flate.cpu.pb.gz');
  await waitReady(page);
  await context.setOffline(false);
  expect([...origins].filter((o) => !o.startsWith('data:') && !o.startsWith('blob:'))).toEqual([new URL(page.url()).origin]);
});

test('the built app works from any path (relative base)', async ({ page }) => {
  const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../apps/web/dist');
  await page.route('http://flamelens.test/some/deep/path/**', (route) => {
    const rel = new URL(route.request().url()).pathname.replace('/some/deep/path/', '') || 'index.html';
    const file = path.join(dist, rel);
    if (!file.startsWith(dist) || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ body: readFileSync(file), contentType: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
  });
  await page.goto('http://flamelens.test/some/deep/path/');
  await waitReady(page);
  await expect(page.getByTestId('source-name')).toHaveText(/example: Go encoding\/json/);
});

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.gz': 'application/octet-stream',
};

test.describe('analysis views in the app', () => {
  test('a table row highlights its function and opens its sandwich; the link keeps it', async ({ page }) => {
    await page.goto('/');
    await waitReady(page);
    await page.getByTestId('function-filter').fill('mallocgc');
    await firstRow(page).click();
    await expect(page.getByTestId('graph-pane').getByTestId('flame-area')).toHaveAttribute('data-highlight', 'runtime.mallocgc');
    await expect(page.getByTestId('sandwich-view')).toHaveAttribute('data-function', 'runtime.mallocgc');
    await expect(page).toHaveURL(/sw=runtime.mallocgc/);
    await page.reload();
    await waitReady(page);
    await expect(page.getByTestId('sandwich-view')).toHaveAttribute('data-function', 'runtime.mallocgc');
    await page.getByTestId('sandwich-close').click();
    await expect(page.getByTestId('sandwich-view')).toHaveCount(0);
    await expect(page).not.toHaveURL(/sw=/);
  });

  test('transforms come from the link as chips, and removing one updates the link', async ({ page }) => {
    await page.goto('/#tx=h%3Ap%3Ago-runtime~r');
    await waitReady(page);
    const chips = page.getByTestId('transform-chip');
    await expect(chips).toHaveCount(2);
    await expect(chips.first()).toContainText(/Go runtime/);
    await expect(page.getByTestId('function-table')).not.toContainText('runtime.mallocgc');
    await chips.first().getByRole('button').click();
    await expect(chips).toHaveCount(1);
    await expect(page).toHaveURL(/tx=r(&|$)/);
    await expect(page.getByTestId('function-filter')).toBeVisible();
  });

  test('a large view comes as a preview first, then exact: "refining…", the table dimmed until its rows come', async ({ page }) => {
    await page.goto('/');
    await waitReady(page);
    // 70,000 light stacks under a few heavy ones: about 350,000 frames, over the size that gets previews
    let seed = 7;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % 1000);
    const lines = ['main;hot;work 50000000', 'main;hot;lock;work 20000000'];
    for (let i = 0; i < 70_000; i++) lines.push(`main;f${next()};g${next()};h${i};lock;leaf${next()} 1`);
    await page.getByTestId('file-input').setInputFiles({ name: 'wide.folded', mimeType: 'text/plain', buffer: Buffer.from(lines.join('\n')) });
    await expect(page.getByTestId('source-name')).toHaveText('wide.folded');
    await waitReady(page);
    // record whether the preview state is ever shown (it may last less than a poll)
    await page.evaluate(() => {
      const w = window as unknown as { sawRefining: boolean; sawBusyTable: boolean };
      w.sawRefining = false;
      w.sawBusyTable = false;
      new MutationObserver(() => {
        w.sawRefining ||= document.querySelector('[data-testid=view-refining]') !== null;
        w.sawBusyTable ||= document.querySelector('[data-testid=function-grid][aria-busy=true]') !== null;
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    // a leaf's row upright: the inverted view's table must be the same (its self is where its stacks end)
    await page.getByTestId('function-filter').fill('/^leaf1$/');
    await expect(firstRow(page)).toContainText('leaf1');
    const upright = await firstRow(page).innerText();
    await page.getByTestId('invert-toggle').click();
    await expect(page).toHaveURL(/inv=1/);
    await expect.poll(() => page.evaluate(() => (window as unknown as { sawRefining: boolean }).sawRefining)).toBe(true);
    await expect(page.getByTestId('view-refining')).toHaveCount(0, { timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { sawBusyTable: boolean }).sawBusyTable)).toBe(true);
    // exact now: the inverted view's table, not dimmed
    await expect(page.getByTestId('function-grid')).not.toHaveAttribute('aria-busy', 'true');
    await expect(firstRow(page)).toContainText('leaf1');
    expect(await firstRow(page).innerText()).toBe(upright);
  });

  test('the analysis views work on a diff (transform and sandwich from the link)', async ({ page }) => {
    await page.goto('/#tx=h%3Ap%3Ago-runtime&sw=encoding%2Fjson.Indent');
    await waitReady(page);
    await page.getByTestId('example-diff').click();
    await expect(page.getByTestId('comparison-name')).toHaveText(/GOGC=25/);
    await waitReady(page);
    await expect(page.getByTestId('sandwich-view')).toHaveAttribute('data-function', 'encoding/json.Indent');
    await expect(page.getByTestId('graph-pane').getByTestId('flame-area')).toHaveAttribute('data-highlight', 'encoding/json.Indent');
    await expect(page.getByTestId('transform-chip')).toContainText(/frames/);
    // The diff's columns once went missing when the worker first got the diff (a detached buffer): no error may show.
    await expect(page.getByTestId('sandwich-callers')).toBeVisible();
    await expect(page.getByTestId('sandwich-view')).not.toContainText(/detached|Cannot|failed/);
    await expect(page.getByTestId('error')).toHaveCount(0);
  });
});

test('a diff shows its legend; its options live in the link and come back from it', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await page.getByTestId('example-diff').click();
  await expect(page.getByTestId('comparison-name')).toHaveText(/GOGC=25/);
  await waitReady(page);
  const legend = page.getByTestId('graph-pane').getByTestId('diff-legend');
  await expect(legend).toContainText('4.38 s');
  await expect(legend).toContainText('6.72 s');
  await page.getByTestId('graph-pane').getByTestId('diff-metric').selectOption('relative-change');
  await page.getByTestId('graph-pane').getByTestId('diff-width').selectOption('comparison');
  await expect(page).toHaveURL(/metric=relative-change/);
  await expect(page).toHaveURL(/width=comparison/);
  const formula = await legend.getByTestId('diff-legend-formula').textContent();
  await page.goto(`/${new URL(page.url()).hash}`);
  await waitReady(page);
  await page.getByTestId('example-diff').click();
  await expect(page.getByTestId('comparison-name')).toHaveText(/GOGC=25/);
  await expect(page.getByTestId('graph-pane').getByTestId('diff-metric')).toHaveValue('relative-change');
  await expect(page.getByTestId('graph-pane').getByTestId('diff-legend-formula')).toHaveText(formula!);
});
