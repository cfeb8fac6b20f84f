import { defineConfig, devices } from '@playwright/test';

/**
 * The Grafana panel harness: the built plugin (apps/grafana-panel/dist) loaded through SystemJS by a host
 * page that shares the real @grafana/* packages, in two set-ups — Grafana 12 (React 18, @grafana/* 12.4.10)
 * and Grafana 13 (React 19, @grafana/* 13.2.2). Needs the hosts installed and built first
 * (scripts/grafana-hosts.sh does both) and the plugin built.
 */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ports = { r18: Number(process.env.GRAFANA_HOST_R18_PORT ?? 4260), r19: Number(process.env.GRAFANA_HOST_R19_PORT ?? 4261) };
const launchOptions = {
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

export default defineConfig({
  testDir: './tests',
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  timeout: 60_000,
  reporter: [['list']],
  use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, trace: 'retain-on-failure', launchOptions },
  projects: [
    { name: 'grafana-12.4-react18', use: { baseURL: `http://127.0.0.1:${ports.r18}` }, metadata: { react: '18.', grafana: '12.4.10' } },
    { name: 'grafana-13.2-react19', use: { baseURL: `http://127.0.0.1:${ports.r19}` }, metadata: { react: '19.', grafana: '13.2.2' } },
  ],
  webServer: (['r18', 'r19'] as const).map((setup) => ({
    command: `node hosts/serve.mjs hosts/${setup} ${ports[setup]}`,
    url: `http://127.0.0.1:${ports[setup]}/index.html`,
    reuseExistingServer: false,
    timeout: 30_000,
  })),
});
