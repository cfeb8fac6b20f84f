import { formatPercent, formatValue, functionChange, functionDelta, functionRows, isDiffFunctionTable, type FrameTree, type FunctionColumn, type FunctionTable } from '@flamelens/core';
import { useMemo, useState } from 'react';

/** Rows drawn: the heaviest ones; the filter reaches every function. */
const MAX_ROWS = 200;

/**
 * The heaviest functions: self and total with shares, sortable, filterable; on a diff both sides and the
 * change in points. A click on a row highlights the function in the graph.
 */
export function FunctionsPane({ tree, table, selected, onSelect }: { tree: FrameTree; table: FunctionTable; selected: string | null; onSelect: (name: string | null) => void }) {
  const diff = isDiffFunctionTable(table) ? table : null;
  const [sort, setSort] = useState<{ by: FunctionColumn; descending: boolean }>({ by: diff ? 'delta' : 'self', descending: true });
  const [filter, setFilter] = useState('');
  const rows = useMemo(
    () => functionRows(table, tree.names, { sortBy: sort.by, descending: sort.descending, filter, limit: MAX_ROWS }),
    [table, tree.names, sort, filter],
  );
  const total = table.nameId.length;
  const unit = tree.unit;
  const header = (column: FunctionColumn, label: string) => (
    <th className={column === 'name' ? '' : 'num'} aria-sort={sort.by === column ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        className="sort"
        onClick={() => setSort((s) => (s.by === column ? { by: column, descending: !s.descending } : { by: column, descending: column !== 'name' }))}
      >
        {label}
      </button>
    </th>
  );
  return (
    <section className="functions-pane" aria-label="Functions">
      <div className="functions-tools">
        <input type="search" placeholder="Filter functions (text or /regex/)" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter functions" data-testid="function-filter" />
        <span className="muted">
          {rows.length < total ? `${rows.length.toLocaleString('en-US')} of ` : ''}
          {total.toLocaleString('en-US')} functions
        </span>
      </div>
      <div className="functions-scroll">
        <table className="functions" data-testid="functions">
          <thead>
            <tr>
              {header('name', 'Function')}
              {header('self', diff ? 'Self (base)' : 'Self')}
              {header('total', diff ? 'Total (base)' : 'Total')}
              {diff && header('selfB', 'Self (comp)')}
              {diff && header('totalB', 'Total (comp)')}
              {diff && header('delta', 'Δ total')}
            </tr>
          </thead>
          <tbody>
            {Array.from(rows, (r) => {
              const name = tree.names.get(table.nameId[r]!);
              const change = diff ? functionChange(diff, r) : null;
              return (
                <tr key={table.nameId[r]} aria-selected={selected === name} onClick={() => onSelect(selected === name ? null : name)} data-change={change ?? undefined}>
                  <td className="name">{name}</td>
                  <Cell value={table.self[r]!} whole={table.whole} unit={unit} />
                  <Cell value={table.total[r]!} whole={table.whole} unit={unit} />
                  {diff && <Cell value={diff.selfB[r]!} whole={diff.wholeB} unit={unit} />}
                  {diff && <Cell value={diff.totalB[r]!} whole={diff.wholeB} unit={unit} />}
                  {diff && (
                    <td className={`num delta ${change}`}>
                      {change === 'new' ? 'new' : change === 'removed' ? 'removed' : `${signed(functionDelta(diff, r))} pp`}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Cell({ value, whole, unit }: { value: number; whole: number; unit: string }) {
  return (
    <td className="num">
      {formatValue(value, unit)} <span className="muted">{formatPercent(value, whole)}</span>
    </td>
  );
}

function signed(points: number): string {
  const text = Math.abs(points) < 0.005 ? '0.00' : points.toFixed(2);
  return points > 0 && text !== '0.00' ? `+${text}` : text;
}
