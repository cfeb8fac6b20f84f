import { useMemo } from 'react';
import { formatPercent, functionTable, isDiffTree, topRows, type FrameTree } from '@flamelens/core';
import type { ViewTheme } from './view-theme.ts';

/** Rows shown: the heaviest functions; the search box finds the rest in the graph. */
const ROW_LIMIT = 200;

export interface FunctionTableProps {
  readonly tree: FrameTree;
  readonly width: number;
  readonly height: number;
  readonly theme: ViewTheme;
  readonly formatValue: (value: number) => string;
  /** The function being searched for (its row is highlighted). */
  readonly picked: string;
  /** A click on a row searches for that function in the graph (again: stops searching). */
  readonly onPick: (name: string) => void;
}

interface Row {
  readonly name: string;
  readonly cells: readonly string[];
}

/** The heaviest functions by self value (a function counted once per stack in its total), or, for a diff, by change of self share. */
export function FunctionTable({ tree, width, height, theme, formatValue, picked, onPick }: FunctionTableProps) {
  const { header, rows } = useMemo(() => tableRows(tree, formatValue), [tree, formatValue]);
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

function tableRows(tree: FrameTree, formatValue: (v: number) => string): { header: string[]; rows: Row[] } {
  const a = functionTable(tree);
  if (!isDiffTree(tree)) {
    const whole = tree.total[0]!;
    const rows = topRows(a, 'self', ROW_LIMIT).map((r) => ({
      name: tree.names.get(a.nameId[r]!),
      cells: [`${formatValue(a.self[r]!)} (${formatPercent(a.self[r]!, whole)})`, formatValue(a.total[r]!)],
    }));
    return { header: ['Function', 'Self', 'Total'], rows };
  }
  const b = functionTable(tree, tree.selfB, tree.totalB);
  const selfA = new Float64Array(tree.names.length);
  const selfB = new Float64Array(tree.names.length);
  for (let r = 0; r < a.nameId.length; r++) selfA[a.nameId[r]!] = a.self[r]!;
  for (let r = 0; r < b.nameId.length; r++) selfB[b.nameId[r]!] = b.self[r]!;
  const shareA = (n: number) => (tree.baselineTotal === 0 ? 0 : selfA[n]! / tree.baselineTotal);
  const shareB = (n: number) => (tree.comparisonTotal === 0 ? 0 : selfB[n]! / tree.comparisonTotal);
  const names: number[] = [];
  for (let n = 1; n < tree.names.length; n++) if (selfA[n] !== 0 || selfB[n] !== 0) names.push(n);
  names.sort((x, y) => Math.abs(shareB(y) - shareA(y)) - Math.abs(shareB(x) - shareA(x)) || x - y);
  const rows = names.slice(0, ROW_LIMIT).map((n) => {
    const pp = (shareB(n) - shareA(n)) * 100;
    return {
      name: tree.names.get(n),
      cells: [formatValue(selfA[n]!), formatValue(selfB[n]!), `${pp > 0 ? '+' : ''}${Number(pp.toPrecision(3))} pp`],
    };
  });
  return { header: ['Function', 'Baseline self', 'Comparison self', 'Change'], rows };
}
