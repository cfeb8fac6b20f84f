import { useCallback, useEffect, useRef, useState } from 'react';
import { formatViewState, parseViewState, type ViewState } from './url-state.ts';

/**
 * The view state kept in `location.hash`: read once at start (and on back/forward), written with
 * `history.replaceState` as the user changes the view, so a copied link reopens the same view without
 * filling the history with every keystroke of a search.
 */
export function useHashState(): [ViewState, (patch: Partial<ViewState>) => void] {
  const [state, setState] = useState<ViewState>(() => parseViewState(location.hash));
  const latest = useRef(state);
  latest.current = state;

  useEffect(() => {
    const onHashChange = () => setState(parseViewState(location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const update = useCallback((patch: Partial<ViewState>) => {
    const next: Record<string, unknown> = { ...latest.current, ...patch };
    for (const key of Object.keys(next)) if (next[key] === undefined || next[key] === '' || (next[key] === false && key !== 'fadeNoise')) delete next[key];
    const hash = formatViewState(next as ViewState);
    if (hash !== location.hash && !(hash === '' && location.hash === '')) {
      history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
    }
    latest.current = next as ViewState;
    setState(next as ViewState);
  }, []);

  return [state, update];
}
