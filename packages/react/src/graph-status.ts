import { formatPercent, formatValue, type FrameIndex, type FrameTree } from '@flamelens/core';
import type { ValueFormatter } from '@flamelens/renderer';

/** The ancestor of `frame` at `depth` (the frame itself when it is not deeper). */
export function ancestorAt(tree: FrameTree, frame: FrameIndex, depth: number): FrameIndex {
  let f = frame;
  while (f > 0 && tree.depth[f]! > depth) f = tree.parent[f]!;
  return f;
}

/** The toolbar's status line: search or highlight figures, or the bad-regex message. */
export function searchStatus(
  tree: FrameTree | null,
  result: { state: string; message: string; matchedTotal: number; matchedFrames: number },
  text: string,
  highlighting: boolean,
  format?: ValueFormatter,
) {
  if (!tree || text === '') return { text: '', error: false };
  if (result.state === 'invalid') return { text: result.message, error: true };
  if (result.state !== 'done') return { text: 'searching…', error: false };
  if (result.matchedFrames === 0) return { text: 'no matches', error: false };
  const whole = tree.total[0]!;
  // a host's units (Grafana's Unit/Decimals) when it gave a formatter, else the profile's own
  const write = format ?? ((value: number) => formatValue(value, tree.unit));
  return {
    text: `${highlighting ? 'highlighted' : 'matched'}: ${write(result.matchedTotal)} · ${formatPercent(result.matchedTotal, whole)} of ${write(whole)}`,
    error: false,
  };
}
