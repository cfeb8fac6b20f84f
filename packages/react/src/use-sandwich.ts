import type { AnalysisErrorInfo, ViewSpec } from '@flamelens/core';
import type { ProfileHandle, ProfileParser, SandwichView } from '@flamelens/core/client';
import { useEffect, useRef, useState } from 'react';

/** What `useSandwich` returns. */
export interface SandwichState {
  /** Callers and callees of the function, or null (none asked, or not computed yet). */
  readonly sandwich: SandwichView | null;
  readonly error: AnalysisErrorInfo | null;
  /** A request is running (also while a preview is shown and the exact halves are on their way). */
  readonly pending: boolean;
}

/**
 * The sandwich of function `name` in the view `spec` of a profile (`parser.sandwich`, in the worker; the
 * worker keeps the last view, so a sandwich of the view on screen costs one step). `name` null = closed.
 * On a large view a preview comes first (`sandwich.exact` false), then the exact halves. A new name or
 * spec aborts the running requests.
 */
export function useSandwich(parser: ProfileParser | null, handle: ProfileHandle | null, spec: ViewSpec, name: string | null, options: { readonly preview?: boolean } = {}): SandwichState {
  const [state, setState] = useState<SandwichState>({ sandwich: null, error: null, pending: false });
  const latestSpec = useRef(spec);
  latestSpec.current = spec;
  const preview = options.preview ?? true;
  const key = JSON.stringify([spec.transforms, !!spec.inverted]);
  /** The profile the state is about: another profile's sandwich is never shown for this one. */
  const stateOf = useRef<{ parser: ProfileParser | null; handle: ProfileHandle | null }>({ parser: null, handle: null });
  useEffect(() => {
    if (!parser || !handle || name === null) {
      setState({ sandwich: null, error: null, pending: false });
      return;
    }
    const sameProfile = stateOf.current.parser === parser && stateOf.current.handle === handle;
    stateOf.current = { parser, handle };
    const controller = new AbortController();
    const { signal } = controller;
    setState((s) => (sameProfile ? { ...s, pending: true } : { sandwich: null, error: null, pending: true }));
    void (async () => {
      const spec = latestSpec.current;
      const first = await parser.sandwich(handle, spec, name, { signal, preview });
      if (signal.aborted) return;
      if (!first.ok || first.value.exact) {
        setState(first.ok ? { sandwich: first.value, error: null, pending: false } : { sandwich: null, error: first.error, pending: false });
        return;
      }
      setState({ sandwich: first.value, error: null, pending: true });
      const exact = await parser.sandwich(handle, spec, name, { signal });
      if (signal.aborted) return;
      // a failed exact answer keeps the preview on screen, with the reason
      setState(exact.ok ? { sandwich: exact.value, error: null, pending: false } : { sandwich: first.value, error: exact.error, pending: false });
    })();
    return () => controller.abort();
  }, [parser, handle, key, name, preview]);
  return state;
}
