import { defineConfig, devices } from '@playwright/test';

/** Debian's Chromium: test tools never download a browser here. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Ports of the app preview and the static Storybook (settable so several checkouts can test at once). */
const appPort = Number(process.env.E2E_APP_PORT ?? 4173);
const storybookPort = Number(process.env.E2E_STORYBOOK_PORT ?? 6007);
process.env.E2E_STORYBOOK_URL = `http://127.0.0.1:${storybookPort}`;

export default defineConfig({
  testDir: './tests',
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  timeout: 60_000,
  // CI shares 2 cores between the servers, the browser and the tests: give assertions room
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: { baseURL: `http://127.0.0.1:${appPort}`, trace: 'retain-on-failure' },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-dev-shm-usage',
            '--disable-quic',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: `npx vite preview --host 127.0.0.1 --port ${appPort} --strictPort`,
      cwd: '../apps/web',
      url: `http://127.0.0.1:${appPort}`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `npx vite preview --outDir storybook-static --host 127.0.0.1 --port ${storybookPort} --strictPort`,
      cwd: '../stories',
      url: `http://127.0.0.1:${storybookPort}/index.json`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
