import { ProfileParser, type ParsedProfile } from '@flamelens/core/client';
import type { ParseProgress, ProfileErrorInfo, ProfileSource } from '@flamelens/core';
import { useCallback, useEffect, useRef, useState } from 'react';

/** What the page shows about loading. */
export interface LoaderState {
  /** The profile on screen (kept when a later load fails). */
  readonly profile: ParsedProfile | null;
  /** Name of the file or example on screen. */
  readonly sourceName: string;
  /** Set while a parse runs. */
  readonly loading: { readonly name: string; readonly progress: ParseProgress | null } | null;
  /** The last failure, shown as a banner until the next load. */
  readonly error: { readonly name: string; readonly error: ProfileErrorInfo } | null;
}

/**
 * Loads profiles through the parser worker: one at a time (a new load cancels the one running), with
 * progress, and with the profile on screen kept when a load fails or is cancelled.
 */
export function useProfileLoader() {
  const [parser] = useState(() => new ProfileParser());
  const [state, setState] = useState<LoaderState>({ profile: null, sourceName: '', loading: null, error: null });
  const current = useRef<AbortController | null>(null);

  useEffect(() => () => parser.dispose(), [parser]);

  const load = useCallback(
    async (name: string, source: ProfileSource | Promise<ProfileSource>) => {
      current.current?.abort();
      const controller = new AbortController();
      current.current = controller;
      setState((s) => ({ ...s, loading: { name, progress: null }, error: null }));
      let input: ProfileSource;
      try {
        input = await source;
      } catch (error) {
        if (controller.signal.aborted) return;
        setState((s) => ({ ...s, loading: null, error: { name, error: { kind: 'internal', message: String(error) } } }));
        return;
      }
      const outcome = await parser.parse(input, {
        signal: controller.signal,
        onProgress: (progress) => {
          if (current.current === controller) setState((s) => (s.loading ? { ...s, loading: { name, progress } } : s));
        },
      });
      if (current.current !== controller) return;
      current.current = null;
      if (outcome.ok) setState({ profile: outcome.profile, sourceName: name, loading: null, error: null });
      else if (outcome.error.kind === 'cancelled') setState((s) => ({ ...s, loading: null }));
      else setState((s) => ({ ...s, loading: null, error: { name, error: outcome.error } }));
    },
    [parser],
  );

  const cancel = useCallback(() => current.current?.abort(), []);

  return { state, load, cancel };
}
