import { formatValue, summarize, type FrameTree } from '@flamelens/core';

/** `flamelens summary`: the figures of a profile, as text or one JSON object. */
export function summaryCommand(tree: FrameTree, json: boolean): string {
  const s = summarize(tree);
  if (json) {
    const { dropped, ...figures } = s;
    return JSON.stringify({ ...figures, ...(dropped.length ? { dropped } : {}) }) + '\n';
  }
  const lines = [
    `format         ${s.format}`,
    'sample types   ' +
      s.sampleTypes
        .map((t, i) => `${i}: ${t.type}/${t.unit || '-'}  total ${t.total}${t.unit ? ` (${formatValue(t.total, t.unit)})` : ''}${t.type === s.defaultSampleType ? '  [default]' : ''}`)
        .join('\n               '),
    `functions      ${s.functions}`,
    `frames         ${s.frames}`,
    `stacks         ${s.stacks}`,
    `max depth      ${s.maxDepth}`,
  ];
  for (const d of s.dropped) lines.push(`note           ${d.count} ${d.reason}`);
  return lines.join('\n') + '\n';
}
