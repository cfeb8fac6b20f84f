import { isTwoColumnDiff, swapDiffFunctionTable, swapDiffSides, type ParseProgress, type ProfileErrorInfo, type ProfileSource } from '@flamelens/core';
import { ProfileParser, type DiffSide, type ParsedDiff, type ParsedProfile } from '@flamelens/core/client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { describeFailure } from './messages.ts';

/**
 * Where a profile comes from, re-openable: a diff re-reads its sides when one is replaced, so each side
 * keeps how to read it again (a File is a Blob and reads again for free; a URL downloads again).
 */
export interface SourceRef {
  /** What the page calls it: the file name, the URL's last segment, "pasted text", the example. */
  readonly name: string;
  readonly open: (signal: AbortSignal) => Promise<{ readonly source: ProfileSource; readonly sizeHint?: number }>;
}

/** What is on screen. */
export type Shown =
  | { readonly kind: 'single'; readonly id: number; readonly profile: ParsedProfile; readonly source: SourceRef }
  | {
      readonly kind: 'diff';
      /** Counts loads (1 = the first): a new id is a new picture; a swap keeps it. */
      readonly id: number;
      readonly diff: ParsedDiff;
      readonly baseline: SourceRef;
      /** Null when the diff came from one 3-column folded file. */
      readonly comparison: SourceRef | null;
      /** A 3-column file shown with "after" as the baseline. */
      readonly swapped?: boolean;
    };

/** Progress of a load, per side for a diff. */
export interface Loading {
  readonly label: string;
  readonly progress: Partial<Record<DiffSide | 'single', ParseProgress>>;
}

export interface WorkspaceState {
  /** The profile or diff on screen; kept when a later load fails or is cancelled. */
  readonly shown: Shown | null;
  readonly loading: Loading | null;
  /** The last failure, as the banner shows it, until the next load or a dismiss. */
  readonly error: { readonly title: string; readonly error: ProfileErrorInfo } | null;
}

const EMPTY: WorkspaceState = { shown: null, loading: null, error: null };

/**
 * The app's loading state machine over one ProfileParser: open a profile, compare two, swap or replace a
 * side, cancel. One load at a time (a new one cancels the one running, which then ends silently); the
 * profile on screen stays until a new one is ready, and a failure only adds a banner.
 */
export function useWorkspace() {
  const [parser] = useState(() => new ProfileParser());
  const [state, setState] = useState<WorkspaceState>(EMPTY);
  const current = useRef<AbortController | null>(null);
  const loads = useRef(0);
  const latest = useRef(state);
  latest.current = state;

  useEffect(() => () => parser.dispose(), [parser]);

  /** Starts a load: cancels the previous one, shows progress; returns its signal and a "still mine?" test. */
  const begin = useCallback((label: string) => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setState((s) => ({ ...s, loading: { label, progress: {} }, error: null }));
    const mine = () => current.current === controller;
    const progress = (key: DiffSide | 'single') => (p: ParseProgress) => {
      if (mine()) setState((s) => (s.loading ? { ...s, loading: { ...s.loading, progress: { ...s.loading.progress, [key]: p } } } : s));
    };
    const fail = (title: string, error: ProfileErrorInfo) => {
      if (!mine()) return;
      current.current = null;
      if (error.kind === 'cancelled') setState((s) => ({ ...s, loading: null }));
      else setState((s) => ({ ...s, loading: null, error: { title, error } }));
    };
    return { signal: controller.signal, mine, progress, fail, done: () => (current.current = null) };
  }, []);

  /** Puts a finished load on screen (with the next load id); the worker may forget what it replaces. */
  const replaceShown = useCallback(
    (make: (id: number) => Shown) => {
      const previous = latest.current.shown;
      setState({ shown: make(++loads.current), loading: null, error: null });
      releaseShown(parser, previous);
    },
    [parser],
  );

  const compareRefs = useCallback(
    async (baseline: SourceRef, comparison: SourceRef | null) => {
      const job = begin(comparison ? `Comparing ${baseline.name} with ${comparison.name}` : `Reading ${baseline.name}`);
      const title = comparison ? `Could not compare ${baseline.name} with ${comparison.name}.` : `Could not open ${baseline.name}.`;
      const [a, b] = await Promise.all([openSource(baseline, job.signal), comparison ? openSource(comparison, job.signal) : null]);
      if (!a.ok) return job.fail(title, withSide('The baseline', baseline.name, a.error));
      if (b && !b.ok) return job.fail(title, withSide('The comparison', comparison!.name, b.error));
      const onProgress = (p: ParseProgress, side: DiffSide) => job.progress(side)(p);
      const outcome = await parser.diff(
        { baseline: a.source, comparison: b ? b.source : null },
        { signal: job.signal, onProgress, baselineName: baseline.name, ...(comparison ? { comparisonName: comparison.name } : {}) },
      );
      if (!job.mine()) return;
      if (!outcome.ok) return job.fail(title, outcome.error);
      job.done();
      replaceShown((id) => ({ kind: 'diff', id, diff: outcome.diff, baseline, comparison }));
    },
    [begin, parser, replaceShown],
  );

  const open = useCallback(
    async (ref: SourceRef) => {
      const job = begin(`Reading ${ref.name}`);
      const title = `Could not open ${ref.name}.`;
      const input = await openSource(ref, job.signal);
      if (!input.ok) return job.fail(title, input.error);
      const outcome = await parser.parse(input.source, {
        signal: job.signal,
        onProgress: job.progress('single'),
        ...(input.sizeHint ? { limits: { sizeHint: input.sizeHint } } : {}),
      });
      if (!job.mine()) return;
      if (!outcome.ok) return job.fail(title, outcome.error);
      // A 3-column folded file ("stack before after") is a diff on its own.
      if (isTwoColumnDiff(outcome.profile.tree)) {
        parser.release(outcome.profile.handle);
        job.done();
        return compareRefs(ref, null);
      }
      job.done();
      replaceShown((id) => ({ kind: 'single', id, profile: outcome.profile, source: ref }));
    },
    [begin, parser, compareRefs, replaceShown],
  );

  /** Opens one file, or compares two (the first is the baseline). More than two: an error, nothing lost. */
  const openFiles = useCallback(
    (refs: readonly SourceRef[]) => {
      if (refs.length === 1) return open(refs[0]!);
      if (refs.length === 2) return compareRefs(refs[0]!, refs[1]!);
      if (refs.length > 2) {
        setState((s) => ({
          ...s,
          error: {
            title: `${refs.length} files were dropped.`,
            error: { kind: 'unsupported-format', message: 'Drop one profile to view it, or two to compare them (the first is the baseline).' },
          },
        }));
      }
      return undefined;
    },
    [open, compareRefs],
  );

  /** Compares `ref` with what is on screen: the single profile becomes the baseline, or `side` of a diff is replaced. */
  const compareWith = useCallback(
    (ref: SourceRef, side: DiffSide = 'comparison') => {
      const shown = latest.current.shown;
      if (!shown) return open(ref);
      if (shown.kind === 'single') return side === 'comparison' ? compareRefs(shown.source, ref) : compareRefs(ref, shown.source);
      if (!shown.comparison) return compareRefs(side === 'baseline' ? ref : shown.baseline, side === 'baseline' ? shown.baseline : ref);
      return side === 'baseline' ? compareRefs(ref, shown.comparison) : compareRefs(shown.baseline, ref);
    },
    [open, compareRefs],
  );

  /** Exchanges baseline and comparison on screen: the columns change place, nothing is parsed again. */
  const swap = useCallback(() => {
    const s = latest.current;
    const shown = s.shown;
    if (shown?.kind !== 'diff' || s.loading) return;
    const tree = swapDiffSides(shown.diff.tree);
    const diff: ParsedDiff = {
      ...shown.diff,
      tree,
      functions: shown.diff.functions.map(swapDiffFunctionTable),
      baselineSampleTypes: shown.diff.comparisonSampleTypes,
      comparisonSampleTypes: shown.diff.baselineSampleTypes,
      handle: parser.adopt(tree),
    };
    parser.release(shown.diff.handle);
    // A 3-column file has one source: its columns change place, and `swapped` says which is which.
    const next: Shown = shown.comparison
      ? { kind: 'diff', id: shown.id, diff, baseline: shown.comparison, comparison: shown.baseline }
      : { kind: 'diff', id: shown.id, diff, baseline: shown.baseline, comparison: null, swapped: !shown.swapped };
    setState({ ...s, shown: next });
  }, [parser]);

  /** Leaves a diff for one of its sides alone. */
  const showSide = useCallback(
    (side: DiffSide) => {
      const shown = latest.current.shown;
      if (shown?.kind !== 'diff') return;
      const ref = side === 'baseline' ? shown.baseline : shown.comparison;
      if (ref) void open(ref);
    },
    [open],
  );

  const cancel = useCallback(() => current.current?.abort(), []);
  const dismissError = useCallback(() => setState((s) => ({ ...s, error: null })), []);
  /** Shows an error from outside the loader (a bad URL, an export that failed). */
  const report = useCallback((title: string, error: ProfileErrorInfo) => setState((s) => ({ ...s, error: { title, error } })), []);

  return { state, parser, open, openFiles, compareWith, swap, showSide, cancel, dismissError, report };
}

export type Workspace = ReturnType<typeof useWorkspace>;

type Opened = { ok: true; source: ProfileSource; sizeHint?: number } | { ok: false; error: ProfileErrorInfo };

async function openSource(ref: SourceRef, signal: AbortSignal): Promise<Opened> {
  try {
    return { ok: true, ...(await ref.open(signal)) };
  } catch (error) {
    if (signal.aborted) return { ok: false, error: { kind: 'cancelled', message: 'Cancelled.' } };
    return { ok: false, error: describeFailure(error) };
  }
}

function withSide(side: string, name: string, error: ProfileErrorInfo): ProfileErrorInfo {
  return error.kind === 'cancelled' ? error : { ...error, message: `${side} (${name}): ${error.message}` };
}

/** The worker may forget what is no longer on screen. */
function releaseShown(parser: ProfileParser, shown: Shown | null): void {
  if (!shown) return;
  parser.release(shown.kind === 'single' ? shown.profile.handle : shown.diff.handle);
}
