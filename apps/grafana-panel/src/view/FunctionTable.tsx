import { useMemo } from 'react';
import { diffFunctionTable, formatPercent, functionChange, functionDelta, functionTable, isDiffTree, rankChanges, topRows, type DiffMetricOptions, type FrameTree } from '@flamelens/core';
import { formatChange } from './graph-settings.ts';
import type { ViewTheme } from './view-theme.ts';

/** Rows shown: the heaviest functions; the search box finds the rest in the graph. */
const ROW_LIMIT = 200;

export interface FunctionTableProps {
  readonly tree: FrameTree;
  readonly width: number;
  readonly height: number;
  readonly theme: ViewTheme;
  readonly formatValue: (value: number) => string;
  /** Diffs: the metric the graph colours by; the table ranks and writes changes in it too. */
  readonly metric: DiffMetricOptions;
  /** The function being searched for (its row is highlighted). */
  readonly picked: string;
  /** A click on a row searches for that function in the graph (again: stops searching). */
  readonly onPick: (name: string) => void;
}

interface Row {
  readonly name: string;
  readonly cells: readonly string[];
}

/**
 * The heaviest functions by self value (a function counted once per stack in its total), or, for a diff,
 * the functions that changed most, in the metric (and of self or total) the graph is coloured by.
 */
export function FunctionTable({ tree, width, height, theme, formatValue, metric, picked, onPick }: FunctionTableProps) {
  const { header, rows } = useMemo(() => tableRows(tree, formatValue, metric), [tree, formatValue, metric]);
  const cell = { padding: '2px 6px', borderBottom: `1px solid ${theme.border}`, whiteSpace: 'nowrap' as const };
  return (
    <div style={{ width, height, overflow: 'auto', font: `12px ${theme.fontFamily}`, color: theme.text }} data-testid="flamelens-table">
      <table style={{ width: '100%', borderCollapse: 'collapse' }}>
        <thead>
          <tr>
            {header.map((h, i) => (
              <th key={h} style={{ ...cell, position: 'sticky', top: 0, background: theme.background, textAlign: i === 0 ? 'left' : 'right' }}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.name}
              onClick={() => onPick(row.name)}
              data-picked={row.name === picked || undefined}
              style={{ cursor: 'pointer', background: row.name === picked ? theme.selected : undefined }}
            >
              <td style={{ ...cell, maxWidth: Math.max(100, width - 110 * (header.length - 1) - 20), overflow: 'hidden', textOverflow: 'ellipsis' }} title={row.name}>
                {row.name}
              </td>
              {row.cells.map((c, i) => (
                <td key={i} style={{ ...cell, textAlign: 'right' }}>
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The table's header and rows (at most 200) for a tree: what the component shows, as data. */
export function tableRows(tree: FrameTree, formatValue: (v: number) => string, metric: DiffMetricOptions): { header: string[]; rows: Row[] } {
  if (!isDiffTree(tree)) {
    const a = functionTable(tree);
    const whole = tree.total[0]!;
    const rows = topRows(a, 'self', ROW_LIMIT).map((r) => ({
      name: tree.names.get(a.nameId[r]!),
      cells: [`${formatValue(a.self[r]!)} (${formatPercent(a.self[r]!, whole)})`, formatValue(a.total[r]!)],
    }));
    return { header: ['Function', 'Self', 'Total'], rows };
  }
  const table = diffFunctionTable(tree);
  const [a, b] = metric.useSelf ? [table.self, table.selfB] : [table.total, table.totalB];
  const side = metric.useSelf ? 'self' : 'total';
  // the root ("all") is the whole profile, not a function
  const ranked = rankChanges(tree, table, metric, ROW_LIMIT + 1).filter((r) => table.nameId[r] !== 0);
  const rows = ranked.slice(0, ROW_LIMIT).map((r) => {
    const change = functionChange(table, r);
    return {
      name: tree.names.get(table.nameId[r]!),
      cells: [formatValue(a[r]!), formatValue(b[r]!), change === 'new' || change === 'removed' ? change : formatChange(functionDelta(table, r, metric), metric, formatValue)],
    };
  });
  return { header: ['Function', `Baseline ${side}`, `Comparison ${side}`, 'Change'], rows };
}
