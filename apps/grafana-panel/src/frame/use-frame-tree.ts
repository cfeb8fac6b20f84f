import { useEffect, useMemo, useRef, useState } from 'react';
import { nestedSetColumns, toErrorInfo, type FrameLike, type FrameTree, type NestedSetColumns, type ProfileErrorInfo } from '@flamelens/core';
import { convertHere, convertInWorker, warmUpWorker, WORKER_MIN_ROWS, type ConvertResult } from './convert.ts';

/** What the panel has to show for its frame. */
export type TreeState =
  | { readonly status: 'none' }
  | { readonly status: 'converting'; readonly rows: number }
  | { readonly status: 'ready'; readonly tree: FrameTree }
  | { readonly status: 'error'; readonly error: ProfileErrorInfo };

type ColumnsResult = { readonly ok: true; readonly columns: NestedSetColumns } | { readonly ok: false; readonly error: ProfileErrorInfo };

/**
 * The frame as a FrameTree: small frames are converted during render (the first paint already has the
 * graph), large ones in the worker (the dashboard stays responsive); a result for an older frame is
 * dropped. A frame it cannot read becomes an error state with Grafana's wording.
 */
export function useFrameTree(frame: FrameLike | undefined): TreeState {
  const read = useMemo<ColumnsResult | null>(() => {
    if (!frame) return null;
    try {
      return { ok: true, columns: nestedSetColumns(frame) };
    } catch (error) {
      return { ok: false, error: toErrorInfo(error) };
    }
  }, [frame]);
  const rows = read?.ok ? read.columns.level.length : 0;
  const inWorker = rows >= WORKER_MIN_ROWS;
  const here = useMemo(() => (read?.ok && !inWorker ? convertHere(read.columns) : null), [read, inWorker]);
  useEffect(warmUpWorker, []);
  const [fromWorker, setFromWorker] = useState<{ read: ColumnsResult; result: ConvertResult } | null>(null);

  useEffect(() => {
    if (!read?.ok || !inWorker) return;
    let current = true;
    void convertInWorker(read.columns).then((result) => {
      if (current) setFromWorker({ read, result });
    });
    return () => {
      current = false;
    };
  }, [read, inWorker]);

  const result = read?.ok ? (inWorker ? (fromWorker?.read === read ? fromWorker.result : null) : here) : null;
  // the last tree stays on screen while a refreshed frame converts (no flicker on dashboard refresh)
  const lastTree = useRef<FrameTree | null>(null);
  useEffect(() => {
    if (result?.ok) lastTree.current = result.tree;
  }, [result]);

  if (!read) return { status: 'none' };
  if (!read.ok) return { status: 'error', error: read.error };
  if (!result) return lastTree.current ? { status: 'ready', tree: lastTree.current } : { status: 'converting', rows };
  return result.ok ? { status: 'ready', tree: result.tree } : { status: 'error', error: result.error };
}
