// npm run bench -- --only grafana: the Grafana panel in the harness hosts (e2e/grafana/hosts, built by
// scripts/grafana-hosts.sh): a Pyroscope-shaped nested-set frame from data to painted panel (root.render
// of the panel with the frame → the end of the canvas's first paint, conversion in the worker included),
// redraws (the renderer's own paint time, data-draw-ms, on 20 resizes), and module.js's gzipped size. The
// paint times come from the host's paint log (window.flamelensHost.paints), the conversion from the
// panel's performance entry flamelens:convert.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function startHost(root, setup) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'e2e/grafana/hosts/serve.mjs'), path.join(root, 'e2e/grafana/hosts', setup), String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill() };
}

const lastEntry = (page, name) => page.evaluate((n) => { const e = performance.getEntriesByName(n).at(-1); return e ? { start: e.startTime, duration: e.duration } : null; }, name);

/** The panel's flame graph canvas: the current one when `fresh` (a replaced panel's canvas is marked stale). */
const CANVAS = '[data-testid=flame-area] canvas';

async function waitForDraw(page, fresh, count = 0) {
  await page.waitForFunction(
    ([selector, n]) => {
      const c = document.querySelector(selector);
      return c !== null && Number(c.dataset.draws ?? 0) > n;
    },
    [fresh ? `${CANVAS}:not([data-stale])` : CANVAS, count],
    { timeout: 120_000 },
  );
}

/** Runs the Grafana panel benchmark and prints its tables; returns false when the hosts are not built. */
export async function benchGrafana({ root, runs, table, median, fmt }) {
  const setups = ['r18', 'r19'].filter((s) => existsSync(path.join(root, 'e2e/grafana/hosts', s, 'dist/host.js')));
  const moduleJs = path.join(root, 'apps/grafana-panel/dist/module.js');
  if (setups.length === 0 || !existsSync(moduleJs)) {
    console.log('\nGrafana panel: skipped (build the plugin with `npm run build -w @flamelens/grafana-panel` and the hosts with `bash scripts/grafana-hosts.sh`)');
    return false;
  }
  const outDir = path.join(root, 'node_modules/.bench');
  await build({ configFile: false, logLevel: 'warn', build: { ssr: path.join(root, 'e2e/grafana/support/frames.ts'), outDir, emptyOutDir: false, target: 'node20', minify: false, rolldownOptions: { output: { entryFileNames: 'grafana-frames.mjs' } } } });
  const { syntheticPyroscopeFrame } = await import(path.join(outDir, 'grafana-frames.mjs'));
  const { chromium } = await import('playwright');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'] });
  const rows = [];
  try {
    for (const setup of setups) {
      const host = await startHost(root, setup);
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      try {
        await page.goto(host.url);
        await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready', undefined, { timeout: 120_000 });
        await page.evaluate(() => window.flamelensHost.load());
        for (const size of [10_000, 100_000]) {
          const { frame } = syntheticPyroscopeFrame(size);
          const toPaint = [];
          const convert = [];
          for (let r = 0; r < runs; r++) {
            await page.evaluate((c) => document.querySelector(c)?.setAttribute('data-stale', 'true'), CANVAS);
            const started = await page.evaluate((f) => window.flamelensHost.render({ frames: [f], width: 1200, height: 600 }), frame);
            await waitForDraw(page, true);
            // the host logs every paint of the renderer (its data-draws attribute): the first of this panel's canvas
            const painted = await page.evaluate((t) => window.flamelensHost.paints().find((p) => p.at >= t && p.draws === 1), started);
            toPaint.push(painted.at - started);
            convert.push((await lastEntry(page, 'flamelens:convert')).duration);
          }
          const redraws = [];
          for (let i = 0; i < 20; i++) {
            const count = await page.evaluate((c) => Number(document.querySelector(c).dataset.draws), CANVAS);
            await page.evaluate((w) => window.flamelensHost.update({ width: w }), 1200 - (i % 2));
            await waitForDraw(page, false, count);
            redraws.push(await page.evaluate((c) => Number(document.querySelector(c).dataset.drawMs), CANVAS));
          }
          redraws.sort((a, b) => a - b);
          rows.push([setup, `${size / 1000}k`, fmt(median(toPaint)), fmt(Math.min(...toPaint)), fmt(median(convert)), fmt(median(redraws), 1), fmt(redraws[Math.floor(redraws.length * 0.95)], 1)]);
        }
      } finally {
        await page.close();
        host.stop();
      }
    }
  } finally {
    await browser.close();
  }
  table(`Grafana panel in the harness hosts: nested-set frame → painted panel (median of ${runs}), redraws (20 resizes)`, ['host', 'rows', 'data→paint ms', 'min ms', 'convert ms', 'redraw median ms', 'redraw p95 ms'], rows);
  const gzip = gzipSync(readFileSync(moduleJs), { level: 9 }).length;
  console.log(`module.js: ${(readFileSync(moduleJs).length / 1024).toFixed(1)} kB, ${(gzip / 1024).toFixed(1)} kB gzipped (budget 400 kB)`);
  return true;
}
