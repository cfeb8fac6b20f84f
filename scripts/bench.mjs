#!/usr/bin/env node
// npm run bench: figures, not pass/fail. Generates synthetic profiles (../shared/tools/gen_profiles.mjs)
// into a temporary folder once, then measures parsing in Node (a fresh process per file, as the CLI does)
// and in the browser worker (headless Debian Chromium), then the analyses (function table, sandwiches,
// transforms, inverted view) on the loaded profile in Node and through the worker, and prints tables.
//   node scripts/bench.mjs [--only node|browser] [--part parse|analysis] [--sizes s10k,s100k,s1m] [--runs N]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build, createServer } from 'vite';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { only: { type: 'string' }, part: { type: 'string' }, sizes: { type: 'string' }, runs: { type: 'string' }, data: { type: 'string' } },
});
const sizes = (values.sizes ?? 's10k,s100k,s1m').split(',');
const runs = Number(values.runs ?? 3);
const dataDir = values.data ?? path.join(tmpdir(), 'flamelens-bench');
const generator = path.resolve(root, '../shared/tools/gen_profiles.mjs');

function ensureData() {
  if (sizes.every((s) => existsSync(path.join(dataDir, `${s}.pb.gz`)))) return;
  mkdirSync(dataDir, { recursive: true });
  console.log(`generating synthetic profiles into ${dataDir} (once; about 30 s) …`);
  execFileSync(process.execPath, [generator, '--ladder', dataDir], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
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
  const { chromium } = await import('playwright');
  const server = await createServer({
    configFile: false,
    root,
    logLevel: 'warn',
    server: { host: '127.0.0.1', port: 0, fs: { allow: [root, dataDir] } },
    worker: { format: 'es' },
  });
  await server.listen();
  const address = server.httpServer.address();
  const base = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--enable-precise-memory-info'],
  });
  const rows = [];
  try {
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
  } finally {
    await browser.close();
    await server.close();
  }
  table(`Parse in the browser worker, file Blob → tree on the page (median of ${runs})`, ['file', 'median ms', 'min ms', 'frames', 'tree B/frame', 'longest main task ms', 'progress events'], rows);
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
      ['analysis', 'median ms', 'frames out'],
      result.rows.map((r) => [r.label, fmt(r.ms), r.frames]),
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

async function withBrowserPage(use) {
  const { chromium } = await import('playwright');
  const server = await createServer({
    configFile: false,
    root,
    logLevel: 'warn',
    server: { host: '127.0.0.1', port: 0, fs: { allow: [root, dataDir] } },
    worker: { format: 'es' },
  });
  await server.listen();
  const base = `http://127.0.0.1:${server.httpServer.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(600_000);
    await use(page, base);
  } finally {
    await browser.close();
    await server.close();
  }
}

ensureData();
if (values.part !== 'analysis') {
  if (values.only !== 'browser') await benchNode();
  if (values.only !== 'node') await benchBrowser();
}
if (values.part !== 'parse') {
  if (values.only !== 'browser') await benchNodeAnalysis();
  if (values.only !== 'node') await benchBrowserAnalysis();
}
