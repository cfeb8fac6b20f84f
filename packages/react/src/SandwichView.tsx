import { displayName, isDiffTree, type FrameTree } from '@flamelens/core';
import { DEFAULT_DIFF_COLOURS, type DiffColourOptions, type PaletteName, type ThemeName } from '@flamelens/renderer';
import { useCallback, useMemo, type CSSProperties } from 'react';
import { DiffLegend } from './DiffLegend.tsx';
import { diffLegendFigures, saturationOf } from './diff-settings.ts';
import { FlameGraph, type FlameGraphProps, type FrameClickInfo } from './FlameGraph.tsx';
import { buttonStyle, CHROME, rootStyle } from './styles.ts';

export interface SandwichViewProps {
  /** The function's name (the header; the middle row of both graphs). */
  readonly name: string;
  /**
   * ProfileParser.sandwich's result (`{ callers, callees }`, both rooted at the function), or null while it
   * is being computed (the header shows `pending`, or `error` when set).
   */
  readonly sandwich: { readonly callers: FrameTree; readonly callees: FrameTree; readonly exact?: boolean } | null;
  readonly onClose: () => void;
  /**
   * Still computing (a previous sandwich, if any, stays on screen dimmed; a preview, `exact` false, stays
   * as it is while its exact halves are computed).
   */
  readonly pending?: boolean;
  /** Why the sandwich could not be computed, as a sentence. */
  readonly error?: string | null;
  /** Height of each half, CSS px (default: its tree's height, at most 300). */
  readonly height?: number;
  readonly maxHeight?: number;
  readonly theme?: ThemeName;
  readonly palette?: PaletteName;
  readonly diff?: Partial<DiffColourOptions>;
  readonly sideNames?: readonly [string, string];
  /** Formats the values in both halves' tooltips, as the host's main graph does (see FlameGraphProps). */
  readonly formatValue?: FlameGraphProps['formatValue'];
  /** A click on a frame of either half (`half` says which). */
  readonly onFrameClick?: (info: FrameClickInfo, half: 'callers' | 'callees') => void;
  /** A half's tree is laid out and drawn (the host may then recycle the trees it replaced). */
  readonly onTreeShown?: (half: 'callers' | 'callees', tree: FrameTree) => void;
  readonly className?: string;
  readonly style?: CSSProperties;
}

/**
 * One function between its callers and its callees, as speedscope and Grafana draw it: the callers graph
 * on top, drawn flame-style (root at the bottom) so the function sits just above the middle and each
 * caller above what it called; the callees graph below as an icicle, the function at its top. Both halves
 * are full <FlameGraph>s (zoom, tooltip, keyboard) without toolbars.
 *
 *      ┌─ caller of caller ─┐
 *      ├──── caller ────────┤   callers (flame)
 *      ├──── f ─────────────┤
 *      ══════════════════════
 *      ├──── f ─────────────┤
 *      ├─ callee ─┬─ callee ┤   callees (icicle)
 */
export function SandwichView(p: SandwichViewProps) {
  const theme = p.theme ?? 'light';
  const c = CHROME[theme];
  const { onTreeShown } = p;
  const onCallersShown = useCallback((tree: FrameTree) => onTreeShown?.('callers', tree), [onTreeShown]);
  const onCalleesShown = useCallback((tree: FrameTree) => onTreeShown?.('callees', tree), [onTreeShown]);
  const legend = useSharedLegend(p.sandwich, p.diff);
  const common = {
    theme,
    palette: p.palette,
    diff: legend ? legend.halves : p.diff,
    diffLegend: false,
    sideNames: p.sideNames,
    formatValue: p.formatValue,
    toolbar: false,
    height: p.height,
    maxHeight: p.maxHeight ?? 300,
  };
  const refining = p.sandwich?.exact === false;
  return (
    <section aria-label={`Sandwich of ${displayName(p.name)}`} data-testid="sandwich-view" data-function={p.name} style={{ ...rootStyle(c), ...p.style }} className={p.className}>
      <header style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '4px 0', borderBottom: `1px solid ${c.line}` }}>
        <strong style={{ flex: '0 0 auto' }}>Sandwich</strong>
        <code title={displayName(p.name)} style={{ flex: '1 1 auto', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
          {displayName(p.name)}
        </code>
        {p.pending && <span style={{ color: c.muted }}>{refining ? 'refining…' : 'computing…'}</span>}
        {p.error && (
          <span role="alert" style={{ color: c.error }}>
            {p.error}
          </span>
        )}
        <button type="button" onClick={p.onClose} aria-label="Close the sandwich" data-testid="sandwich-close" style={buttonStyle(c)}>
          ✕
        </button>
      </header>
      {p.sandwich && (
        <div style={{ opacity: p.pending && !refining ? 0.6 : 1 }}>
          {legend && <DiffLegend tree={legend.tree} diff={legend.diff} saturation={legend.saturation} noise={legend.noise} sideNames={p.sideNames} theme={theme} />}
          <div data-testid="sandwich-callers" aria-label="Callers">
            <div style={{ color: c.muted, fontSize: 12, padding: '2px 0' }}>Callers ↑</div>
            <FlameGraph {...common} profile={p.sandwich.callers} defaultView="flame" onFrameClick={(info) => p.onFrameClick?.(info, 'callers')} onTreeShown={onCallersShown} />
          </div>
          <div data-testid="sandwich-callees" aria-label="Callees" style={{ borderTop: `2px solid ${c.line}` }}>
            <div style={{ color: c.muted, fontSize: 12, padding: '2px 0' }}>Callees ↓</div>
            <FlameGraph {...common} profile={p.sandwich.callees} defaultView="icicle" onFrameClick={(info) => p.onFrameClick?.(info, 'callees')} onTreeShown={onCalleesShown} />
          </div>
        </div>
      )}
    </section>
  );
}

/**
 * A diff sandwich's colours: one scale for both halves (full colour at the larger of their largest
 * changes when `auto`), so a frame above and one below compare by colour, and one legend for both
 * instead of one per half. Null when the halves are not diffs.
 */
function useSharedLegend(sandwich: SandwichViewProps['sandwich'], diff: Partial<DiffColourOptions> | undefined) {
  return useMemo(() => {
    if (!sandwich || !isDiffTree(sandwich.callers) || !isDiffTree(sandwich.callees)) return null;
    const options = { ...DEFAULT_DIFF_COLOURS, ...diff };
    // both halves have the diff's wholes and sides, so the same noise test
    const { saturation: callers, noise } = diffLegendFigures(sandwich.callers, options);
    const saturation = Math.max(callers, saturationOf(sandwich.callees, options));
    return { tree: sandwich.callers, diff: options, halves: { ...options, saturation }, saturation, noise };
  }, [sandwich, diff]);
}
