import type { AnalysisErrorInfo, FrameTree, ViewSpec } from '@flamelens/core';
import type { ProfileHandle, ProfileParser, SandwichView } from '@flamelens/core/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ShownLatch } from './shown-latch.ts';

/** What `useSandwich` returns. */
export interface SandwichState {
  /** Callers and callees of the function, or null (none asked, or not computed yet). */
  readonly sandwich: SandwichView | null;
  readonly error: AnalysisErrorInfo | null;
  /** A request is running (also while a preview is shown and the exact halves are on their way). */
  readonly pending: boolean;
  /**
   * Give it to <SandwichView onTreeShown>: once both halves of the sandwich are drawn, the halves they
   * replaced (a preview, the last function's) go back to the worker (`parser.recycle`), whose next
   * results reuse that memory. A closed sandwich's halves go back once the view is gone. The exact
   * halves of a preview are asked for once the preview's are reported drawn here (see ShownLatch).
   */
  readonly treeShown: (half: 'callers' | 'callees', tree: FrameTree) => void;
}

export interface SandwichOptions {
  /** A preview first on large views (default true), then the exact halves. */
  readonly preview?: boolean;
  /**
   * Hand replaced and closed halves back to the worker (default true). Turn off when the host keeps
   * sandwiches after they are replaced: a recycled tree can no longer be read.
   */
  readonly recycle?: boolean;
}

type Landed = Omit<SandwichState, 'treeShown'>;

/**
 * The sandwich of function `name` in the view `spec` of a profile (`parser.sandwich`, in the worker; the
 * worker keeps the last view, so a sandwich of the view on screen costs one step). `name` null = closed.
 * On a large view a preview comes first (`sandwich.exact` false), then the exact halves. A new name or
 * spec aborts the running requests.
 */
export function useSandwich(parser: ProfileParser | null, handle: ProfileHandle | null, spec: ViewSpec, name: string | null, options: SandwichOptions = {}): SandwichState {
  const [state, setState] = useState<Landed>({ sandwich: null, error: null, pending: false });
  const latestSpec = useRef(spec);
  latestSpec.current = spec;
  const preview = options.preview ?? true;
  const recycle = options.recycle ?? true;
  // the worker reads a sandwich from the view's transforms only (not its inversion): toggling the
  // inverted view leaves the sandwich as it is
  const key = JSON.stringify(spec.transforms);
  /** The profile the state is about: another profile's sandwich is never shown for this one. */
  const stateOf = useRef<{ parser: ProfileParser | null; handle: ProfileHandle | null }>({ parser: null, handle: null });
  /** The sandwich in the state, and the parser it came from. */
  const current = useRef<{ sandwich: SandwichView; parser: ProfileParser } | null>(null);
  /** Halves no longer in the state, waiting until nothing draws them, with the parser each came from. */
  const replaced = useRef<{ tree: FrameTree; parser: ProfileParser }[]>([]);
  /** Halves drawn: the exact halves are asked for once a preview's are (see ShownLatch). */
  const [shown] = useState(() => new ShownLatch());

  useEffect(() => {
    /** Puts `sandwich` in the state; the halves it replaces wait to be recycled. */
    const land = (next: Landed, from: ProfileParser | null) => {
      const old = current.current;
      if (old && old.sandwich !== next.sandwich) for (const tree of [old.sandwich.callers, old.sandwich.callees]) replaced.current.push({ tree, parser: old.parser });
      current.current = next.sandwich && from ? { sandwich: next.sandwich, parser: from } : null;
      setState(next);
    };
    if (!parser || !handle || name === null) {
      land({ sandwich: null, error: null, pending: false }, null);
      return;
    }
    const sameProfile = stateOf.current.parser === parser && stateOf.current.handle === handle;
    stateOf.current = { parser, handle };
    const controller = new AbortController();
    const { signal } = controller;
    if (sameProfile) setState((s) => ({ ...s, pending: true }));
    else land({ sandwich: null, error: null, pending: true }, null);
    void (async () => {
      const spec = latestSpec.current;
      const first = await parser.sandwich(handle, spec, name, { signal, preview });
      if (signal.aborted) return;
      if (!first.ok || first.value.exact) {
        land(first.ok ? { sandwich: first.value, error: null, pending: false } : { sandwich: null, error: first.error, pending: false }, parser);
        return;
      }
      land({ sandwich: first.value, error: null, pending: true }, parser);
      await shown.wait([first.value.callers, first.value.callees], signal);
      if (signal.aborted) return;
      const exact = await parser.sandwich(handle, spec, name, { signal });
      if (signal.aborted) return;
      // a failed exact answer keeps the preview on screen, with the reason
      if (exact.ok) land({ sandwich: exact.value, error: null, pending: false }, parser);
      else setState({ sandwich: first.value, error: exact.error, pending: false });
    })();
    return () => controller.abort();
  }, [parser, handle, key, name, preview, shown]);

  const flush = useCallback(() => {
    const keep = current.current?.sandwich;
    const waiting = replaced.current;
    replaced.current = [];
    for (const r of waiting) {
      if (keep && (r.tree === keep.callers || r.tree === keep.callees)) continue;
      if (recycle) r.parser.recycle(r.tree);
    }
  }, [recycle]);

  // Closed: the view drew the halves until the commit that removed it; its graphs let go of them in a
  // task queued then (see useFlameRenderer), so the halves go back in a task queued after that one.
  useEffect(() => {
    if (state.sandwich !== null) return;
    const later = setTimeout(flush, 0);
    return () => clearTimeout(later);
  }, [state.sandwich, flush]);

  const treeShown = useCallback(
    (_half: 'callers' | 'callees', tree: FrameTree) => {
      shown.report(tree);
      const s = current.current?.sandwich;
      if (s && shown.has(s.callers) && shown.has(s.callees)) flush();
    },
    [flush, shown],
  );

  return { ...state, treeShown };
}
