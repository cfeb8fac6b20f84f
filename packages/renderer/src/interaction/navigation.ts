import type { FrameIndex, FrameTree } from '@flamelens/core';

/** A keyboard move in the tree. */
export type Move = 'parent' | 'first-child' | 'previous-sibling' | 'next-sibling';

/**
 * The frame a move leads to, or `from` itself when there is nowhere to go (the root has no parent, a
 * leaf no child, the first sibling no previous one). Children are contiguous in pre-order, so the first
 * child is `from + 1` and the next sibling starts where `from`'s subtree ends.
 */
export function move(tree: FrameTree, from: FrameIndex, direction: Move): FrameIndex {
  if (from < 0 || from >= tree.length) return 0;
  const { parent, subtreeEnd } = tree;
  switch (direction) {
    case 'parent':
      return from === 0 ? 0 : parent[from]!;
    case 'first-child':
      return from + 1 < subtreeEnd[from]! ? from + 1 : from;
    case 'next-sibling': {
      const p = parent[from]!;
      if (p < 0) return from;
      const next = subtreeEnd[from]!;
      return next < subtreeEnd[p]! ? next : from;
    }
    case 'previous-sibling': {
      const p = parent[from]!;
      if (p < 0 || p + 1 === from) return from;
      let sibling = p + 1;
      while (subtreeEnd[sibling]! < from) sibling = subtreeEnd[sibling]!;
      return sibling;
    }
  }
}

/** Arrow key → move, by view: in the flame view the root is at the bottom, so Up goes to a child. */
export function moveForKey(key: string, view: 'icicle' | 'flame'): Move | null {
  switch (key) {
    case 'ArrowUp':
      return view === 'icicle' ? 'parent' : 'first-child';
    case 'ArrowDown':
      return view === 'icicle' ? 'first-child' : 'parent';
    case 'ArrowLeft':
      return 'previous-sibling';
    case 'ArrowRight':
      return 'next-sibling';
    default:
      return null;
  }
}

/**
 * The frame at the end of the longest prefix of `path` that exists (root = 0): focus and selection kept
 * as names survive a reload or a sample-type switch even when the exact frame is gone.
 */
export function resolvePath(tree: FrameTree, path: readonly string[]): FrameIndex {
  let frame = 0;
  for (const name of path) {
    let found = -1;
    for (let child = frame + 1; child < tree.subtreeEnd[frame]!; child = tree.subtreeEnd[child]!) {
      if (tree.names.get(tree.nameId[child]!) === name) {
        found = child;
        break;
      }
    }
    if (found < 0) return frame;
    frame = found;
  }
  return frame;
}
