import { changeOf, displayName, formatPercent, formatValue, isDiffTree, noiseZ, pathOf, shownSelf, type DiffTree, type FrameIndex, type FrameTree, type NoiseModel } from '@flamelens/core';
import type { DiffColourOptions } from './colour/diff-colour.ts';
import { DiffReader } from './colour/diff-colour.ts';
import { formatChange } from './colour/diff-format.ts';

/** One side's figures of a frame, as text. */
export interface SideFigures {
  readonly total: string;
  readonly self: string;
  /** Share of the whole profile. */
  readonly totalOfWhole: string;
  /** Share of the parent frame ('' for the root). */
  readonly totalOfParent: string;
  readonly selfOfWhole: string;
}

/** What a tooltip or a screen reader says about a frame. */
export interface FrameDescription {
  readonly frame: FrameIndex;
  /** The name as shown (`displayName`: control and bidi characters made visible); `path` keeps the names as written. */
  readonly name: string;
  /** Names from the root's child to the frame. */
  readonly path: readonly string[];
  readonly depth: number;
  readonly file: string | null;
  readonly binary: string | null;
  /** The figures (the baseline's in a diff). */
  readonly values: SideFigures;
  /** Diff trees: the comparison's figures, the change, and whether the frame is on one side only. */
  readonly diff: DiffFigures | null;
}

/** Both sides of a diff frame, as text. */
export interface DiffFigures {
  readonly comparison: SideFigures;
  /** The change the colour follows, in its metric's unit ("+2.5 pp of the whole", "+25% share", "+1.2 s"). */
  readonly change: string;
  /** Normalized delta of the total, percentage points ("+2.5 pp"), whatever the colour metric. */
  readonly totalDelta: string;
  /** Normalized delta of self ("−0.3 pp"). */
  readonly selfDelta: string;
  /** Relative change of the total's share ("+25%"; "new" / "gone" when a side has none). */
  readonly relativeChange: string;
  readonly status: 'both' | 'new' | 'removed';
  /**
   * The noise test on the values the colour follows: `within` sampling noise (drawn faded), `beyond` it,
   * or null when no test can be made (the legend says why) or none was given.
   */
  readonly noise: 'within' | 'beyond' | null;
  /** The test's z statistic (null without a test). */
  readonly z: number | null;
}

/** Writes a value with its unit (a host's own formatter, e.g. a Grafana panel's Unit and Decimals). */
export type ValueFormatter = (value: number) => string;

function diffFigures(
  tree: DiffTree,
  frame: FrameIndex,
  options: Pick<DiffColourOptions, 'metric' | 'useSelf'>,
  noise: NoiseModel | null,
  format: ValueFormatter | null,
): DiffFigures {
  const reader = new DiffReader(tree, options);
  const d = reader.value(frame);
  const selfA = shownSelf(tree, frame, tree.self, tree.total);
  const selfB = shownSelf(tree, frame, tree.selfB, tree.totalB);
  const status = reader.status(frame);
  const suffix = options.metric === 'normalized-delta' ? ' of the whole' : options.metric === 'relative-change' && Number.isFinite(d) ? ' share' : '';
  // the test on the values the colour follows (totals, or self as shown), as the noise mask's
  const z = noise?.kind === 'counts' ? noiseZ(noise, reader.baseline(frame), reader.comparison(frame)) : null;
  return {
    comparison: side(tree, frame, tree.totalB, tree.selfB, tree.comparisonTotal, format),
    change: (options.metric === 'absolute-delta' && format ? signed(d, format) : formatChange(d, options.metric, tree.unit)) + suffix,
    totalDelta: formatChange(changeOf(tree.total[frame]!, tree.totalB[frame]!, tree, 'normalized-delta'), 'normalized-delta', tree.unit),
    selfDelta: formatChange(changeOf(selfA, selfB, tree, 'normalized-delta'), 'normalized-delta', tree.unit),
    relativeChange: formatChange(changeOf(tree.total[frame]!, tree.totalB[frame]!, tree, 'relative-change'), 'relative-change', tree.unit),
    status: status === 1 ? 'new' : status === 2 ? 'removed' : 'both',
    noise: z === null || noise?.kind !== 'counts' ? null : Math.abs(z) < noise.criticalZ ? 'within' : 'beyond',
    z,
  };
}

/** "+1.2 s" / "−300 ms" with the host's formatter. */
function signed(d: number, format: ValueFormatter): string {
  return `${d > 0 ? '+' : d < 0 ? '−' : ''}${format(Math.abs(d))}`;
}

function side(tree: FrameTree, frame: FrameIndex, total: Float64Array, stored: Float64Array, whole: number, format: ValueFormatter | null): SideFigures {
  const p = tree.parent[frame]!;
  const self = shownSelf(tree, frame, stored, total);
  const write = format ?? ((value: number) => formatValue(value, tree.unit));
  return {
    total: write(total[frame]!),
    self: write(self),
    totalOfWhole: formatPercent(total[frame]!, whole),
    totalOfParent: p >= 0 ? formatPercent(total[frame]!, total[p]!) : '',
    selfOfWhole: formatPercent(self, whole),
  };
}

/**
 * Name, values with units, shares, file/binary and (diff) both sides of `frame`, the change, and the
 * noise verdict when `noise` (the renderer's `diffNoise`) is given. Values are written by `format`
 * (default: the tree's unit). Allocates: call on hover, not per bar.
 */
export function describeFrame(
  tree: FrameTree,
  frame: FrameIndex,
  diffOptions?: Pick<DiffColourOptions, 'metric' | 'useSelf'>,
  noise: NoiseModel | null = null,
  format: ValueFormatter | null = null,
): FrameDescription {
  const id = tree.nameId[frame]!;
  const fileId = tree.extras ? tree.extras.fileOfName[id]! : -1;
  const binaryId = tree.extras ? tree.extras.binaryOfName[id]! : -1;
  const diff = isDiffTree(tree) ? diffFigures(tree, frame, diffOptions ?? { metric: 'normalized-delta', useSelf: false }, noise, format) : null;
  const whole = isDiffTree(tree) ? tree.baselineTotal : tree.total[0]!;
  return {
    frame,
    name: displayName(tree.names.get(id)),
    path: pathOf(tree, frame),
    depth: tree.depth[frame]!,
    file: fileId >= 0 ? displayName(tree.extras!.files.get(fileId)) : null,
    binary: binaryId >= 0 ? displayName(tree.extras!.binaries.get(binaryId)) : null,
    values: side(tree, frame, tree.total, tree.self, whole, format),
    diff,
  };
}

/** One sentence for the live region: "encoding/json.Unmarshal: total 1.2 s (27.4% of all), self 3 ms". */
export function announce(d: FrameDescription): string {
  const v = d.values;
  const base = `${d.name}: total ${v.total} (${v.totalOfWhole} of all${v.totalOfParent ? `, ${v.totalOfParent} of parent` : ''}), self ${v.self}`;
  if (!d.diff) return `${base}. Depth ${d.depth}.`;
  const marks = `${d.diff.status !== 'both' ? `, ${d.diff.status}` : ''}${d.diff.noise === 'within' ? ', within sampling noise' : ''}`;
  return `${d.name}: baseline ${v.total} (${v.totalOfWhole}), comparison ${d.diff.comparison.total} (${d.diff.comparison.totalOfWhole}), change ${d.diff.change}${marks}. Depth ${d.depth}.`;
}
