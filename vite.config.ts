/// <reference types="vitest/config" />
/**
 * Vitest configuration for the whole workspace: a Node project for unit tests and a real-Chromium
 * project (Debian's /usr/bin/chromium through Playwright) for canvas and worker tests.
 */
import path from 'node:path';
import { defineConfig } from 'vite';
import { playwright } from '@vitest/browser-playwright';

/** The shared test corpus (read by tests only, never bundled). */
const corpusDir = process.env.FLAMELENS_CORPUS ?? path.resolve(import.meta.dirname, '../shared/corpus');

/** React 18 from its own workspace folder (compat/react18), for the browser-react18 project. */
const react18 = path.resolve(import.meta.dirname, 'compat/react18/node_modules');
const react18Aliases = [
  { find: /^react$/, replacement: `${react18}/react/index.js` },
  { find: /^react\/(.*)$/, replacement: `${react18}/react/$1.js` },
  { find: /^react-dom$/, replacement: `${react18}/react-dom/index.js` },
  { find: /^react-dom\/(.*)$/, replacement: `${react18}/react-dom/$1.js` },
];

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['packages/**/test/**/*.test.ts', 'apps/**/test/**/*.test.ts'],
          exclude: ['**/*.browser.test.ts', '**/*.browser.test.tsx', '**/node_modules/**'],
          testTimeout: 60_000,
          // @grafana/data's ESM build imports moment-timezone's CommonJS by name, which Node's own loader
          // refuses; transformed by Vite, the interop works (the Grafana panel's unit tests need it)
          server: { deps: { inline: ['@grafana/data'] } },
        },
        // Grafana shares @grafana/runtime with plugins at run time; it is not installed here (see the stub)
        resolve: { alias: { '@grafana/runtime': path.resolve(import.meta.dirname, 'apps/grafana-panel/test/support/grafana-runtime.ts') } },
      },
      {
        // Pre-bundled up front so Vite never re-optimizes (and reloads the page) in the middle of a run.
        optimizeDeps: { include: ['comlink', 'pprof-format', 'd3-hierarchy', 'd3-scale', 'react', 'react-dom', 'react-dom/client', 'react/jsx-dev-runtime'] },
        server: { fs: { allow: [import.meta.dirname, corpusDir] } },
        define: { __CORPUS_DIR__: JSON.stringify(corpusDir), __REACT_MAJOR__: '19' },
        test: {
          name: 'browser',
          include: ['packages/**/test/**/*.browser.test.ts', 'packages/**/test/**/*.browser.test.tsx'],
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            instances: [{ browser: 'chromium' }],
            provider: playwright({
              launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
            }),
          },
        },
      },
      {
        optimizeDeps: { include: ['comlink', 'd3-scale', 'react', 'react-dom', 'react-dom/client', 'react/jsx-dev-runtime'] },
        server: { fs: { allow: [import.meta.dirname, corpusDir] } },
        define: { __CORPUS_DIR__: JSON.stringify(corpusDir), __REACT_MAJOR__: '18' },
        // The React component again, under React 18 (Grafana 12's React), from compat/react18.
        resolve: { alias: react18Aliases },
        test: {
          name: 'browser-react18',
          include: ['packages/react/test/**/*.browser.test.tsx'],
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            instances: [{ browser: 'chromium' }],
            provider: playwright({
              launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
            }),
          },
        },
      },
    ],
  },
});
