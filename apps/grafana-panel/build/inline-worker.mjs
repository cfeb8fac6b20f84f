/**
 * Vite's `import Worker from './x.ts?worker&inline'` for Rollup: the worker entry is bundled on its own
 * (an IIFE) and embedded in module.js as a string, started from a blob: URL (a data: URL where blob: is
 * refused). The plugin ships as one file, and `import.meta.url` — which has no sensible value inside an
 * AMD/UMD bundle loaded through SystemJS — is never needed to find the worker.
 * Vite handles the same import natively, so unit tests and Storybook see the same code.
 */
import path from 'node:path';
import { rollup } from 'rollup';

const SUFFIX = '?worker&inline';
const PREFIX = '\0inline-worker:';

/** @param {{ plugins: () => import('rollup').Plugin[] }} options plugins that build the worker bundle */
export function inlineWorker(options) {
  return {
    name: 'flamelens-inline-worker',
    async resolveId(source, importer) {
      if (!source.endsWith(SUFFIX)) return null;
      const resolved = await this.resolve(source.slice(0, -SUFFIX.length), importer, { skipSelf: true });
      if (!resolved) this.error(`inline worker not found: ${source}`);
      return PREFIX + resolved.id;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const entry = id.slice(PREFIX.length);
      const bundle = await rollup({ input: entry, plugins: options.plugins(), onwarn: (w) => this.warn(w) });
      try {
        for (const watched of bundle.watchFiles) this.addWatchFile(watched);
        const { output } = await bundle.generate({ format: 'iife', inlineDynamicImports: true });
        const code = output[0].code;
        return [
          `const code = ${JSON.stringify(code)};`,
          `/** Starts the ${path.basename(entry)} worker from code embedded in this module. */`,
          'export default function InlineWorker(options) {',
          "  let url;",
          "  try { url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' })); } catch { url = undefined; }",
          '  try {',
          "    return new Worker(url ?? 'data:text/javascript;charset=utf-8,' + encodeURIComponent(code), { name: options?.name });",
          '  } finally {',
          '    if (url) URL.revokeObjectURL(url);',
          '  }',
          '}',
        ].join('\n');
      } finally {
        await bundle.close();
      }
    },
  };
}
