import type { AnalysisErrorInfo, ViewSpec } from '@flamelens/core';
import type { ProfileHandle, ProfileParser, SandwichView } from '@flamelens/core/client';
import { useEffect, useRef, useState } from 'react';

/** What `useSandwich` returns. */
export interface SandwichState {
  /** Callers and callees of the function, or null (none asked, or not computed yet). */
  readonly sandwich: SandwichView | null;
  readonly error: AnalysisErrorInfo | null;
  readonly pending: boolean;
}

/**
 * The sandwich of function `name` in the view `spec` of a profile (`parser.sandwich`, in the worker; the
 * worker keeps the last view, so a sandwich of the view on screen costs one step). `name` null = closed.
 * A new name or spec aborts the running request.
 */
export function useSandwich(parser: ProfileParser | null, handle: ProfileHandle | null, spec: ViewSpec, name: string | null): SandwichState {
  const [state, setState] = useState<SandwichState>({ sandwich: null, error: null, pending: false });
  const latestSpec = useRef(spec);
  latestSpec.current = spec;
  const key = JSON.stringify([spec.transforms, !!spec.inverted]);
  useEffect(() => {
    if (!parser || !handle || name === null) {
      setState({ sandwich: null, error: null, pending: false });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, pending: true }));
    void parser.sandwich(handle, latestSpec.current, name, { signal: controller.signal }).then((outcome) => {
      if (controller.signal.aborted) return;
      setState(outcome.ok ? { sandwich: outcome.value, error: null, pending: false } : { sandwich: null, error: outcome.error, pending: false });
    });
    return () => controller.abort();
  }, [parser, handle, key, name]);
  return state;
}
