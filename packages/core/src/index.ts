/**
 * @flamelens/core — profile importers and the columnar frame tree. No DOM, no React: runs in Node (CLI,
 * tests), the browser and a Web Worker.
 */
export type { FrameIndex, FrameTree, NameExtras, NameId, ProfileFormat, ProfileInfo, SampleType, DroppedInput } from './model/frame-tree.ts';
export { findPath, findSampleType, pathOf, ROOT_NAME, shownSelf, withSampleType } from './model/frame-tree.ts';
export { DEFAULT_MAX_FRAMES, FrameTreeBuilder, type FrameTreeBuilderOptions } from './model/frame-tree-builder.ts';
export { StringTable } from './model/string-table.ts';
export { importProfile, SUPPORTED_FORMATS, type ImportOptions, type ImportResult } from './parse/import-profile.ts';
export { importPprof, type PprofImportOptions } from './parse/import-pprof.ts';
export { importCollapsed, importCollapsedSync, DEFAULT_MAX_LINE_BYTES, type CollapsedImportOptions } from './parse/import-collapsed.ts';
export {
  buildNestedSetTree,
  diffTreeFromSides,
  importNestedSet,
  unitFromGrafana,
  type NestedSetColumns,
  type NestedSetImportOptions,
  type NumberColumn,
} from './parse/import-nested-set.ts';
export { hasNestedSetFields, nestedSetColumns, nestedSetFromJson, pickNestedSetFrame, type FieldLike, type FrameLike } from './parse/nested-set-frame.ts';
export { DEFAULT_MAX_DECOMPRESSED_BYTES } from './parse/gunzip.ts';
export { sniff, type SniffResult } from './parse/sniff.ts';
export { ProfileError, toErrorInfo, type ProfileErrorInfo, type ProfileErrorKind } from './parse/errors.ts';
export type { ParseProgress, ParseControl } from './parse/progress.ts';
export type { ProfileSource, ChunkSource } from './parse/chunks.ts';
export { diffFunctionTable, functionTable, functionTables, topRows, type DiffFunctionTable, type FunctionTable } from './analysis/function-table.ts';
export {
  columnValues,
  functionChange,
  functionDelta,
  functionRows,
  isDiffFunctionTable,
  shareOf,
  type FunctionChange,
  type FunctionColumn,
  type RowQuery,
} from './analysis/function-rows.ts';
export { AnalysisError, toAnalysisError, type AnalysisErrorInfo, type AnalysisErrorKind } from './analysis/errors.ts';
export { compileRegex, describeMatcher, matchNames, MAX_REGEX_LENGTH, type FrameMatcher } from './analysis/matchers.ts';
export { binaryBaseName, moduleOfFile, moduleOfName, modulesOfNames } from './analysis/modules.ts';
export { findPreset, PRESETS, type Preset, type PresetId } from './analysis/presets.ts';
export {
  applyTransform,
  applyTransforms,
  checkTransform,
  describeTransform,
  modulesIn,
  TRANSFORM_KINDS,
  type AppliedTransform,
  type Transform,
  type TransformResult,
} from './analysis/transforms.ts';
export { decodeTransforms, encodeTransforms } from './analysis/transform-url.ts';
export { callersTree, invertTree } from './analysis/invert.ts';
export { sandwich, sandwichOf, type Sandwich } from './analysis/sandwich.ts';
export { outermostFrames } from './analysis/rewrite-frames.ts';
export { computePreview, computeView, previewBase, viewKey, type PreviewResult, type ViewResult, type ViewSpec } from './analysis/view.ts';
export { PREVIEW_SHARE, pruneLimits, pruneRequest, type PruneRequest } from './analysis/tree-writer.ts';
export { summarize, type ProfileSummary } from './analysis/summary.ts';
export { foldChunks, foldToString } from './format/fold.ts';
export { displayName } from './format/display-name.ts';
export { formatNumber, formatPercent, formatValue, nanosPerUnit, unitKind } from './format/units.ts';
export { treeFromWire, treeToWire, transferablesOf, type FrameTreeWire } from './worker/wire.ts';
export {
  changeOf,
  DEFAULT_DIFF_METRIC,
  diffStatus,
  diffValue,
  isDiffTree,
  statusOf,
  withDiffSampleType,
  type DiffMetric,
  type DiffMetricOptions,
  type DiffStatus,
  type DiffTree,
} from './diff/diff-tree.ts';
export { mergeDiff, type MergeDiffOptions } from './diff/merge-diff.ts';
export { diffFromTwoColumns, diffProfiles, isTwoColumnDiff } from './diff/diff-profiles.ts';
export { sharedSampleTypes, type SharedSampleType } from './diff/shared-sample-types.ts';
export { diffFunctionTables, joinFunctionTables, rankChanges } from './diff/diff-functions.ts';
export { foldDiffChunks, foldDiffToString } from './diff/fold-diff.ts';
export { swapDiffFunctionTable, swapDiffSides } from './diff/swap-sides.ts';
export {
  DEFAULT_NOISE_CONFIDENCE,
  isFrameWithinNoise,
  isWithinNoise,
  noiseMask,
  noiseModel,
  noiseZ,
  type CountingNoiseModel,
  type NoiseModel,
  type NoiseOptions,
  type UnavailableNoiseModel,
} from './diff/noise.ts';
export { normalQuantile, twoSidedCriticalZ } from './diff/normal-quantile.ts';
