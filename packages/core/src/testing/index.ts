/**
 * Test helpers: trees from text fixtures. Exported as `@flamelens/core/testing`.
 *
 *   const tree = treeFromFolded(`
 *     main;parse;read 3
 *     main;render 5
 *   `);
 */
import type { DiffTree } from '../diff/diff-tree.ts';
import { mergeDiff } from '../diff/merge-diff.ts';
import type { FrameIndex, FrameTree } from '../model/frame-tree.ts';
import { findPath } from '../model/frame-tree.ts';
import { importCollapsedSync } from '../parse/import-collapsed.ts';

/** A tree from folded stacks (leading indentation and blank lines ignored). */
export function treeFromFolded(text: string): FrameTree {
  return importCollapsedSync(new TextEncoder().encode(text));
}

/**
 * A diff tree from two folded fixtures, merged as the app merges files:
 *
 *   const diff = diffFromFolded(`main;a 3`, `main;a 2\nmain;c 6`);
 */
export function diffFromFolded(baseline: string, comparison: string): DiffTree {
  return mergeDiff(treeFromFolded(baseline), treeFromFolded(comparison));
}

/**
 * A diff tree drawn like drawTree, each frame with both sides' total and self:
 *
 *   all 4 → 8
 *     main 4 → 8
 *       a 3 (3) → 2 (2)
 */
export function drawDiffTree(tree: DiffTree): string {
  const lines: string[] = [];
  for (let i = 0; i < tree.length; i++) {
    const side = (total: number, self: number) => (self === 0 ? `${total}` : `${total} (${self})`);
    lines.push(`${'  '.repeat(tree.depth[i]!)}${tree.names.get(tree.nameId[i]!)} ${side(tree.total[i]!, tree.self[i]!)} → ${side(tree.totalB[i]!, tree.selfB[i]!)}`);
  }
  return lines.join('\n');
}

/** The frame at a `;`-joined path from the root ("main;parse"), or throws (tests want a clear failure). */
export function frameAt(tree: FrameTree, path: string): FrameIndex {
  const frame = findPath(tree, path === '' ? [] : path.split(';'));
  if (frame < 0) throw new Error(`no frame at path "${path}"`);
  return frame;
}

/**
 * The tree drawn as indented text with totals and self values, one frame per line, children in tree
 * order — for assertions that read like the domain:
 *
 *   all 8 (0)
 *     main 8 (0)
 *       parse 3 (0)
 *         read 3 (3)
 *       render 5 (5)
 */
export function drawTree(tree: FrameTree): string {
  const lines: string[] = [];
  for (let i = 0; i < tree.length; i++) {
    lines.push(`${'  '.repeat(tree.depth[i]!)}${tree.names.get(tree.nameId[i]!)} ${tree.total[i]} (${tree.self[i]})`);
  }
  return lines.join('\n');
}
