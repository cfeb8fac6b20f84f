#!/usr/bin/env node
// Checks dist/ as Grafana's plugin validator would, offline (the validator downloads a binary, which this
// machine cannot): the files Grafana and the catalog read, plugin.json's rules, module.js as an anonymous
// AMD module whose imports are all modules Grafana shares, and the size budget. Prints the gzip size.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const here = path.resolve(import.meta.dirname, '..');
const dist = path.join(here, 'dist');
/** module.js budget, gzipped (issue 7). */
const MAX_GZIP_BYTES = 400 * 1024;
/** What Grafana 12.4+/13 provides to plugins (public/app/features/plugins/loader/sharedDependencies.ts). */
const SHARED = new Set(['@emotion/css', '@emotion/react', '@grafana/data', '@grafana/runtime', '@grafana/ui', '@grafana/data/unstable', '@grafana/runtime/unstable', '@grafana/ui/unstable', 'd3', 'i18next', 'lodash', 'moment', 'react', 'react-dom', 'react/jsx-runtime', 'react/jsx-dev-runtime', 'rxjs', 'rxjs/operators', 'react-redux', 'redux', 'react-router', 'react-router-dom', 'prismjs', 'jquery']);
const LICENSES = /Apache License|MIT License|BSD|GNU (AFFERO|LESSER)? ?GENERAL PUBLIC LICENSE/i;

const problems = [];
const need = (ok, message) => ok || problems.push(message);
const read = (file) => readFileSync(path.join(dist, file), 'utf8');

for (const file of ['plugin.json', 'module.js', 'module.js.map', 'README.md', 'CHANGELOG.md', 'LICENSE']) need(existsSync(path.join(dist, file)), `dist/${file} is missing`);
if (problems.length === 0) {
  const meta = JSON.parse(read('plugin.json'));
  const pkg = JSON.parse(readFileSync(path.join(here, 'package.json'), 'utf8'));
  need(meta.type === 'panel', `type is ${meta.type}, not panel`);
  need(/^[0-9a-z]+-([0-9a-z]+-)?panel$/.test(meta.id), `id ${meta.id} does not match <org>-<name>-panel`);
  for (const key of ['type', 'name', 'id', 'info', 'dependencies']) need(key in meta, `plugin.json has no ${key}`);
  need(/^\d+\.\d+\.\d+$/.test(meta.info?.version ?? ''), `info.version ${meta.info?.version} is not MAJOR.MINOR.PATCH`);
  need(meta.info?.version === pkg.version, `info.version ${meta.info?.version} differs from package.json ${pkg.version}`);
  need(/^\d{4}-\d{2}-\d{2}$/.test(meta.info?.updated ?? ''), `info.updated ${meta.info?.updated} is not YYYY-MM-DD`);
  need((meta.info?.keywords ?? []).length > 0, 'info.keywords is empty');
  for (const logo of [meta.info?.logos?.small, meta.info?.logos?.large]) need(logo && existsSync(path.join(dist, logo)), `logo ${logo} is missing`);
  const range = meta.dependencies?.grafanaDependency ?? '';
  need(/^>=\d+\.\d+\.\d+$/.test(range), `grafanaDependency "${range}" is not one open-ended range (>=X.Y.Z)`);
  need(LICENSES.test(read('LICENSE')), 'LICENSE is not one the catalog accepts');

  const module = read('module.js');
  const define = /^define\(\[([^\]]*)\],/.exec(module);
  need(define !== null, 'module.js does not start with an anonymous AMD define([...], ...)');
  const imports = define ? JSON.parse(`[${define[1]}]`) : [];
  for (const name of imports) need(['exports', 'module', 'require'].includes(name) || SHARED.has(name), `module.js imports ${name}, which Grafana does not share`);
  need(!/\bprocess\.env\b/.test(module), 'module.js mentions process.env (undefined inside Grafana)');
  const gzip = gzipSync(module, { level: 9 }).length;
  need(gzip <= MAX_GZIP_BYTES, `module.js is ${gzip} bytes gzipped, over the ${MAX_GZIP_BYTES} budget`);
  console.log(`dist ok: ${meta.id} ${meta.info.version}, module.js ${(module.length / 1024).toFixed(1)} kB, ${(gzip / 1024).toFixed(1)} kB gzipped; imports ${imports.join(', ')}`);
}
if (problems.length > 0) {
  for (const p of problems) console.error(`dist check: ${p}`);
  process.exit(1);
}
