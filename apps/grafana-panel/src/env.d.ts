/** Vite's inline-worker import (build/inline-worker.mjs gives Rollup the same). */
declare module '*?worker&inline' {
  const WorkerFactory: new (options?: { name?: string }) => Worker;
  export default WorkerFactory;
}
