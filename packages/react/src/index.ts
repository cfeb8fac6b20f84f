/**
 * @flamelens/react — <FlameGraph>, the React component around @flamelens/renderer. React 18 and 19.
 */
export { FlameGraph, type FlameGraphProps, type FrameClickInfo } from './FlameGraph.tsx';
export type { FramePath } from './use-focus-history.ts';
