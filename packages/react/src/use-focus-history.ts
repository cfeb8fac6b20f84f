import { useCallback, useState } from 'react';

/** A focus path: names from the root's child to the focused frame ([] = the root). */
export type FramePath = readonly string[];

const samePath = (a: FramePath, b: FramePath) => a.length === b.length && a.every((n, i) => n === b[i]);

/**
 * Back/forward history of focus paths, like a browser's: focusing pushes (and drops the forward
 * entries); back and forward move through it. Paths, not frame indices, so the history survives a
 * reload or a sample-type switch.
 */
export function useFocusHistory(initial: FramePath) {
  const [state, setState] = useState<{ entries: FramePath[]; index: number }>({ entries: [initial], index: 0 });
  const push = useCallback((path: FramePath) => {
    setState((s) => {
      if (samePath(s.entries[s.index]!, path)) return s;
      const entries = [...s.entries.slice(0, s.index + 1), path];
      return { entries, index: entries.length - 1 };
    });
  }, []);
  const go = useCallback((step: -1 | 1) => {
    setState((s) => {
      const index = s.index + step;
      return index < 0 || index >= s.entries.length ? s : { ...s, index };
    });
  }, []);
  return {
    current: state.entries[state.index]!,
    canGoBack: state.index > 0,
    canGoForward: state.index < state.entries.length - 1,
    /** The entry one step back/forward (to report it before moving), or null. */
    peek: (step: -1 | 1): FramePath | null => state.entries[state.index + step] ?? null,
    push,
    back: useCallback(() => go(-1), [go]),
    forward: useCallback(() => go(1), [go]),
  };
}
