/**
 * The plugin's conversion worker (inlined into module.js by the build): nested-set columns in, a FrameTree
 * out as transferred typed arrays. A doorway with no logic of its own.
 */
import { expose, transfer } from 'comlink';
import { buildNestedSetTree, toErrorInfo, transferablesOf, treeToWire, type NestedSetColumns } from '@flamelens/core';

const api = {
  convert(columns: NestedSetColumns, maxFrames: number) {
    try {
      const started = performance.now();
      const wire = treeToWire(buildNestedSetTree(columns, { maxFrames }));
      return transfer({ ok: true as const, tree: wire, ms: performance.now() - started }, transferablesOf(wire));
    } catch (error) {
      return { ok: false as const, error: toErrorInfo(error) };
    }
  },
};

export type ConvertApi = typeof api;
expose(api);
