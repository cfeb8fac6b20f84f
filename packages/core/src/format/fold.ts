import type { FrameTree } from '../model/frame-tree.ts';
import { formatNumber } from './units.ts';

/** Size of the text pieces fold yields, so a 200 MB output never becomes one string. */
const PIECE_CHARS = 1 << 16;

/**
 * The tree as folded stacks: one line per frame whose self value is not zero, root first, frames joined
 * by `;`, then a space and the value (`main;parse;read 12`). Lines come in tree order (by name). The
 * synthetic root is not written, so samples with an empty stack are left out, as folded text cannot say
 * them. CR and LF inside names become spaces so that every stack stays one line.
 */
export function* foldChunks(tree: FrameTree, self: Float64Array = tree.self): Generator<string> {
  const names = new Array<string>(tree.names.length);
  const nameOf = (id: number): string => (names[id] ??= tree.names.get(id).replace(/[\r\n]/g, ' '));
  const path: string[] = [];
  let buffer = '';
  for (let i = 1; i < tree.length; i++) {
    path.length = tree.depth[i]! - 1;
    path.push(nameOf(tree.nameId[i]!));
    const value = self[i]!;
    if (value === 0) continue;
    buffer += path.join(';') + ' ' + formatNumber(value) + '\n';
    if (buffer.length > PIECE_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

/** The folded text as one string (tests, exports of small trees). */
export function foldToString(tree: FrameTree, self?: Float64Array): string {
  let out = '';
  for (const piece of foldChunks(tree, self)) out += piece;
  return out;
}
