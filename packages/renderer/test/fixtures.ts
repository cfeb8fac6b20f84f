/** Test fixtures for the renderer: trees from text, laid out at once. */
import type { DiffTree, FrameTree } from '@flamelens/core';
import { treeFromFolded } from '@flamelens/core/testing';
import { LayoutJob, runToEnd, type FlameLayout, type WidthMode } from '@flamelens/renderer';

/** The layout of `tree`, computed synchronously. */
export function layoutOf(tree: FrameTree, mode: WidthMode = 'total'): FlameLayout {
  const job = new LayoutJob(tree, mode);
  runToEnd(job);
  return job.layout!;
}

/**
 * A DiffTree from 3-column folded stacks (`stack baseline comparison`): the importer reads them as two
 * sample types, which become the two sides.
 */
export function diffFromFolded(text: string): DiffTree {
  const tree = treeFromFolded(text);
  return {
    ...tree,
    kind: 'diff',
    total: tree.totalByType[0]!,
    self: tree.selfByType[0]!,
    totalB: tree.totalByType[1]!,
    selfB: tree.selfByType[1]!,
    baselineTotal: tree.totalByType[0]![0]!,
    comparisonTotal: tree.totalByType[1]![0]!,
  };
}
