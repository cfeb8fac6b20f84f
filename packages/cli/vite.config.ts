/**
 * Bundles the CLI (and the core it uses) into one ES module for Node 20, which cannot run TypeScript.
 * Node built-ins and npm dependencies stay external.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    ssr: 'src/main.ts',
    outDir: 'dist',
    target: 'node20',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    rolldownOptions: {
      output: { entryFileNames: 'flamelens.mjs' },
    },
  },
  ssr: { noExternal: ['@flamelens/core'] },
  logLevel: 'warn',
});
