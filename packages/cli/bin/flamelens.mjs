#!/usr/bin/env node
// The CLI is TypeScript, bundled for Node by `npm run build -w @flamelens/cli` (run by `npm install`).
import { existsSync } from 'node:fs';
const bundle = new URL('../dist/flamelens.mjs', import.meta.url);
if (!existsSync(bundle)) {
  console.error('flamelens: the CLI is not built yet; run `npm install` (or `npm run build -w @flamelens/cli`) in the repository.');
  process.exit(2);
}
const { main } = await import(bundle.href);
process.exitCode = await main(process.argv.slice(2));
