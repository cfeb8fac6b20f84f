import { locationService } from '@grafana/runtime';
import { decodeTransforms, encodeTransforms, type Transform } from '@flamelens/core';
import { useCallback, useEffect, useRef, useState } from 'react';

/** What a viewer did to the panel's picture, kept in the dashboard's URL so a shared link shows the same. */
export interface ViewState {
  readonly transforms: readonly Transform[];
  readonly inverted: boolean;
  /** The function whose sandwich is open (and is highlighted in the graph), or null. */
  readonly sandwich: string | null;
}

/** The URL parameters of panel `panelId`: one set per panel, so two Flamelens panels keep their own. */
export const queryKeys = (panelId: number) => ({ transforms: `flamelens-${panelId}-tx`, inverted: `flamelens-${panelId}-inv`, sandwich: `flamelens-${panelId}-sw` });

const NONE: readonly Transform[] = [];

/**
 * Reads the panel's state from the URL's query (as Grafana's locationService parses it: a repeated key is
 * an array, a key without a value is `true`). Transforms the link holds that cannot be read are left out
 * and said in `error`; the rest of the state still applies.
 */
export function viewStateFromQuery(query: Readonly<Record<string, unknown>>, panelId: number): { state: ViewState; error: string | null } {
  const keys = queryKeys(panelId);
  const text = (key: string): string | null => {
    const value = query[key];
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' || typeof first === 'number' ? String(first) : null;
  };
  const decoded = decodeTransforms(text(keys.transforms) ?? '');
  const inverted = query[keys.inverted];
  return {
    state: {
      transforms: decoded.ok && decoded.transforms.length > 0 ? decoded.transforms : NONE,
      inverted: inverted === true || text(keys.inverted) === '1' || text(keys.inverted) === 'true',
      sandwich: text(keys.sandwich) || null,
    },
    error: decoded.ok ? null : `The link's transforms could not be read: ${decoded.error.message}`,
  };
}

/** The query that writes `state` (null removes a key: the default state leaves the URL as it was). */
export function queryOfViewState(state: ViewState, panelId: number): Record<string, string | null> {
  const keys = queryKeys(panelId);
  return {
    [keys.transforms]: state.transforms.length > 0 ? encodeTransforms(state.transforms) : null,
    [keys.inverted]: state.inverted ? '1' : null,
    [keys.sandwich]: state.sandwich,
  };
}

const sameState = (a: ViewState, b: ViewState) =>
  a.inverted === b.inverted && a.sandwich === b.sandwich && (a.transforms === b.transforms || encodeTransforms(a.transforms) === encodeTransforms(b.transforms));

/**
 * The panel's view state, read from and written to the dashboard's URL through Grafana's locationService
 * (a change replaces the history entry rather than adding one, as Grafana does for a panel's own state).
 * It follows the URL: back/forward, or a link opened in place, update the panel. The state object stays
 * the same while the URL's values for this panel do not change, so views are not recomputed for another
 * panel's change.
 */
export function useViewState(panelId: number) {
  const read = useCallback(() => viewStateFromQuery(locationService.getSearchObject(), panelId), [panelId]);
  const [current, setCurrent] = useState(read);
  const latest = useRef(current);
  latest.current = current;

  useEffect(() => {
    const follow = () =>
      setCurrent((previous) => {
        const next = read();
        return sameState(previous.state, next.state) && previous.error === next.error ? previous : next;
      });
    follow();
    const subscription = locationService.getLocationObservable().subscribe(follow);
    return () => subscription.unsubscribe();
  }, [read]);

  const set = useCallback(
    (patch: Partial<ViewState>) => locationService.partial(queryOfViewState({ ...latest.current.state, ...patch }, panelId), true),
    [panelId],
  );
  return { ...current, set };
}
