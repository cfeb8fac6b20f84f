import type { FrameDescription, SideFigures } from '@flamelens/renderer';
import type { ChromeColours } from './styles.ts';

interface TooltipProps {
  readonly description: FrameDescription;
  readonly x: number;
  readonly y: number;
  readonly colours: ChromeColours;
  /** Size of the area the tooltip must stay inside (CSS px). */
  readonly bounds: { readonly width: number; readonly height: number };
  readonly sideNames?: readonly [string, string];
}

/** Offset of the tooltip from the pointer, CSS px. */
const OFFSET = 14;
/** Width the tooltip wraps at, CSS px. */
const MAX_WIDTH = 420;

/** The frame under the pointer: name, file/binary, total and self with units and shares; both sides of a diff. */
export function Tooltip({ description: d, x, y, colours: c, bounds, sideNames }: TooltipProps) {
  const left = x + OFFSET + MAX_WIDTH > bounds.width ? Math.max(0, x - OFFSET - MAX_WIDTH) : x + OFFSET;
  const top = y + OFFSET;
  return (
    <div
      role="tooltip"
      data-testid="flame-tooltip"
      style={{
        position: 'absolute',
        left,
        top,
        maxWidth: MAX_WIDTH,
        pointerEvents: 'none',
        zIndex: 10,
        background: c.tooltipBackground,
        color: c.text,
        border: `1px solid ${c.line}`,
        borderRadius: 6,
        boxShadow: '0 4px 14px rgba(0,0,0,0.18)',
        padding: '6px 8px',
        fontSize: 12,
      }}
    >
      <div style={{ fontWeight: 600, wordBreak: 'break-all', marginBottom: 4 }}>{d.name}</div>
      {d.file && <div style={{ color: c.muted, wordBreak: 'break-all' }}>{d.file}</div>}
      {d.binary && <div style={{ color: c.muted, wordBreak: 'break-all' }}>{d.binary}</div>}
      {d.diff ? (
        <DiffFigures d={d} colours={c} sideNames={sideNames ?? ['Baseline', 'Comparison']} />
      ) : (
        <Figures values={d.values} colours={c} />
      )}
    </div>
  );
}

const cell = { padding: '1px 6px 1px 0', textAlign: 'right' as const, fontVariantNumeric: 'tabular-nums' as const };

function Figures({ values: v, colours: c }: { values: SideFigures; colours: ChromeColours }) {
  return (
    <table style={{ borderCollapse: 'collapse', marginTop: 2 }}>
      <tbody>
        <tr>
          <th style={{ ...cell, textAlign: 'left', color: c.muted, fontWeight: 400 }}>Total</th>
          <td style={cell}>{v.total}</td>
          <td style={cell}>{v.totalOfWhole} of all</td>
          {v.totalOfParent && <td style={cell}>{v.totalOfParent} of parent</td>}
        </tr>
        <tr>
          <th style={{ ...cell, textAlign: 'left', color: c.muted, fontWeight: 400 }}>Self</th>
          <td style={cell}>{v.self}</td>
          <td style={cell}>{v.selfOfWhole} of all</td>
        </tr>
      </tbody>
    </table>
  );
}

function DiffFigures({ d, colours: c, sideNames }: { d: FrameDescription; colours: ChromeColours; sideNames: readonly [string, string] }) {
  const rows: [string, SideFigures][] = [
    [sideNames[0], d.values],
    [sideNames[1], d.diff!.comparison],
  ];
  return (
    <>
      <table style={{ borderCollapse: 'collapse', marginTop: 2 }}>
        <thead>
          <tr style={{ color: c.muted }}>
            <th />
            <th style={cell}>Total</th>
            <th style={cell}>% of all</th>
            <th style={cell}>Self</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, v]) => (
            <tr key={label}>
              <th style={{ ...cell, textAlign: 'left', fontWeight: 400 }}>{label}</th>
              <td style={cell}>{v.total}</td>
              <td style={cell}>{v.totalOfWhole}</td>
              <td style={cell}>{v.self}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div style={{ marginTop: 2 }}>
        Change: <strong>{d.diff!.change}</strong>
        {d.diff!.status !== 'both' && <span> · {d.diff!.status === 'new' ? 'new in the comparison' : 'removed in the comparison'}</span>}
      </div>
    </>
  );
}
