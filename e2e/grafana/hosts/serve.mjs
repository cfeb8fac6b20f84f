#!/usr/bin/env node
// Serves a built host (r18/dist or r19/dist) and the plugin's dist/ at Grafana's plugin path,
// /public/plugins/<id>/, on 127.0.0.1.   node serve.mjs <setup-dir> <port>
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';

const setup = path.resolve(process.argv[2] ?? '.');
const port = Number(process.argv[3] ?? 4260);
const hostDir = path.join(setup, 'dist');
const pluginDir = path.resolve(import.meta.dirname, '../../../apps/grafana-panel/dist');
const PLUGIN_PREFIX = '/public/plugins/flamelens-flamegraph-panel/';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.map': 'application/json', '.ttf': 'font/ttf', '.md': 'text/markdown' };

for (const dir of [hostDir, pluginDir]) {
  if (!existsSync(dir)) {
    console.error(`missing ${dir}: build the host (npm run build in ${setup}) and the plugin (npm run build -w @flamelens/grafana-panel) first`);
    process.exit(1);
  }
}

createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const [base, rel] = url.pathname.startsWith(PLUGIN_PREFIX) ? [pluginDir, url.pathname.slice(PLUGIN_PREFIX.length)] : [hostDir, url.pathname.slice(1) || 'index.html'];
  const file = path.resolve(base, decodeURIComponent(rel));
  if (!file.startsWith(base + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  createReadStream(file).pipe(res);
}).listen(port, '127.0.0.1', () => console.log(`grafana host ${path.basename(setup)} on http://127.0.0.1:${port}`));
