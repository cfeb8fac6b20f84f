import { formatValue, type DiffTree, type NoiseModel } from '@flamelens/core';
import type { FunctionChange } from './diff.ts';

/**
 * The text report of `flamelens diff`: a header that says what was compared and how to read the numbers,
 * then one row per function, largest change of share first.
 *
 *   Δ total  noise  baseline total   share  comparison total   share  Δ self  status   function
 *    +12.41            1.20 s   31.75%           1.80 s   44.16%   +3.20           runtime.gcBgMarkWorker
 */
export function renderDiffTable(tree: DiffTree, noise: NoiseModel, rows: readonly FunctionChange[], functionCount: number): string {
  const type = tree.sampleTypes[tree.sampleTypeIndex]!;
  const spelled = type.unit ? `${type.type}/${type.unit}` : type.type;
  const header = [
    `baseline    ${tree.baselineName ?? ''}  total ${valueText(tree.baselineTotal, tree.unit)}`,
    `comparison  ${tree.comparisonName ?? ''}  total ${valueText(tree.comparisonTotal, tree.unit)}`,
    `sample type ${spelled}${tree.sampleTypes.length > 1 ? ` (both have: ${tree.sampleTypes.map((t) => t.type).join(', ')}; choose with --sample-type)` : ''}`,
    `share       % of each profile's own total; Δ = comparison share − baseline share, in percentage points (pp)`,
    noise.kind === 'counts'
      ? `noise       ~ marks a change within sampling noise (two-proportion z-test at ${formatConfidence(noise.confidence)}; ${noise.basis})`
      : `noise       ${noise.reason}`,
    '',
    `${rows.length === functionCount ? 'All' : `Top ${rows.length} of`} ${functionCount} functions by |Δ total| (a function counts once per stack):`,
  ];
  const cells = rows.map((c) => [
    signed(c.delta.total),
    c.withinNoise ? '~' : '',
    valueText(c.baseline.total, tree.unit),
    `${c.baselineShare.total.toFixed(2)}%`,
    valueText(c.comparison.total, tree.unit),
    `${c.comparisonShare.total.toFixed(2)}%`,
    signed(c.delta.self),
    c.status === 'both' ? '' : c.status,
    c.name.replace(/[\r\n]/g, ' '),
  ]);
  const titles = ['Δ total pp', 'noise', 'baseline', 'share', 'comparison', 'share', 'Δ self pp', 'status', 'function'];
  const widths = titles.map((t, i) => Math.max(t.length, ...cells.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : i === 1 || i === 7 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [...header, line(titles), ...cells.map(line)].join('\n') + '\n';
}

function formatConfidence(confidence: number): string {
  return `${Number((confidence * 100).toPrecision(6))}%`;
}

/** `+1.23` / `-0.50`: a delta in percentage points with its sign. */
export function signed(value: number, digits = 2): string {
  const text = value.toFixed(digits);
  return text.startsWith('-') ? text : `+${text}`;
}

/** A value in the tree's unit, short. */
function valueText(value: number, unit: string): string {
  return formatValue(value, unit, { compact: true });
}
