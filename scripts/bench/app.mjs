// npm run bench -- --only app: the standalone app as a user meets it. The built app (apps/web/dist) is
// served over loopback; a synthetic file is picked with the file input (the browser's own File, as a drop
// gives), and the clock runs from the input's change event to the first paint after the app says it is
// ready (main[data-ready] with the file's name on screen, then two animation frames). Also: the longest
// main-thread task in between (Long Tasks API), and the peak resident memory of the page's renderer
// process (where the page and its workers live), sampled from /proc every 50 ms.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { build, preview } from 'vite';

/** Resident set size in bytes of every Chromium renderer process, by pid. */
function rendererRss() {
  const out = new Map();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer')) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      out.set(pid, kb * 1024);
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

async function timeOpen(browser, base, file) {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  try {
    page.setDefaultTimeout(600_000);
    await page.addInitScript(() => {
      window.__longest = 0;
      window.__tasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__tasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
      window.addEventListener('change', () => (window.__t0 = performance.now()), true);
    });
    await page.goto(base);
    await page.locator('main[data-ready="true"]').waitFor();
    const before = new Set(rendererRss().keys());
    let peak = 0;
    const sampler = setInterval(() => {
      for (const [, rss] of rendererRss()) peak = Math.max(peak, rss);
    }, 50);
    const name = path.basename(file);
    await page.getByTestId('file-input').setInputFiles(file);
    const result = await page.evaluate(
      (fileName) =>
        new Promise((resolve) => {
          const check = () => {
            const ready = document.querySelector('main[data-ready="true"]');
            const shown = document.querySelector('[data-testid=source-name]')?.textContent === fileName;
            const error = document.querySelector('[data-testid=error]')?.textContent;
            if (error) return resolve({ error });
            if (!ready || !shown) return requestAnimationFrame(check);
            requestAnimationFrame(() =>
              requestAnimationFrame(() => {
                const t1 = performance.now();
                const t0 = window.__t0;
                const longest = Math.max(0, ...window.__tasks.filter((t) => t.start >= t0).map((t) => t.duration));
                resolve({ ms: t1 - t0, longestTaskMs: longest });
              }),
            );
          };
          check();
        }),
      name,
    );
    clearInterval(sampler);
    void before;
    return { ...result, peakRss: peak };
  } finally {
    await page.close();
  }
}

/** Prints the drop-to-paint table for `sizes` × {collapsed, pb.gz}. */
export async function benchApp({ root, dataDir, sizes, runs, table, median, fmt }) {
  const { chromium } = await import('playwright');
  await build({ root: path.join(root, 'apps/web'), configFile: path.join(root, 'apps/web/vite.config.ts'), logLevel: 'warn' });
  const server = await preview({ root: path.join(root, 'apps/web'), configFile: path.join(root, 'apps/web/vite.config.ts'), preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
  const base = server.resolvedUrls.local[0];
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
  const rows = [];
  try {
    for (const size of sizes) {
      for (const ext of ['collapsed', 'pb.gz']) {
        const file = path.join(dataDir, `${size}.${ext}`);
        const results = [];
        for (let r = 0; r < runs; r++) results.push(await timeOpen(browser, base, file));
        const failed = results.find((x) => x.error);
        if (failed) throw new Error(`${size}.${ext}: ${failed.error}`);
        const bytes = readFileSync(file).length;
        rows.push([
          `${size}.${ext}`,
          fmt(bytes / 2 ** 20, 1),
          fmt(median(results.map((x) => x.ms))),
          fmt(Math.min(...results.map((x) => x.ms))),
          fmt(Math.max(...results.map((x) => x.longestTaskMs))),
          fmt(Math.max(...results.map((x) => x.peakRss)) / 2 ** 20),
        ]);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  table(
    `The app, file picked → flame graph painted (built app, headless Chromium 1600×900; median of ${runs}). Targets: s100k < 1500 ms; s1m collapsed < 8000, pb.gz < 6000; no task > 50 ms; renderer < 1 GB`,
    ['file', 'MiB', 'median ms', 'min ms', 'longest main task ms', 'peak renderer RSS MiB'],
    rows,
  );
}
