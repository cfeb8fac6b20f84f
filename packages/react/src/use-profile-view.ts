import { viewKey, type AnalysisErrorInfo, type AppliedTransform, type FrameTree, type FunctionTable, type ViewSpec } from '@flamelens/core';
import type { ProfileHandle, ProfileParser, ProfileView } from '@flamelens/core/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ShownLatch } from './shown-latch.ts';

/** What `useProfileView` returns. */
export interface ProfileViewState {
  /** The view's tree; the last good one stays while a new one is computed or when it fails. */
  readonly tree: FrameTree | null;
  /**
   * False while `tree` is a preview of the view (large views, with `preview`): every frame it has carries
   * its exact values, frames under PREVIEW_SHARE of the whole are left out, and the exact view follows.
   */
  readonly exact: boolean;
  /**
   * One table per sample type, or one DiffFunctionTable for a diff (empty without `withFunctions`). While
   * a preview is shown these are still the last exact view's tables (see `functionsOf`).
   */
  readonly functions: readonly FunctionTable[];
  /** The tree `functions` were computed from: its names table is the one their name ids refer to. */
  readonly functionsOf: FrameTree | null;
  /** Each transform of the spec the tree was made with, with the frames it matched. */
  readonly applied: readonly AppliedTransform[];
  /** Why the latest spec could not be computed (the tree shown is then the previous one). */
  readonly error: AnalysisErrorInfo | null;
  /** A request is running (also while a preview is shown and the exact view is on its way). */
  readonly pending: boolean;
  /**
   * Give it to <FlameGraph onTreeShown>: once the graph shows a view, the views it replaced are handed
   * back to the worker (`parser.recycle`), whose next results reuse that memory (see ARCHITECTURE.md:
   * copying a view for the page into fresh memory costs seconds on s1m, into recycled memory 10–30 ms).
   * The exact view of a preview is asked for once the preview is reported drawn here (see ShownLatch).
   */
  readonly treeShown: (tree: FrameTree) => void;
}

export interface ProfileViewOptions {
  /** Also compute the function tables (default true). */
  readonly withFunctions?: boolean;
  /** Recycle replaced views through `treeShown` (default true). Turn off when the host keeps old views. */
  readonly recycle?: boolean;
  /**
   * Show a preview of a large view first (default true): drawn in a fraction of the time, replaced by the
   * exact view when it is ready (see ProfileViewState.exact).
   */
  readonly preview?: boolean;
}

type Landed = Omit<ProfileViewState, 'pending' | 'treeShown'>;

const EMPTY: Landed = { tree: null, exact: true, functions: [], functionsOf: null, applied: [], error: null };

/**
 * The view of a profile held by the worker (`parser.view`): its tree after `spec.transforms`, inverted
 * when asked, with its function tables. A large view comes in two answers: a preview, drawn at once, then
 * the exact view with its tables. A new spec aborts the requests still running for the old one, so only
 * the latest answers land. Errors are values (`error`), never thrown; the last good view stays.
 */
export function useProfileView(parser: ProfileParser | null, handle: ProfileHandle | null, spec: ViewSpec, options: ProfileViewOptions = {}): ProfileViewState {
  const withFunctions = options.withFunctions ?? true;
  const recycle = options.recycle ?? true;
  const preview = options.preview ?? true;
  const key = viewKey(spec);
  const latestSpec = useRef(spec);
  latestSpec.current = spec;
  const [state, setState] = useState<Landed>(EMPTY);
  const [pending, setPending] = useState(false);
  /** Views that came from the worker and are no longer current: recycled once the graph shows another. */
  const replaced = useRef(new Set<FrameTree>());
  const current = useRef<FrameTree | null>(null);
  /** The tree the tables on screen belong to: never recycled while they are shown (their names live in it). */
  const tablesTree = useRef<FrameTree | null>(null);
  /** The profile the state is about: another profile's view or tables are never shown for this one. */
  const stateOf = useRef<{ parser: ProfileParser | null; handle: ProfileHandle | null }>({ parser: null, handle: null });
  /** Trees drawn: the exact view is asked for once its preview is (see ShownLatch). */
  const [shownLatch] = useState(() => new ShownLatch());

  useEffect(() => {
    if (stateOf.current.parser !== parser || stateOf.current.handle !== handle) {
      stateOf.current = { parser, handle };
      current.current = null;
      tablesTree.current = null;
      setState(EMPTY);
    }
    if (!parser || !handle) {
      setPending(false);
      return;
    }
    const controller = new AbortController();
    const { signal } = controller;
    const retire = (tree: FrameTree | null, keep: FrameTree) => {
      if (tree && tree !== keep && tree !== tablesTree.current && fromWorker.has(tree)) replaced.current.add(tree);
    };
    const land = (view: ProfileView) => {
      const { tree, functions, applied, timing, exact } = view;
      // A view answered from the page's own tree (no transforms) must never be recycled: the host owns it.
      if (timing) fromWorker.add(tree);
      const previous = current.current;
      current.current = tree;
      if (exact) {
        const oldTables = tablesTree.current;
        tablesTree.current = tree;
        retire(oldTables, tree);
      }
      retire(previous, tree);
      setState((s) => (exact ? { tree, exact, functions, functionsOf: tree, applied, error: null } : { ...s, tree, exact, applied, error: null }));
    };
    setPending(true);
    void (async () => {
      const spec = latestSpec.current;
      const first = await parser.view(handle, spec, { signal, withFunctions, preview });
      if (signal.aborted) return;
      if (!first.ok) {
        setPending(false);
        setState((s) => ({ ...s, error: first.error }));
        return;
      }
      land(first.value);
      if (first.value.exact) {
        setPending(false);
        return;
      }
      await shownLatch.wait([first.value.tree], signal);
      if (signal.aborted) return;
      const exact = await parser.view(handle, spec, { signal, withFunctions });
      if (signal.aborted) return;
      setPending(false);
      if (exact.ok) land(exact.value);
      else setState((s) => ({ ...s, error: exact.error }));
    })();
    return () => controller.abort();
  }, [parser, handle, key, withFunctions, preview, shownLatch]);

  const treeShown = useCallback(
    (shown: FrameTree) => {
      shownLatch.report(shown);
      if (!recycle || !parser || shown !== current.current) return;
      for (const old of replaced.current) if (old !== shown && old !== tablesTree.current) parser.recycle(old);
      replaced.current.clear();
    },
    [parser, recycle, shownLatch],
  );

  return { ...state, pending, treeShown };
}

/** Trees that the worker computed (safe to recycle once replaced), as opposed to trees the page owns. */
const fromWorker = new WeakSet<FrameTree>();
