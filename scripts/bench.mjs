#!/usr/bin/env node
// npm run bench: figures, not pass/fail. Generates synthetic profiles (../shared/tools/gen_profiles.mjs)
// into a temporary folder once, then measures parsing in Node (a fresh process per file, as the CLI does)
// and in the browser worker (headless Debian Chromium), and prints tables.
// Then it times the renderer (FlameRenderer on a 1600×900 canvas at DPR 2 with the largest size loaded).
// With the Grafana harness hosts built (scripts/grafana-hosts.sh), also the Grafana panel: a nested-set
// frame from data to painted panel, redraws, module.js size (scripts/bench/grafana.mjs).
// And diffs: merge time in Node; parse-both-and-merge against parsing the larger file alone, in the browser
// workers (d100k, and s1m against a changed copy of itself); the first diff paint (two files → painted diff
// flame graph) against the larger file alone → painted, and redraws of the painted diff. And the analyses (function table, sandwiches,
// transforms, inverted view) on the loaded profile in Node and through the worker.
// And the analysis views as drawn by the React components (function table, sandwich, a transform redrawn),
// then each one's first use on a newly loaded page once the worker has prepared (`first-use`).
// And the app itself: file picked → flame graph painted, with the longest main-thread task and peak memory
// (scripts/bench/app.mjs).
//   node scripts/bench.mjs [--only node|browser|render|grafana|diff|diff-node|diff-browser|analysis|analysis-node|analysis-browser|diff-paint|views|first-use|app]
//                          [--sizes s10k,s100k,s1m] [--diffs d100k,s1m] [--runs N]
//                          [--case REGEX]   (views, first-use: only the cases whose label matches)
//                          [--eager]        (first-use: ask 50 ms after the picture, not once the worker has prepared)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build, createServer } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { only: { type: 'string' }, sizes: { type: 'string' }, diffs: { type: 'string' }, runs: { type: 'string' }, data: { type: 'string' }, case: { type: 'string' }, eager: { type: 'boolean' } },
});
const sizes = (values.sizes ?? 's10k,s100k,s1m').split(',');
const diffs = (values.diffs ?? 'd100k,s1m').split(',');
const runs = Number(values.runs ?? 3);
const dataDir = values.data ?? path.join(tmpdir(), 'flamelens-bench');
const generator = path.resolve(root, '../shared/tools/gen_profiles.mjs');

function ensureData(withDiffs) {
  const ladder = [...sizes, ...(withDiffs ? diffs.map((d) => (d === 's1m' ? 's1m' : `${d}.base`)) : [])];
  if (!ladder.every((s) => existsSync(path.join(dataDir, `${s}.pb.gz`)))) {
    mkdirSync(dataDir, { recursive: true });
    console.log(`generating synthetic profiles into ${dataDir} (once; about 30 s) …`);
    execFileSync(process.execPath, [generator, '--ladder', dataDir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  // s1m against a changed copy of itself: the generator's diff mode with the ladder's s1m shape (same seed,
  // so its base is s1m) writes the changed copy as s1m-changed.diff.*.
  if (withDiffs && diffs.includes('s1m') && !existsSync(path.join(dataDir, 's1m-changed.diff.pb.gz'))) {
    console.log('generating a changed copy of s1m (once; about 40 s) …');
    execFileSync(process.execPath, [generator, '--out', path.join(dataDir, 's1m-changed'), '--stacks', '1000000', '--diff'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
}

/** The two files of a diff pair: dNNN.base/.diff from the ladder, or s1m against its changed copy. */
function diffPair(name, ext) {
  return name === 's1m'
    ? [path.join(dataDir, `s1m.${ext}`), path.join(dataDir, `s1m-changed.diff.${ext}`)]
    : [path.join(dataDir, `${name}.base.${ext}`), path.join(dataDir, `${name}.diff.${ext}`)];
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n, d = 0) => (typeof n === 'number' ? n.toFixed(d) : String(n));

function table(title, header, rows) {
  console.log(`\n${title}`);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padStart(widths[i])).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

async function benchNode() {
  const outDir = path.join(root, 'node_modules/.bench');
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: path.join(root, 'scripts/bench/node-parse-entry.ts'),
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rolldownOptions: { output: { entryFileNames: 'node-parse.mjs' } },
    },
  });
  const rows = [];
  for (const size of sizes) {
    for (const ext of ['collapsed', 'pb.gz']) {
      const file = path.join(dataDir, `${size}.${ext}`);
      const results = [];
      for (let r = 0; r < runs; r++) {
        const run = spawnSync(process.execPath, ['--max-old-space-size=8192', path.join(outDir, 'node-parse.mjs'), file], { encoding: 'utf8' });
        results.push(JSON.parse(run.stdout.trim().split('\n').pop()));
      }
      const ms = results.map((x) => x.ms);
      rows.push([`${size}.${ext}`, fmt(median(ms)), fmt(Math.min(...ms)), results[0].frames, fmt(results[0].bytesPerFrame, 1), fmt(median(results.map((x) => x.rssMB)))]);
    }
  }
  table(`Parse in Node (median of ${runs} fresh processes)`, ['file', 'median ms', 'min ms', 'frames', 'tree B/frame', 'peak RSS MB'], rows);
}

async function benchBrowser() {
  const rows = [];
  await withBrowserPage(async (_page, base, browser) => {
    for (const size of sizes) {
      for (const ext of ['collapsed', 'pb.gz']) {
        const results = [];
        for (let r = 0; r < runs; r++) {
          const page = await browser.newPage();
          await page.goto(`${base}/scripts/bench/browser-parse.html`);
          await page.waitForFunction(() => typeof window.benchParse === 'function');
          results.push(await page.evaluate((url) => window.benchParse(url), `${base}/@fs${path.join(dataDir, `${size}.${ext}`)}`));
          await page.close();
        }
        if (results[0].error) throw new Error(results[0].error);
        const ms = results.map((x) => x.ms);
        rows.push([`${size}.${ext}`, fmt(median(ms)), fmt(Math.min(...ms)), results[0].frames, fmt(results[0].bytesPerFrame, 1), fmt(Math.max(...results.map((x) => x.longestTaskMs))), results[0].progressEvents]);
      }
    }
  });
  table(`Parse in the browser worker, file Blob → tree on the page (median of ${runs})`, ['file', 'median ms', 'min ms', 'frames', 'tree B/frame', 'longest main task ms', 'progress events'], rows);
}

async function benchRender() {
  const size = sizes[sizes.length - 1];
  await withBrowserPage(async (_page, base, browser) => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, deviceScaleFactor: 2 });
    await page.goto(`${base}/scripts/bench/browser-render.html`);
    await page.waitForFunction(() => typeof window.benchRender === 'function');
    const r = await page.evaluate(([url, n]) => window.benchRender(url, n), [`${base}/@fs${path.join(dataDir, `${size}.pb.gz`)}`, Math.max(15, runs * 5)]);
    if (r.error) throw new Error(r.error);
    console.log(`\nRenderer with ${size} loaded: ${r.frames} frames, 1600×900 CSS px at DPR ${r.dpr}`);
    console.log(`layout (in slices): ${fmt(r.layoutMs)} ms total, longest main-thread task of the layout ${fmt(r.longestLayoutTaskMs)} ms`);
    console.log(`first draw after the layout (code not yet optimized by the JIT): its task ${fmt(r.firstDrawTaskMs)} ms; the next draw ${fmt(r.firstDrawMs)} ms`);
    console.log(`renderer memory: ${fmt(r.bytesPerFrame, 1)} B/frame on top of the tree`);
    console.log(`search 'Grape': names ready after ${fmt(r.searchMs.namesMs)} ms, share final after ${fmt(r.searchMs.totalMs)} ms, longest task ${fmt(r.searchMs.longestTaskMs)} ms`);
    table('Redraw (JS + rasterization, timed to a 1-px getImageData)', ['what', 'median ms', 'max ms', 'JS only ms', 'bars', 'labels'],
      Object.entries(r.rows).map(([k, v]) => [k, fmt(v.medianMs, 1), fmt(v.maxMs, 1), fmt(v.jsMs, 1), v.bars ?? '', v.labels ?? '']));
    table('Hit test (mean of 20 000 points)', ['view', 'µs per hit test'], Object.entries(r.hitTestUs).map(([k, v]) => [k, fmt(v, 2)]));
  });
}

async function bundleForNode(entry, name) {
  const outDir = path.join(root, 'node_modules/.bench');
  await build({
    configFile: false,
    logLevel: 'warn',
    build: { ssr: path.join(root, entry), outDir, emptyOutDir: false, target: 'node20', minify: false, rolldownOptions: { output: { entryFileNames: name } } },
  });
  return path.join(outDir, name);
}

async function benchDiffNode() {
  const script = await bundleForNode('scripts/bench/node-diff-entry.ts', 'node-diff.mjs');
  const rows = [];
  for (const name of diffs) {
    for (const ext of ['collapsed', 'pb.gz']) {
      const results = [];
      for (let r = 0; r < runs; r++) {
        const run = spawnSync(process.execPath, ['--max-old-space-size=8192', script, ...diffPair(name, ext)], { encoding: 'utf8' });
        results.push(JSON.parse(run.stdout.trim().split('\n').pop()));
      }
      if (results[0].error) throw new Error(results[0].error);
      const m = (key) => median(results.map((x) => x[key]));
      const larger = Math.max(m('parseAMs'), m('parseBMs'));
      const largerCpu = Math.max(m('parseACpuMs'), m('parseBCpuMs'));
      rows.push([
        `${name}.${ext}`,
        fmt(m('parseAMs')),
        fmt(m('parseBMs')),
        fmt(m('mergeMs')),
        fmt(m('mergeCpuMs')),
        fmt(m('functionsMs')),
        `${results[0].framesA}+${results[0].framesB}→${results[0].framesMerged}`,
        fmt(m('mergeMs') / larger, 2),
        fmt((m('parseAMs') + m('parseBMs') + m('mergeMs')) / larger, 2),
        fmt((larger + m('mergeMs')) / larger, 2),
        fmt((largerCpu + m('mergeCpuMs')) / largerCpu, 2),
      ]);
    }
  }
  table(
    `Diff in Node: parse both, merge (median of ${runs} fresh processes). Ratios are against parsing the larger file alone; ` +
      '"two cores" assumes both parses run at once, as the browser does; "two idle cores, CPU" is the same from CPU times, ' +
      'which a busy machine does not inflate as much as wall times',
    ['pair', 'parse A ms', 'parse B ms', 'merge ms', 'merge CPU ms', 'fn tables ms', 'frames A+B→merged', 'merge ÷ parse', 'diff ÷ alone (one core)', 'diff ÷ alone (two cores)', 'diff ÷ alone (two idle cores, CPU)'],
    rows,
  );
}

async function benchDiffBrowser() {
  const rows = [];
  await withBrowserPage(async (_page, base, browser) => {
    for (const name of diffs) {
      for (const ext of ['collapsed', 'pb.gz']) {
        const results = [];
        for (let r = 0; r < runs; r++) {
          const page = await browser.newPage();
          await page.goto(`${base}/scripts/bench/browser-diff.html`);
          await page.waitForFunction(() => typeof window.benchDiff === 'function');
          const [a, b] = diffPair(name, ext).map((file) => `${base}/@fs${file}`);
          results.push(await page.evaluate(([x, y]) => window.benchDiff(x, y), [a, b]));
          await page.close();
        }
        if (results[0].error) throw new Error(results[0].error);
        const alone = median(results.map((x) => x.aloneMs));
        const diff = median(results.map((x) => x.diffMs));
        rows.push([`${name}.${ext}`, fmt(alone), fmt(diff), fmt(diff / alone, 2), results[0].frames, fmt(Math.max(...results.map((x) => x.longestTaskMs)))]);
      }
    }
  });
  table(
    `Diff in the browser workers: larger file alone vs the pair compared (both parsed at once in two workers, merged in one; median of ${runs}). Target: diff ÷ alone ≤ 1.3`,
    ['pair', 'larger alone ms', 'diff ms', 'diff ÷ alone', 'merged frames', 'longest main task ms'],
    rows,
  );
}

/**
 * First diff paint: the two files → the painted diff flame graph (parse both in two workers, merge, lay
 * out, colour, paint on 1600×900 CSS px at DPR 2), against the larger file alone → painted; each on a fresh
 * page. Then redraws of the painted diff (the last run's page). pprof input (the formats' parse costs are
 * in the tables above).
 */
async function benchDiffPaint() {
  await withBrowserPage(async (_page, base, browser) => {
    const rows = [];
    const redrawRows = [];
    for (const name of diffs) {
      const [a, b] = diffPair(name, 'pb.gz').map((file) => `${base}/@fs${file}`);
      const larger = statSync(diffPair(name, 'pb.gz')[0]).size >= statSync(diffPair(name, 'pb.gz')[1]).size ? a : b;
      const alone = [];
      const diff = [];
      for (let r = 0; r < runs; r++) {
        for (const [urls, out, redraws] of [[[larger, null], alone, r === runs - 1 ? 15 : 0], [[a, b], diff, r === runs - 1 ? 15 : 0]]) {
          const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, deviceScaleFactor: 2 });
          page.setDefaultTimeout(600_000);
          await page.goto(`${base}/scripts/bench/browser-diff-paint.html`);
          await page.waitForFunction(() => typeof window.benchDiffPaint === 'function');
          const result = await page.evaluate(([x, y, n]) => window.benchDiffPaint(x, y, n), [urls[0], urls[1], redraws]);
          await page.close();
          if (result.error) throw new Error(result.error);
          out.push(result);
        }
      }
      const m = (xs, key) => median(xs.map((x) => x[key]));
      rows.push([
        name,
        fmt(m(alone, 'ms')),
        `${fmt(m(alone, 'parseMs'))} / ${fmt(m(alone, 'layoutMs'))} / ${fmt(m(alone, 'paintMs'))}`,
        fmt(m(diff, 'ms')),
        `${fmt(m(diff, 'parseMs'))} / ${fmt(m(diff, 'layoutMs'))} / ${fmt(m(diff, 'paintMs'))}`,
        fmt(m(diff, 'ms') / m(alone, 'ms'), 2),
        `${alone[0].frames} / ${diff[0].frames}`,
        diff[0].faded,
        fmt(Math.max(...diff.map((x) => x.longestTaskMs))),
      ]);
      // The larger profile alone, redrawn the same way on its own page: what the diff's colouring adds.
      const plain = alone[alone.length - 1].redraws ?? {};
      for (const [what, v] of Object.entries(diff[diff.length - 1].redraws ?? {})) {
        redrawRows.push([name, what, fmt(v.medianMs, 1), fmt(v.maxMs, 1), plain[what] ? fmt(plain[what].medianMs, 1) : '–']);
      }
    }
    table(
      `First diff paint, pprof files in memory → painted 1600×900 at DPR 2 (median of ${runs}, fresh page each). Target: diff ÷ alone ≤ 1.3`,
      ['pair', 'larger alone ms', 'alone: parse / layout+colours / paint', 'diff ms', 'diff: parse+merge / layout+colours / paint', 'diff ÷ alone', 'frames alone / diff', 'faded frames', 'longest main task ms (diff)'],
      rows,
    );
    table(
      'Redraws of the painted diff (JS + rasterization, to a 1-px getImageData), and of the larger profile alone. Target: < 16 ms at 1M frames',
      ['pair', 'what', 'diff median ms', 'diff max ms', 'alone median ms'],
      redrawRows,
    );
  });
}

/** Analyses in one Node process per file (pprof input): the core's own speed, no worker boundary. */
async function benchNodeAnalysis() {
  const runner = await bundleForNode('scripts/bench/node-analysis-entry.ts', 'node-analysis.mjs');
  for (const size of sizes) {
    const file = path.join(dataDir, `${size}.pb.gz`);
    const run = spawnSync(process.execPath, ['--max-old-space-size=8192', runner, file, String(runs)], { encoding: 'utf8' });
    const result = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}');
    if (result.error || !result.rows) throw new Error(result.error ?? run.stderr);
    table(
      `Analyses in Node, ${size} (${result.frames} frames; median of ${runs})`,
      ['analysis', 'median ms', 'frames out', 'preview ms', 'preview frames'],
      result.rows.map((r) => [r.label, fmt(r.ms), r.frames, r.previewMs == null ? '–' : fmt(r.previewMs), r.previewFrames ?? '–']),
    );
  }
}

/** Analyses requested by the page from the worker that keeps the tree: result on the page, page responsiveness. */
async function benchBrowserAnalysis() {
  await withBrowserPage(async (page, base) => {
    for (const size of sizes) {
      await page.goto(`${base}/scripts/bench/browser-analysis.html`);
      await page.waitForFunction(() => typeof window.benchAnalysis === 'function');
      const result = await page.evaluate(([url, n]) => window.benchAnalysis(url, n), [`${base}/@fs${path.join(dataDir, `${size}.pb.gz`)}`, runs]);
      if (result.error) throw new Error(result.error);
      table(
        `Analyses through the worker, ${size} (${result.frames} frames): request → result on the page (median of ${runs})`,
        ['analysis', 'median ms', 'in worker: compute', 'copy for page', 'frames out', 'longest main task ms'],
        result.rows.map((r) => [r.label, fmt(r.ms), r.computeMs == null ? '–' : fmt(r.computeMs), r.copyMs == null ? '–' : fmt(r.copyMs), r.frames, fmt(r.longestTaskMs)]),
      );
    }
  });
}

/**
 * The analysis views in React on the largest size: request → drawn on screen (function table rows, both
 * sandwich halves painted, a transformed view laid out and painted with its table), longest main task.
 */
async function benchBrowserViews() {
  const size = sizes.at(-1);
  // React as users run it (the production build): its development build's checks would be timed too
  await withBrowserPage(async (page, base) => {
    await page.setViewportSize({ width: 1600, height: 1200 });
    await page.goto(`${base}/scripts/bench/browser-views.html`);
    await page.waitForFunction(() => typeof window.benchViews === 'function');
    if (values.case) await page.evaluate((only) => (window.benchOnly = only), values.case);
    const result = await page.evaluate(([url, n]) => window.benchViews(url, n), [`${base}/@fs${path.join(dataDir, `${size}.pb.gz`)}`, runs]);
    if (result.error) throw new Error(result.error);
    table(
      `Analysis views in React, ${size} (${result.frames} frames), on screen (median of ${runs}). Targets: table < 300 ms, sandwich < 300 ms, transform < 500 ms.\n` +
        'First picture: a preview on large views (frames under 1e-5 of the whole left out), then the exact view with its table.',
      ['view', 'first picture ms', 'max ms', 'result committed ms', 'of which: computed in worker', 'received by page', 'layout + paint ms', 'exact view + table drawn ms', 'longest main task ms'],
      result.rows.map((r) => [
        r.label,
        fmt(r.ms),
        fmt(r.maxMs),
        fmt(r.landedMs),
        r.workerMs == null ? '–' : fmt(r.workerMs),
        r.arrivedMs == null ? '–' : fmt(r.arrivedMs),
        fmt(r.ms - r.landedMs),
        fmt(r.exactMs),
        fmt(r.longestTaskMs),
      ]),
    );
  }, { production: true });
}

/**
 * A user's first use of each analysis view on the largest size: per run a new page (a new worker, code
 * cold but for what loading ran) loads the profile, draws graph and table, lets the worker finish its idle
 * preparation and waits half a second more, then asks for the one view and times it to its first picture.
 */
async function benchFirstUse() {
  const size = sizes.at(-1);
  await withBrowserPage(async (_page, base, browser) => {
    const url = `${base}/@fs${path.join(dataDir, `${size}.pb.gz`)}`;
    const only = values.case ? new RegExp(values.case) : null;
    const rows = [];
    for (let index = 0, cases = 1; index < cases; index++) {
      const results = [];
      for (let r = 0; r < runs; r++) {
        const page = await browser.newPage();
        page.setDefaultTimeout(600_000);
        await page.setViewportSize({ width: 1600, height: 1200 });
        await page.goto(`${base}/scripts/bench/browser-views.html`);
        await page.waitForFunction(() => typeof window.benchFirstUse === 'function');
        const result = await page.evaluate(([u, i, e]) => window.benchFirstUse(u, i, e), [url, index, values.eager ?? false]);
        await page.close();
        if (result.error) throw new Error(result.error);
        cases = result.cases;
        if (only && !only.test(result.label)) break;
        results.push(result);
      }
      if (results.length === 0) continue;
      const of = (key) => median(results.map((x) => x[key]));
      rows.push([
        results[0].label,
        fmt(of('ms')),
        fmt(Math.max(...results.map((x) => x.ms))),
        fmt(of('landedMs')),
        results.every((x) => x.workerMs != null) ? fmt(of('workerMs')) : '–',
        fmt(of('exactMs')),
        fmt(of('longestTaskMs')),
        values.eager ? '–' : fmt(of('prepareMs')),
      ]);
    }
    const when = values.eager ? 'asks for the view 50 ms after the picture (the worker still preparing)' : 'lets the worker prepare, waits 0.5 s, then asks for the view';
    table(
      `First use of each analysis view, ${size}: a new page loads the profile, draws it, ${when} once (median of ${runs} pages). Targets: sandwich < 300 ms, transform < 500 ms.`,
      ['view', 'first picture ms', 'max ms', 'result committed ms', 'of which: computed in worker', 'exact view + table drawn ms', 'longest main task ms', 'worker preparing after load ms'],
      rows,
    );
  }, { production: true });
}

/**
 * A Vite dev server over the repository and Debian's Chromium; `use(page, base, browser)` runs the bench.
 * `production`: serve in production mode (React's production build, JSX without development checks).
 */
async function withBrowserPage(use, { production = false } = {}) {
  const { chromium } = await import('playwright');
  const server = await createServer({
    configFile: false,
    ...(production
      ? {
          mode: 'production',
          define: { 'process.env.NODE_ENV': '"production"' },
          oxc: { jsx: { runtime: 'automatic', development: false } },
          cacheDir: path.join(root, 'node_modules/.vite-bench-production'),
        }
      : {}),
    root,
    logLevel: 'warn',
    server: { host: '127.0.0.1', port: 0, fs: { allow: [root, dataDir] } },
    worker: { format: 'es' },
    // Pre-bundled up front: a dependency discovered mid-run makes Vite reload the page under the bench.
    optimizeDeps: {
      include: ['comlink', 'd3-scale', 'react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', 'react/jsx-dev-runtime'],
      ...(production ? { rolldownOptions: { transform: { define: { 'process.env.NODE_ENV': '"production"' } } } } : {}),
    },
  });
  await server.listen();
  const base = `http://127.0.0.1:${server.httpServer.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--enable-precise-memory-info'],
  });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(600_000);
    await use(page, base, browser);
  } finally {
    await browser.close();
    await server.close();
  }
}

if (!values.only || ['node', 'browser', 'render', 'diff', 'diff-node', 'diff-browser', 'diff-paint', 'analysis', 'analysis-node', 'analysis-browser', 'views', 'first-use', 'app'].includes(values.only)) {
  ensureData(!values.only || values.only.startsWith('diff'));
}
if (!values.only || values.only === 'node') await benchNode();
if (!values.only || values.only === 'browser') await benchBrowser();
if (!values.only || values.only === 'render') await benchRender();
if (!values.only || values.only === 'grafana') {
  const { benchGrafana } = await import('./bench/grafana.mjs');
  await benchGrafana({ root, runs, table, median, fmt });
}
if (!values.only || values.only === 'diff' || values.only === 'diff-node') await benchDiffNode();
if (!values.only || values.only === 'diff' || values.only === 'diff-browser') await benchDiffBrowser();
if (!values.only || values.only === 'diff' || values.only === 'diff-paint') await benchDiffPaint();
if (!values.only || values.only === 'analysis' || values.only === 'analysis-node') await benchNodeAnalysis();
if (!values.only || values.only === 'analysis' || values.only === 'analysis-browser') await benchBrowserAnalysis();
if (!values.only || values.only === 'views') await benchBrowserViews();
if (!values.only || values.only === 'views' || values.only === 'first-use') await benchFirstUse();
if (!values.only || values.only === 'app') {
  const { benchApp } = await import('./bench/app.mjs');
  await benchApp({ root, dataDir, sizes: sizes.filter((s) => s !== 's10k'), runs, table, median, fmt });
}
