/**
 * @flamelens/react — <FlameGraph>, the React component around @flamelens/renderer. React 18 and 19.
 */
export { FlameGraph, type FlameGraphProps, type FrameClickInfo } from './FlameGraph.tsx';
export type { FramePath } from './use-focus-history.ts';
export { DiffLegend, type DiffLegendProps } from './DiffLegend.tsx';
export { DiffOptions, type DiffOptionsProps } from './DiffOptions.tsx';
export { SaturationControl } from './SaturationControl.tsx';
export { diffLegendFigures, METRIC_LABELS, WIDTH_LABELS, type DiffWidthMode } from './diff-settings.ts';
