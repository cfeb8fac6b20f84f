import { compileRegex, displayName, functionRows, isDiffFunctionTable, type DiffMetric, type FunctionChange, type FunctionColumn, type FunctionTable as Table, type StringTable } from '@flamelens/core';
import type { ThemeName } from '@flamelens/renderer';
import { useEffect, useId, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { buttonStyle, CHROME, inputStyle, rootStyle, type ChromeColours } from '../styles.ts';
import { CHANGE_FILTERS, columnGroups, defaultDescending, defaultFormat, type ValueFormatter } from './columns.ts';
import { useRowWindow } from './use-windowing.ts';

export interface FunctionTableProps {
  /** A function table (`functionTable`, or one of a view's `functions`); a DiffFunctionTable shows the diff columns. */
  readonly table: Table | null;
  /** The names the table's `nameId`s index (the tree's `names`). */
  readonly names: StringTable | null;
  /** Unit of the values (the tree's `unit`). */
  readonly unit: string;
  /** Formats values; default core's formatValue. */
  readonly formatValue?: ValueFormatter;
  /** Highlighted row (the function shown in the graph); null/-1 = none. */
  readonly selectedNameId?: number | null;
  /** A row was clicked, or chosen with Enter/Space. */
  readonly onSelect?: (nameId: number, name: string) => void;
  /** Sort column and direction at first. Default: self (total for a diff table), descending. */
  readonly defaultSort?: { readonly by: FunctionColumn; readonly descending?: boolean };
  /** Filter text at first (substring, or `/regex/` with an optional trailing i). */
  readonly defaultFilter?: string;
  /** Names of the two sides of a diff. */
  readonly sideNames?: readonly [string, string];
  /**
   * Diff tables: what the Δ columns show and sort by — normalized delta in points (default), relative
   * change of the share, or the absolute difference in the unit. Give it the graph's colour metric.
   */
  readonly diffMetric?: DiffMetric;
  /** Height of the table in CSS px (default 360). */
  readonly height?: number;
  /** The rows are those of the previous view while the new one's are computed: dimmed, marked busy. */
  readonly stale?: boolean;
  readonly theme?: ThemeName;
  readonly className?: string;
  readonly style?: CSSProperties;
}

const ROW_HEIGHT = 22;
const HEADER_HEIGHT = 26;
const NAME_TRACK = 'minmax(12em, 1fr)';

/**
 * Every function with its self and total (values and % of the whole), or baseline / comparison / delta
 * for a diff: sortable by clicking a header, filtered by text or /regex/, by change on a diff, windowed
 * (only the rows in view are in the DOM), keyboard navigable (arrows, Page Up/Down, Home/End, Enter).
 */
export function FunctionTable(props: FunctionTableProps) {
  const { table, names, unit } = props;
  const chrome = CHROME[props.theme ?? 'light'];
  const diff = !!table && isDiffFunctionTable(table);
  const [sort, setSort] = useState(() => {
    const by = props.defaultSort?.by ?? (table && isDiffFunctionTable(table) ? 'total' : 'self');
    return { by, descending: props.defaultSort?.descending ?? defaultDescending(by) };
  });
  const [filter, setFilter] = useState(props.defaultFilter ?? '');
  const [change, setChange] = useState<Exclude<FunctionChange, 'same'> | null>(null);
  const [active, setActive] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const id = useId();
  const height = props.height ?? 360;
  const format = props.formatValue ?? defaultFormat;
  const sideNames = props.sideNames ?? (['Baseline', 'Comparison'] as const);
  const metric = props.diffMetric ?? 'normalized-delta';

  const filterError = useMemo(() => regexError(filter), [filter]);
  const rows = useMemo(() => {
    if (!table || !names) return new Uint32Array(0);
    const sortBy = !diff && (sort.by === 'totalB' || sort.by === 'selfB' || sort.by === 'delta' || sort.by === 'selfDelta') ? 'self' : sort.by;
    const query = { sortBy, descending: sort.descending, filter: filterError ? '' : filter, change: diff ? (change ?? undefined) : undefined };
    return functionRows(table, names, { ...query, metric: { metric, useSelf: false } });
  }, [table, names, diff, sort, filter, filterError, change, metric]);
  const groups = useMemo(
    () => (table ? columnGroups({ table, unit, format, sideNames, metric }) : []),
    [table, unit, format, sideNames[0], sideNames[1], metric],
  );
  const template = [NAME_TRACK, ...groups.flatMap((g) => g.tracks)].join(' ');
  const { window, scrollToRow } = useRowWindow(scroller, rows.length, ROW_HEIGHT, height);
  const activeRow = Math.min(active, rows.length - 1);
  // Key repeat can deliver the next key before React re-renders: moves start from the latest row.
  const latestActive = useRef(activeRow);
  latestActive.current = activeRow;

  // A function chosen elsewhere (the graph, the URL) is scrolled into view and becomes the keyboard row.
  const selectedId = props.selectedNameId ?? -1;
  useEffect(() => {
    if (!table || selectedId < 0) return;
    for (let i = 0; i < rows.length; i++) {
      if (table.nameId[rows[i]!] !== selectedId) continue;
      if (i !== latestActive.current) {
        latestActive.current = i;
        setActive(i);
        scrollToRow(i, HEADER_HEIGHT);
      }
      return;
    }
  }, [table, rows, selectedId, scrollToRow]);

  const sortBy = (by: FunctionColumn) => setSort((s) => ({ by, descending: s.by === by ? !s.descending : defaultDescending(by) }));
  const choose = (index: number) => {
    if (!table || !names || index < 0 || index >= rows.length) return;
    const nameId = table.nameId[rows[index]!]!;
    latestActive.current = index;
    setActive(index);
    props.onSelect?.(nameId, names.get(nameId));
  };
  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    latestActive.current = next;
    setActive(next);
    scrollToRow(next, HEADER_HEIGHT);
  };
  const page = Math.max(1, Math.floor((height - HEADER_HEIGHT) / ROW_HEIGHT) - 1);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const activeRow = latestActive.current;
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(activeRow + 1),
      ArrowUp: () => moveTo(activeRow - 1),
      PageDown: () => moveTo(activeRow + page),
      PageUp: () => moveTo(activeRow - page),
      Home: () => moveTo(0),
      End: () => moveTo(rows.length - 1),
      Enter: () => choose(activeRow),
      ' ': () => choose(activeRow),
    };
    const action = keys[e.key];
    if (!action || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    action();
  };

  const total = table?.nameId.length ?? 0;
  const rowId = (index: number) => `${id}-row-${index}`;
  return (
    <div className={props.className} style={{ ...rootStyle(chrome), ...props.style }} data-testid="function-table">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, alignItems: 'center', padding: '4px 0' }}>
        <input
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder="Filter functions (text or /regex/)"
          aria-label="Filter functions"
          aria-invalid={!!filterError}
          data-testid="function-filter"
          style={inputStyle(chrome, !!filterError)}
        />
        {diff && (
          <span role="group" aria-label="Show only functions that" style={{ display: 'inline-flex', gap: 4 }}>
            {CHANGE_FILTERS.map((c) => (
              <button key={c} type="button" aria-pressed={change === c} onClick={() => setChange(change === c ? null : c)} style={buttonStyle(chrome, change === c)} data-testid={`change-${c}`}>
                {c}
              </button>
            ))}
          </span>
        )}
        <span role="status" data-testid="function-count" style={{ color: filterError ? chrome.error : chrome.muted }}>
          {filterError ?? (rows.length === total ? `${total} functions` : `${rows.length} of ${total} functions`)}
        </span>
      </div>
      <div
        ref={scroller}
        role="grid"
        tabIndex={0}
        aria-label="Functions"
        aria-rowcount={rows.length + 1}
        aria-colcount={groups.length + 1}
        aria-activedescendant={rows.length > 0 ? rowId(activeRow) : undefined}
        data-testid="function-grid"
        aria-busy={props.stale || undefined}
        onKeyDown={onKeyDown}
        style={{ position: 'relative', height, overflow: 'auto', border: `1px solid ${chrome.line}`, outlineOffset: -2, opacity: props.stale ? 0.55 : 1 }}
      >
        <div role="row" aria-rowindex={1} style={{ ...rowStyle(template, HEADER_HEIGHT), position: 'sticky', top: 0, zIndex: 1, background: chrome.background, borderBottom: `1px solid ${chrome.line}`, fontWeight: 600 }}>
          <HeaderCell label="Function" title="Function name" column="name" sort={sort} onSort={sortBy} colours={chrome} span={1} />
          {groups.map((g) => (
            <HeaderCell key={g.id} label={g.label} title={g.title} column={g.sortBy} sort={sort} onSort={sortBy} colours={chrome} span={g.tracks.length} />
          ))}
        </div>
        <div role="rowgroup" style={{ position: 'relative', height: rows.length * ROW_HEIGHT }}>
          {table && names && rangeOf(window.first, window.end).map((index) => {
            const r = rows[index]!;
            const nameId = table.nameId[r]!;
            const selected = nameId === props.selectedNameId;
            return (
              <div
                key={nameId}
                id={rowId(index)}
                role="row"
                aria-rowindex={index + 2}
                aria-selected={selected}
                data-name-id={nameId}
                data-active={index === activeRow || undefined}
                onClick={() => choose(index)}
                style={{
                  ...rowStyle(template, ROW_HEIGHT),
                  position: 'absolute',
                  top: index * ROW_HEIGHT,
                  left: 0,
                  right: 0,
                  cursor: 'pointer',
                  background: selected ? selectedBackground(chrome) : index % 2 ? stripe(chrome) : undefined,
                  outline: index === activeRow ? `1px dotted ${chrome.muted}` : undefined,
                  outlineOffset: -1,
                }}
              >
                <span role="gridcell" title={displayName(names.get(nameId))} style={nameCell}>
                  {displayName(names.get(nameId))}
                </span>
                {groups.flatMap((g) => g.cells(r).map((text, k) => (
                  <span key={`${g.id}-${k}`} role="gridcell" style={{ ...numberCell, color: k === 1 ? chrome.muted : toneColour(g.tone?.(r) ?? null, props.theme ?? 'light') }}>
                    {text}
                  </span>
                )))}
              </div>
            );
          })}
        </div>
        {table && rows.length === 0 && <p style={{ margin: 8, color: chrome.muted }}>No function matches.</p>}
      </div>
    </div>
  );
}

interface HeaderCellProps {
  readonly label: string;
  readonly title: string;
  readonly column: FunctionColumn;
  readonly sort: { readonly by: FunctionColumn; readonly descending: boolean };
  readonly onSort: (column: FunctionColumn) => void;
  readonly colours: ChromeColours;
  readonly span: number;
}

function HeaderCell(p: HeaderCellProps) {
  const sorted = p.sort.by === p.column;
  return (
    <span
      role="columnheader"
      aria-sort={sorted ? (p.sort.descending ? 'descending' : 'ascending') : 'none'}
      data-column={p.column}
      style={{ gridColumn: `span ${p.span}`, textAlign: p.column === 'name' ? 'left' : 'right', padding: '0 6px' }}
    >
      <button type="button" title={p.title} onClick={() => p.onSort(p.column)} style={{ font: 'inherit', color: 'inherit', background: 'none', border: 0, padding: 0, cursor: 'pointer' }}>
        {p.label}
        <span aria-hidden style={{ color: p.colours.muted }}>{sorted ? (p.sort.descending ? ' ▼' : ' ▲') : ''}</span>
      </button>
    </span>
  );
}

/** The message for a `/regex/` filter that does not compile, else null. */
function regexError(text: string): string | null {
  const m = /^\/(.+)\/(i?)$/.exec(text.trim());
  if (!m) return null;
  try {
    compileRegex(m[1]!, m[2] === 'i');
    return null;
  } catch (error) {
    return `Not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function rangeOf(first: number, end: number): number[] {
  const out: number[] = [];
  for (let i = first; i < end; i++) out.push(i);
  return out;
}

const rowStyle = (template: string, height: number): CSSProperties => ({ display: 'grid', gridTemplateColumns: template, alignItems: 'center', height, boxSizing: 'border-box' });
const nameCell: CSSProperties = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', padding: '0 6px', fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 12 };
const numberCell: CSSProperties = { textAlign: 'right', padding: '0 6px', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' };
/** Red for grew, blue for shrank: the ends of the diff graph's scale, readable as text in both themes. */
const toneColour = (tone: 'grew' | 'shrank' | null, theme: ThemeName) => (tone === null ? undefined : tone === 'grew' ? (theme === 'dark' ? '#ff8a80' : '#c62828') : theme === 'dark' ? '#82b1ff' : '#1565c0');
const selectedBackground = (c: ChromeColours) => (c.background === '#ffffff' ? '#dbe7ff' : '#1e3a5f');
const stripe = (c: ChromeColours) => (c.background === '#ffffff' ? '#f6f7f9' : '#1b1e24');
