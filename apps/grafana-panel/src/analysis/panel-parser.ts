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
import { workersAvailable } from '../frame/convert.ts';

let shared: { readonly parser: ProfileParser; readonly inProcess: boolean } | null = null;

/**
 * The one parser (and worker) every panel of the page shares. Where workers cannot run — no Worker at
 * all, or a Content-Security-Policy that refuses the panel's blob: and data: workers, found out when the
 * conversion worker is started as a panel mounts — analyses run on this thread instead (the panel's
 * frames are at most 2,000,000 rows, usually Pyroscope's 16,384): slower, but they work.
 */
export function panelParser(): ProfileParser {
  const inProcess = !workersAvailable();
  if (!shared || (inProcess && !shared.inProcess)) {
    shared?.parser.dispose();
    const createWorker = inProcess ? ('in-process' as const) : () => new AnalysisWorker({ name: 'flamelens-grafana-analysis' });
    shared = { parser: new ProfileParser({ createWorker }), inProcess };
  }
  return shared.parser;
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
