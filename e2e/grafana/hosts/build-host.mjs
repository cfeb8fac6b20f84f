#!/usr/bin/env node
// Bundles host/host.js for one set-up (r18 or r19) with that set-up's own node_modules, into <setup>/dist.
// esbuild, not Vite: the host pulls in all of @grafana/ui (Monaco included, ~14 MB) and only needs one
// plain bundle; esbuild makes it in seconds where a Vite build took one to two minutes here.
//   node build-host.mjs <setup-dir>
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const setup = path.resolve(process.argv[2] ?? '.');
const here = import.meta.dirname;
const require = createRequire(path.join(setup, 'package.json'));
const esbuild = await import(pathToFileURL(require.resolve('esbuild')).href);
const out = path.join(setup, 'dist');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

/** Bare imports resolve from the set-up's node_modules, never from the workspace root's (React 19 there). */
const fromSetup = {
  name: 'resolve-from-setup',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'from-setup' || !args.importer.startsWith(path.join(here, 'host'))) return undefined;
      return build.resolve(args.path, { kind: args.kind, resolveDir: setup, pluginData: 'from-setup' });
    });
  },
};

const started = Date.now();
const result = await esbuild.build({
  entryPoints: { host: path.join(here, 'host/host.js') },
  bundle: true,
  outdir: out,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: false,
  logLevel: 'error', // systemjs's package.json has "type": "script", which esbuild warns about
  define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
  loader: { '.svg': 'dataurl', '.png': 'dataurl', '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.gif': 'dataurl' },
  plugins: [fromSetup],
  metafile: false,
});
copyFileSync(path.join(here, 'host/index.html'), path.join(out, 'index.html'));
if (result.errors.length > 0) process.exit(1);
console.log(`host built for ${path.basename(setup)} in ${((Date.now() - started) / 1000).toFixed(1)} s → ${out}`);
