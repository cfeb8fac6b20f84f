import { diffStatus, diffValue, formatPercent, isDiffTree, type DiffMetricOptions, type FrameIndex, type FrameTree } from '@flamelens/core';
import type { ViewTheme } from './view-theme.ts';

export interface TooltipProps {
  readonly tree: FrameTree;
  readonly frame: FrameIndex;
  /** Pointer position in the scroll content, CSS px. */
  readonly x: number;
  readonly y: number;
  readonly panelWidth: number;
  readonly theme: ViewTheme;
  readonly formatValue: (value: number) => string;
  readonly metric: DiffMetricOptions;
}

const WIDTH = 320;

/** The hovered frame's exact figures: total and self with their share of the profile; both sides in a diff. */
export function Tooltip({ tree, frame, x, y, panelWidth, theme, formatValue, metric }: TooltipProps) {
  const name = tree.names.get(tree.nameId[frame]!);
  const left = Math.max(0, Math.min(x + 12, panelWidth - WIDTH - 4));
  const rows: [string, string][] = [];
  if (isDiffTree(tree)) {
    const share = (v: number, whole: number) => `${formatValue(v)} (${formatPercent(v, whole)})`;
    rows.push(['Baseline', share(tree.total[frame]!, tree.baselineTotal)]);
    rows.push(['Comparison', share(tree.totalB[frame]!, tree.comparisonTotal)]);
    rows.push(['Self', `${formatValue(tree.self[frame]!)} → ${formatValue(tree.selfB[frame]!)}`]);
    const status = diffStatus(tree, frame);
    rows.push(['Change', status === 'both' ? describeChange(diffValue(tree, frame, metric), metric, formatValue) : status === 'new' ? 'new (comparison only)' : 'removed (baseline only)']);
  } else {
    rows.push(['Total', `${formatValue(tree.total[frame]!)} (${formatPercent(tree.total[frame]!, tree.total[0]!)})`]);
    rows.push(['Self', `${formatValue(tree.self[frame]!)} (${formatPercent(tree.self[frame]!, tree.total[0]!)})`]);
  }
  return (
    <div
      role="tooltip"
      style={{
        position: 'absolute',
        left,
        top: y + 16,
        width: WIDTH,
        padding: '6px 8px',
        background: theme.tooltipBackground,
        color: theme.tooltipText,
        borderRadius: 2,
        boxShadow: '0 2px 8px rgba(0,0,0,0.3)',
        font: `12px ${theme.fontFamily}`,
        pointerEvents: 'none',
        zIndex: 2,
      }}
    >
      <div style={{ fontWeight: 500, wordBreak: 'break-all', marginBottom: 4 }}>{name}</div>
      <table style={{ borderSpacing: 0 }}>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <td style={{ paddingRight: 8, opacity: 0.8 }}>{label}</td>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A change in the metric's own words (+2.5 pp of the profile, +25%, +1.2 s). */
export function describeChange(change: number, metric: DiffMetricOptions, formatValue: (v: number) => string): string {
  const sign = change > 0 ? '+' : '';
  if (metric.metric === 'normalized-delta') return `${sign}${Number(change.toPrecision(3))} pp of the profile`;
  if (metric.metric === 'relative-change') return Number.isFinite(change) ? `${sign}${Number((change * 100).toPrecision(3))}% of its share` : 'new';
  return `${sign}${formatValue(change)}`;
}
