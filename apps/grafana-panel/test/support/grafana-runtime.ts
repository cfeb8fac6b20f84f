/**
 * Stands in for @grafana/runtime in the panel's unit tests (Grafana shares the real one at run time; it is
 * not installed in this workspace): a locationService over an in-memory query, with the real one's rules —
 * `partial` drops keys set to null or undefined, and every change is announced to subscribers.
 */
type Listener = (location: unknown) => void;

let query: Record<string, unknown> = {};
const listeners = new Set<Listener>();

export const locationService = {
  getSearchObject: (): Record<string, unknown> => ({ ...query }),
  partial(patch: Record<string, unknown>, _replace?: boolean): void {
    const next = { ...query };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null || value === undefined) delete next[key];
      else next[key] = value;
    }
    query = next;
    for (const listener of listeners) listener({ search: new URLSearchParams(query as Record<string, string>).toString() });
  },
  getLocationObservable: () => ({
    subscribe(next: Listener) {
      listeners.add(next);
      return { unsubscribe: () => void listeners.delete(next) };
    },
  }),
};

/** Tests: replaces the whole query, as opening another link would. */
export function openLink(next: Record<string, unknown>): void {
  query = { ...next };
  for (const listener of listeners) listener({});
}
