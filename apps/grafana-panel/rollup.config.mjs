/**
 * Builds dist/ as Grafana loads a panel plugin: one anonymous AMD module.js (SystemJS's AMD extra evaluates
 * it and reads the `plugin` export) plus plugin.json, logo, README, CHANGELOG, LICENSE. Rollup, because
 * Vite 8 (Rolldown) cannot write AMD. What Grafana shares at run time stays outside the bundle — React
 * and its jsx-runtime (a bundled React 18 jsx-runtime breaks on Grafana 13's React 19), @grafana/*, Emotion,
 * rxjs, lodash, moment, d3 — and the conversion worker is inlined (Grafana serves no second file and
 * SystemJS's AMD `require` cannot load chunks).
 */
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import { inlineWorker } from './build/inline-worker.mjs';
import { pluginFiles } from './build/plugin-files.mjs';

/** Modules Grafana provides to plugins (public/app/features/plugins/loader/sharedDependencies.ts). */
export const GRAFANA_SHARED = [
  /^react(\/.*)?$/,
  /^react-dom(\/.*)?$/,
  /^@grafana\/(data|ui|runtime|schema|i18n)(\/.*)?$/,
  /^@emotion\/(css|react)$/,
  /^rxjs(\/.*)?$/,
  'lodash',
  'moment',
  'd3',
];

const production = process.env.NODE_ENV !== 'development';

/** Transpiles TS/TSX with the automatic JSX runtime (react/jsx-runtime, shared by Grafana). */
export const transpile = () =>
  esbuild({
    target: 'es2020',
    jsx: 'automatic',
    minify: production,
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
  });

export default {
  input: 'src/module.ts',
  external: GRAFANA_SHARED,
  plugins: [
    inlineWorker({ plugins: () => [nodeResolve({ browser: true, extensions: ['.mjs', '.js', '.ts', '.tsx'] }), transpile()] }),
    nodeResolve({ browser: true, extensions: ['.mjs', '.js', '.ts', '.tsx'] }),
    transpile(),
    pluginFiles(),
  ],
  output: {
    file: 'dist/module.js',
    format: 'amd',
    sourcemap: true,
    inlineDynamicImports: true,
  },
};
