/**
 * @flamelens/renderer — the flame graph on a canvas, without React: layout as data, zoom and pan as a
 * linear map, search, hit testing, package and diff colours, keyboard moves. See README.md.
 */
export { FlameRenderer, type FrameBox, type RendererEvent } from './flame-renderer.ts';
export { DEFAULT_OPTIONS, type FlameRendererOptions } from './options.ts';
export { LayoutJob, frameAtValue, offsetOf, rowPositionOf, type FlameLayout } from './layout/flame-layout.ts';
export { defaultWidthMode, type WidthMode } from './layout/width-column.ts';
export { runToEnd, scheduleSlices, type SlicedJob } from './layout/sliced-job.ts';
export { contentHeight, depthAt, rowTop, valueAt, xOf, type Geometry, type ViewKind } from './draw/geometry.ts';
export type { PaintStats } from './draw/painter.ts';
export { hitTest } from './interaction/hit-test.ts';
export { clampRange, panRange, wheelZoomFactor, zoomRange, type ViewRange } from './interaction/view-range.ts';
export { move, moveForKey, resolvePath, type Move } from './interaction/navigation.ts';
export { compileSearch, nextMatch, SearchJob, type CompiledSearch, type SearchQuery } from './search/search.ts';
export type { SearchResult } from './search/search-state.ts';
export { BarColours, fadedColour, type ColourMode, type DiffColouring } from './colour/bar-colours.ts';
export { DiffPassJob, type DiffPassOptions } from './colour/diff-pass.ts';
export {
  DEFAULT_DIFF_COLOURS,
  DIFF_BUCKETS,
  DIFF_STEPS,
  DiffReader,
  diffBucketColours,
  diffScale,
  type DiffColourOptions,
} from './colour/diff-colour.ts';
export { packageOf } from './colour/package-key.ts';
export { packagePalette, THEMES, type PaletteName, type ThemeColours, type ThemeName } from './colour/palette.ts';
export { TextFitter } from './text/text-fitter.ts';
export { announce, describeFrame, type DiffFigures, type FrameDescription, type SideFigures, type ValueFormatter } from './describe-frame.ts';
export { describeDiffFormula, describeNoise, diffTotals, formatChange } from './colour/diff-format.ts';
