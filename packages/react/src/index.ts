/**
 * @flamelens/react — <FlameGraph>, the React component around @flamelens/renderer, and the analysis
 * views around it: <FunctionTable>, <SandwichView>, <TransformBar>, useProfileView / useSandwich.
 * React 18 and 19.
 */
export { FlameGraph, type FlameGraphProps, type FrameClickInfo } from './FlameGraph.tsx';
export type { FramePath } from './use-focus-history.ts';
export { FunctionTable, type FunctionTableProps } from './function-table/FunctionTable.tsx';
export type { ValueFormatter } from './function-table/columns.ts';
export { SandwichView, type SandwichViewProps } from './SandwichView.tsx';
export { TransformBar, type TransformBarProps } from './TransformBar.tsx';
export { FRAME_ACTIONS, frameActionInfo, transformForAction, type FrameAction, type FrameActionInfo } from './frame-actions.ts';
export { useProfileView, type ProfileViewOptions, type ProfileViewState } from './use-profile-view.ts';
export { useSandwich, type SandwichOptions, type SandwichState } from './use-sandwich.ts';
export { DiffLegend, type DiffLegendProps } from './DiffLegend.tsx';
export { DiffOptions, type DiffOptionsProps } from './DiffOptions.tsx';
export { SaturationControl } from './SaturationControl.tsx';
export { diffLegendFigures, METRIC_LABELS, WIDTH_LABELS, type DiffWidthMode } from './diff-settings.ts';
