import { isDiffTree, type DiffTree } from '../diff/diff-tree.ts';
import type { FrameTree } from '../model/frame-tree.ts';
import { StringTable } from '../model/string-table.ts';
import { treeFromWire, treeToWire, type FrameTreeWire } from './wire.ts';
import { newArray } from '../analysis/buffer-pool.ts';

/** A FrameTree or DiffTree as transferable data (a DiffTree's comparison columns ride alongside). */
export interface AnyTreeWire {
  readonly tree: FrameTreeWire;
  readonly diff: {
    readonly totalB: Float64Array;
    readonly selfB: Float64Array;
    readonly baselineTotal: number;
    readonly comparisonTotal: number;
    readonly baselineName?: string;
    readonly comparisonName?: string;
  } | null;
}

/**
 * The wire form of a tree for the other side of the worker boundary. Typed arrays for which `mustCopy`
 * is true (buffers the sender keeps) are copied, so that transferring the result leaves the sender's
 * trees intact; every other array is sent as is (and moved, not copied, by the transfer).
 */
export function anyTreeToWire(tree: FrameTree, mustCopy: (buffer: ArrayBufferLike) => boolean = () => false): AnyTreeWire {
  const copies = new Map<ArrayBufferView, ArrayBufferView>();
  const own = <T extends Column>(a: T): T => {
    if (!mustCopy(a.buffer)) return a;
    let copy = copies.get(a) as T | undefined;
    if (!copy) copies.set(a, (copy = copyOf(a)));
    return copy;
  };
  const table = (t: StringTable) => new StringTable(own(t.bytes), own(t.offsets));
  const totalByType = tree.totalByType.map(own);
  const selfByType = tree.selfByType.map(own);
  const copied: FrameTree = {
    ...tree,
    parent: own(tree.parent),
    subtreeEnd: own(tree.subtreeEnd),
    depth: own(tree.depth),
    nameId: own(tree.nameId),
    totalByType,
    selfByType,
    total: totalByType[tree.sampleTypeIndex]!,
    self: selfByType[tree.sampleTypeIndex]!,
    names: table(tree.names),
    extras: tree.extras
      ? {
          fileOfName: own(tree.extras.fileOfName),
          files: table(tree.extras.files),
          binaryOfName: own(tree.extras.binaryOfName),
          binaries: table(tree.extras.binaries),
        }
      : null,
  };
  if (!isDiffTree(tree)) return { tree: treeToWire(copied), diff: null };
  const { totalB, selfB, baselineTotal, comparisonTotal, baselineName, comparisonName } = tree;
  return {
    tree: treeToWire(copied),
    diff: {
      totalB: own(totalB),
      selfB: own(selfB),
      baselineTotal,
      comparisonTotal,
      ...(baselineName !== undefined ? { baselineName } : {}),
      ...(comparisonName !== undefined ? { comparisonName } : {}),
    },
  };
}

type Column = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array;

/** A copy of a column, on recycled memory when the worker has some (see buffer-pool.ts). */
function copyOf<T extends Column>(a: T): T {
  const copy = newArray(a.constructor as never, a.length, false) as unknown as T;
  copy.set(a as never);
  return copy;
}

/** Rebuilds a FrameTree or DiffTree from its wire form (no copy). */
export function anyTreeFromWire(wire: AnyTreeWire): FrameTree {
  const tree = treeFromWire(wire.tree);
  if (!wire.diff) return tree;
  const diff: DiffTree = { ...tree, kind: 'diff', ...wire.diff };
  return diff;
}
