import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The standalone app: a static bundle that works from any path (relative base), offline once loaded. */
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { sourcemap: true, target: 'es2022' },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  server: { host: '127.0.0.1', port: 5173 },
});
