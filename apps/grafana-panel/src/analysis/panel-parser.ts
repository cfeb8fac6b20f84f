/**
 * The analysis worker of the page's Flamelens panels: the core's worker (inlined into module.js by the
 * build, like the conversion worker) holds each panel's tree once a transform, the inverted view or a
 * sandwich is asked for, and computes them there, so the dashboard stays responsive. It starts on the
 * first such request, not before: a panel only looked at never starts it.
 */
import { ProfileParser, type ProfileHandle } from '@flamelens/core/client';
import type { FrameTree } from '@flamelens/core';
import { useEffect, useMemo } from 'react';
import AnalysisWorker from '@flamelens/core/worker?worker&inline';

let shared: ProfileParser | null = null;

/** The one parser (and worker) every panel of the page shares. */
export function panelParser(): ProfileParser {
  shared ??= new ProfileParser({
    // No Worker at all (a test DOM): computed on this thread. A worker the page's policy refuses fails its
    // requests with the browser's reason, which the transform bar or the sandwich shows.
    createWorker: typeof Worker === 'undefined' ? 'in-process' : () => new AnalysisWorker({ name: 'flamelens-grafana-analysis' }),
  });
  return shared;
}

/**
 * A handle for the panel's tree in the shared parser. The tree is only sent to the worker when first
 * analysed; a replaced tree (a dashboard refresh) or an unmounted panel releases its handle.
 */
export function useTreeHandle(parser: ProfileParser, tree: FrameTree): ProfileHandle {
  const handle = useMemo(() => parser.adopt(tree), [parser, tree]);
  useEffect(() => () => parser.release(handle), [parser, handle]);
  return handle;
}
