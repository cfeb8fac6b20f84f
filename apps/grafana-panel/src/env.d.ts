/** Vite's inline-worker import (build/inline-worker.mjs gives Rollup the same). */
declare module '*?worker&inline' {
  const WorkerFactory: new (options?: { name?: string }) => Worker;
  export default WorkerFactory;
}

/**
 * The part of @grafana/runtime the panel uses. Grafana shares the module with plugins at run time (it is
 * external in the build); it is not installed in this workspace, whose unit tests alias it to
 * test/support/grafana-runtime.ts.
 */
declare module '@grafana/runtime' {
  export const locationService: {
    getSearchObject(): Record<string, unknown>;
    /** Sets these query keys (null or undefined removes one); `replace` replaces the history entry. */
    partial(query: Record<string, string | null>, replace?: boolean): void;
    getLocationObservable(): { subscribe(next: (location: unknown) => void): { unsubscribe(): void } };
  };
}
