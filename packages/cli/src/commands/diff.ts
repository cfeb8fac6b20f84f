/**
 * `flamelens diff BASE NEW` (or `flamelens diff FILE` for 3-column folded text): the functions whose
 * share of the profile changed most, as a table, JSON or the merged tree as 3-column folded text, and a
 * regression gate (`--fail-on PCT`) for CI.
 */
import {
  changeOf,
  diffFunctionTable,
  diffProfiles,
  foldDiffChunks,
  isWithinNoise,
  noiseModel,
  rankChanges,
  sharedSampleTypes,
  statusOf,
  type DiffFunctionTable,
  type DiffTree,
  type FrameTree,
  type NoiseModel,
} from '@flamelens/core';
import { renderDiffTable, signed } from './diff-table.ts';

/** Exit status when `--fail-on` is crossed (0 ok, 1 bad input, 2 bad usage). */
export const EXIT_THRESHOLD_CROSSED = 3;

export interface DiffCommandOptions {
  readonly output: 'table' | 'json' | 'fold';
  readonly sampleType?: string;
  /** Rows in the table / JSON (Infinity = all). */
  readonly top: number;
  /** Fail when a function's normalized total delta exceeds this many percentage points. */
  readonly failOn?: number;
  /** Only functions whose name matches count for `failOn`. */
  readonly functionPattern?: RegExp;
  /** Changes within sampling noise do not count for `failOn`. */
  readonly ignoreNoise: boolean;
  readonly confidence: number;
}

/** One function's change, as the table, the JSON and the gate see it. */
export interface FunctionChange {
  readonly name: string;
  readonly baseline: { readonly self: number; readonly total: number };
  readonly comparison: { readonly self: number; readonly total: number };
  /** Shares of each side's whole, in percent. */
  readonly baselineShare: { readonly self: number; readonly total: number };
  readonly comparisonShare: { readonly self: number; readonly total: number };
  /** Normalized deltas in percentage points. */
  readonly delta: { readonly self: number; readonly total: number };
  /** (shareB − shareA) / shareA of the total; null for a new function (no baseline share). */
  readonly relativeChange: number | null;
  readonly status: 'both' | 'new' | 'removed';
  /** Total change within sampling noise; null when no noise test can be made. */
  readonly withinNoise: boolean | null;
}

/** Runs the command on parsed trees; returns the exit status. `write` prints to stdout, `warn` to stderr. */
export async function diffCommand(
  inputs: { baseline: FrameTree; comparison: FrameTree | null; baselineFile: string; comparisonFile?: string },
  options: DiffCommandOptions,
  io: { write(text: string): Promise<void>; warn(text: string): void },
): Promise<number> {
  const tree = diffProfiles(inputs.baseline, inputs.comparison, {
    ...(options.sampleType !== undefined ? { sampleType: options.sampleType } : {}),
    baselineName: inputs.baselineFile,
    comparisonName: inputs.comparisonFile ?? inputs.baselineFile,
  });
  const noise = noiseModel(tree, { confidence: options.confidence });
  const table = diffFunctionTable(tree);
  const all = rankChanges(tree, table).map((row) => changeOfRow(tree, table, row, noise));
  const shown = all.slice(0, options.top);
  if (options.output === 'fold') for (const piece of foldDiffChunks(tree)) await io.write(piece);
  else if (options.output === 'json') await io.write(JSON.stringify(jsonReport(tree, inputs, noise, shown, all.length, options)) + '\n');
  else await io.write(renderDiffTable(tree, noise, shown, all.length));
  if (options.failOn === undefined) return 0;
  if (options.ignoreNoise && noise.kind !== 'counts') io.warn(`flamelens: --ignore-noise has no effect here. ${noise.reason}\n`);
  const offenders = gateOffenders(all, options);
  if (offenders.length === 0) return 0;
  io.warn(
    `flamelens: ${offenders.length} function${offenders.length === 1 ? '' : 's'} grew by more than ${options.failOn} pp ` +
      `(--fail-on ${options.failOn}${options.functionPattern ? ` --function ${options.functionPattern.source}` : ''}):\n` +
      offenders.map((c) => `  ${signed(c.delta.total)} pp  ${c.name}  (${c.baselineShare.total.toFixed(2)}% → ${c.comparisonShare.total.toFixed(2)}%)\n`).join(''),
  );
  return EXIT_THRESHOLD_CROSSED;
}

/** The functions that trip the gate: normalized total delta above the limit (growth only: shrinking is no regression). */
export function gateOffenders(changes: readonly FunctionChange[], options: DiffCommandOptions): FunctionChange[] {
  const limit = options.failOn ?? Infinity;
  return changes.filter(
    (c) =>
      c.delta.total > limit &&
      (!options.functionPattern || options.functionPattern.test(c.name)) &&
      !(options.ignoreNoise && c.withinNoise === true),
  );
}

function changeOfRow(tree: DiffTree, table: DiffFunctionTable, row: number, noise: NoiseModel): FunctionChange {
  const a = { self: table.self[row]!, total: table.total[row]! };
  const b = { self: table.selfB[row]!, total: table.totalB[row]! };
  const share = (value: number, whole: number) => (whole === 0 ? 0 : (value / whole) * 100);
  const relative = changeOf(a.total, b.total, tree, 'relative-change');
  return {
    name: tree.names.get(table.nameId[row]!),
    baseline: a,
    comparison: b,
    baselineShare: { self: share(a.self, tree.baselineTotal), total: share(a.total, tree.baselineTotal) },
    comparisonShare: { self: share(b.self, tree.comparisonTotal), total: share(b.total, tree.comparisonTotal) },
    delta: { self: changeOf(a.self, b.self, tree), total: changeOf(a.total, b.total, tree) },
    relativeChange: Number.isFinite(relative) ? relative : null,
    status: statusOf(a.total, b.total),
    withinNoise: noise.kind === 'counts' ? isWithinNoise(noise, a.total, b.total) : null,
  };
}

function jsonReport(
  tree: DiffTree,
  inputs: { baseline: FrameTree; comparison: FrameTree | null; baselineFile: string; comparisonFile?: string },
  noise: NoiseModel,
  shown: readonly FunctionChange[],
  functionCount: number,
  options: DiffCommandOptions,
) {
  const sampleType = tree.sampleTypes[tree.sampleTypeIndex]!;
  return {
    baseline: { file: inputs.baselineFile, total: tree.baselineTotal },
    comparison: { file: inputs.comparisonFile ?? inputs.baselineFile, total: tree.comparisonTotal },
    sampleType: { type: sampleType.type, unit: sampleType.unit },
    sharedSampleTypes: inputs.comparison
      ? sharedSampleTypes(inputs.baseline, inputs.comparison).map((s) => ({ type: s.type, unit: s.unit }))
      : [{ type: sampleType.type, unit: sampleType.unit }],
    units: { share: 'percent of the side\'s total', delta: 'percentage points (comparison share − baseline share)' },
    noise:
      noise.kind === 'counts'
        ? { test: 'two-proportion z-test', confidence: noise.confidence, criticalZ: noise.criticalZ, basis: noise.basis }
        : { test: null, reason: noise.reason },
    functionCount,
    functions: shown,
    ...(options.failOn !== undefined
      ? {
          failOn: {
            threshold: options.failOn,
            function: options.functionPattern?.source ?? null,
            ignoreNoise: options.ignoreNoise,
          },
        }
      : {}),
  };
}
