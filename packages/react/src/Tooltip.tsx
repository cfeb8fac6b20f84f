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
  /** Diff: frames within sampling noise are drawn faded (the tooltip says so). */
  readonly fading?: boolean;
}

/** Offset of the tooltip from the pointer, CSS px. */
const OFFSET = 14;
/** Width the tooltip wraps at, CSS px. */
const MAX_WIDTH = 420;

/** The frame under the pointer: name, file/binary, total and self with units and shares; both sides of a diff. */
export function Tooltip({ description: d, x, y, colours: c, bounds, sideNames, fading }: TooltipProps) {
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
        <DiffFigures d={d} colours={c} sideNames={sideNames ?? ['Baseline', 'Comparison']} fading={!!fading} />
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

function DiffFigures({ d, colours: c, sideNames, fading }: { d: FrameDescription; colours: ChromeColours; sideNames: readonly [string, string]; fading: boolean }) {
  const diff = d.diff!;
  const rows: [string, SideFigures][] = [
    [sideNames[0], d.values],
    [sideNames[1], diff.comparison],
  ];
  const muted = { color: c.muted };
  return (
    <>
      {diff.status !== 'both' && (
        <div data-testid="flame-tooltip-status" style={{ fontWeight: 600 }}>
          {diff.status === 'new' ? `new: only in ${sideNames[1]}` : `removed: only in ${sideNames[0]}`}
        </div>
      )}
      <table style={{ borderCollapse: 'collapse', marginTop: 2 }}>
        <thead>
          <tr style={muted}>
            <th />
            <th style={cell}>Total</th>
            <th style={cell}>% of all</th>
            <th style={cell}>Self</th>
            <th style={cell}>% of all</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, v], i) => (
            <tr key={i}>
              <th style={{ ...cell, textAlign: 'left', fontWeight: 400, maxWidth: 140, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{label}</th>
              <td style={cell}>{v.total}</td>
              <td style={cell}>{v.totalOfWhole}</td>
              <td style={cell}>{v.self}</td>
              <td style={cell}>{v.selfOfWhole}</td>
            </tr>
          ))}
          <tr data-testid="flame-tooltip-delta">
            <th style={{ ...cell, textAlign: 'left', fontWeight: 400 }}>Δ</th>
            <td style={cell} />
            <td style={cell}>
              <strong>{diff.totalDelta}</strong>
            </td>
            <td style={cell} />
            <td style={cell}>{diff.selfDelta}</td>
          </tr>
        </tbody>
      </table>
      <div style={{ marginTop: 2 }} data-testid="flame-tooltip-change">
        <span style={muted}>relative change of the share:</span> {diff.relativeChange}
        <span style={muted}> · colour:</span> {diff.change}
      </div>
      {diff.noise && (
        <div data-testid="flame-tooltip-noise" style={diff.noise === 'within' ? muted : undefined}>
          {diff.noise === 'within' ? `within sampling noise${fading ? ' (drawn faded)' : ''}` : 'beyond sampling noise'}
          {diff.z !== null && <span style={muted}> · z = {diff.z.toFixed(1)}</span>}
        </div>
      )}
    </>
  );
}
