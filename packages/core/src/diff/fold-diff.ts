import { formatNumber } from '../format/units.ts';
import type { DiffTree } from './diff-tree.ts';

/** Size of the text pieces, so a large output never becomes one string (as in foldChunks). */
const PIECE_CHARS = 1 << 16;

/**
 * The diff as 3-column folded text, `stack before after` (the form inferno's and FlameGraph's
 * difffolded tools write): one line per distinct stack with a self value on either side, root first,
 * frames joined by `;`, raw (not normalized) values of the chosen sample type. Lines come in tree order
 * (frames sorted by name), so the same inputs always give the same text; tools that write this form in
 * hash order (inferno) differ only in line order. The synthetic root is not written. CR and LF inside
 * names become spaces so every stack stays one line.
 */
export function* foldDiffChunks(tree: DiffTree): Generator<string> {
  const names = new Array<string>(tree.names.length);
  const nameOf = (id: number): string => (names[id] ??= tree.names.get(id).replace(/[\r\n]/g, ' '));
  const path: string[] = [];
  let buffer = '';
  for (let i = 1; i < tree.length; i++) {
    path.length = tree.depth[i]! - 1;
    path.push(nameOf(tree.nameId[i]!));
    const before = tree.self[i]!;
    const after = tree.selfB[i]!;
    if (before === 0 && after === 0) continue;
    buffer += `${path.join(';')} ${formatNumber(before)} ${formatNumber(after)}\n`;
    if (buffer.length > PIECE_CHARS) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

/** The 3-column folded text as one string (tests, small trees). */
export function foldDiffToString(tree: DiffTree): string {
  let out = '';
  for (const piece of foldDiffChunks(tree)) out += piece;
  return out;
}
