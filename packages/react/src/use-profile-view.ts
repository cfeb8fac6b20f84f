import { viewKey, type AnalysisErrorInfo, type AppliedTransform, type FrameTree, type FunctionTable, type ViewSpec } from '@flamelens/core';
import type { ProfileHandle, ProfileParser } from '@flamelens/core/client';
import { useCallback, useEffect, useRef, useState } from 'react';

/** What `useProfileView` returns. */
export interface ProfileViewState {
  /** The view's tree; the last good one stays while a new one is computed or when it fails. */
  readonly tree: FrameTree | null;
  /** One table per sample type, or one DiffFunctionTable for a diff (empty without `withFunctions`). */
  readonly functions: readonly FunctionTable[];
  /** Each transform of the spec the tree was made with, with the frames it matched. */
  readonly applied: readonly AppliedTransform[];
  /** Why the latest spec could not be computed (the tree shown is then the previous one). */
  readonly error: AnalysisErrorInfo | null;
  /** A request is running. */
  readonly pending: boolean;
  /**
   * Give it to <FlameGraph onTreeShown>: once the graph shows a view, the views it replaced are handed
   * back to the worker (`parser.recycle`), whose next results reuse that memory (see ARCHITECTURE.md:
   * copying a view for the page into fresh memory costs seconds on s1m, into recycled memory 10–30 ms).
   */
  readonly treeShown: (tree: FrameTree) => void;
}

export interface ProfileViewOptions {
  /** Also compute the function tables (default true). */
  readonly withFunctions?: boolean;
  /** Recycle replaced views through `treeShown` (default true). Turn off when the host keeps old views. */
  readonly recycle?: boolean;
}

const EMPTY = { tree: null, functions: [], applied: [], error: null } as const;

/**
 * The view of a profile held by the worker (`parser.view`): its tree after `spec.transforms`, inverted
 * when asked, with its function tables. A new spec aborts the request still running for the old one, so
 * only the latest answer lands. Errors are values (`error`), never thrown; the last good view stays.
 */
export function useProfileView(parser: ProfileParser | null, handle: ProfileHandle | null, spec: ViewSpec, options: ProfileViewOptions = {}): ProfileViewState {
  const withFunctions = options.withFunctions ?? true;
  const recycle = options.recycle ?? true;
  const key = viewKey(spec);
  const latestSpec = useRef(spec);
  latestSpec.current = spec;
  const [state, setState] = useState<Omit<ProfileViewState, 'pending' | 'treeShown'>>(EMPTY);
  const [pending, setPending] = useState(false);
  /** Views that came from the worker and are no longer current: recycled once the graph shows another. */
  const replaced = useRef(new Set<FrameTree>());
  const current = useRef<FrameTree | null>(null);

  useEffect(() => {
    if (!parser || !handle) {
      current.current = null;
      setState(EMPTY);
      setPending(false);
      return;
    }
    const controller = new AbortController();
    setPending(true);
    void parser.view(handle, latestSpec.current, { signal: controller.signal, withFunctions }).then((outcome) => {
      if (controller.signal.aborted) return;
      setPending(false);
      if (!outcome.ok) {
        setState((s) => ({ ...s, error: outcome.error }));
        return;
      }
      const { tree, functions, applied, timing } = outcome.value;
      const previous = current.current;
      if (previous && previous !== tree && fromWorker.has(previous)) replaced.current.add(previous);
      // A view answered from the page's own tree (no transforms) must never be recycled: the host owns it.
      if (timing) fromWorker.add(tree);
      current.current = tree;
      setState({ tree, functions, applied, error: null });
    });
    return () => controller.abort();
  }, [parser, handle, key, withFunctions]);

  const treeShown = useCallback(
    (shown: FrameTree) => {
      if (!recycle || !parser || shown !== current.current) return;
      for (const old of replaced.current) if (old !== shown) parser.recycle(old);
      replaced.current.clear();
    },
    [parser, recycle],
  );

  return { ...state, pending, treeShown };
}

/** Trees that the worker computed (safe to recycle once replaced), as opposed to trees the page owns. */
const fromWorker = new WeakSet<FrameTree>();
