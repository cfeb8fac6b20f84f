/**
 * Test helpers: trees from text fixtures. Exported as `@flamelens/core/testing`.
 *
 *   const tree = treeFromFolded(`
 *     main;parse;read 3
 *     main;render 5
 *   `);
 */
import type { FrameIndex, FrameTree } from '../model/frame-tree.ts';
import { findPath } from '../model/frame-tree.ts';
import { importCollapsedSync } from '../parse/import-collapsed.ts';

/** A tree from folded stacks (leading indentation and blank lines ignored). */
export function treeFromFolded(text: string): FrameTree {
  return importCollapsedSync(new TextEncoder().encode(text));
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
