import { formatPercent, formatValue, isDiffTree, pathOf, type FrameIndex, type FrameTree } from '@flamelens/core';
import type { DiffColourOptions } from './colour/diff-colour.ts';
import { DiffReader } from './colour/diff-colour.ts';

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
  readonly name: string;
  /** Names from the root's child to the frame. */
  readonly path: readonly string[];
  readonly depth: number;
  readonly file: string | null;
  readonly binary: string | null;
  /** The figures (the baseline's in a diff). */
  readonly values: SideFigures;
  /** Diff trees: the comparison's figures, the change, and whether the frame is on one side only. */
  readonly diff: {
    readonly comparison: SideFigures;
    readonly change: string;
    readonly status: 'both' | 'new' | 'removed';
  } | null;
}

/** Writes a value with its unit (a host may bring its own, e.g. Grafana's unit and decimals). */
export type ValueFormatter = (value: number) => string;

function side(tree: FrameTree, frame: FrameIndex, total: Float64Array, self: Float64Array, whole: number, format: ValueFormatter): SideFigures {
  const p = tree.parent[frame]!;
  return {
    total: format(total[frame]!),
    self: format(self[frame]!),
    totalOfWhole: formatPercent(total[frame]!, whole),
    totalOfParent: p >= 0 ? formatPercent(total[frame]!, total[p]!) : '',
    selfOfWhole: formatPercent(self[frame]!, whole),
  };
}

/**
 * Name, values with units, shares, file/binary and (diff) both sides of `frame`. Values are written by
 * `format` (default: the tree's unit). Allocates: call on hover, not per bar.
 */
export function describeFrame(
  tree: FrameTree,
  frame: FrameIndex,
  diffOptions?: Pick<DiffColourOptions, 'metric' | 'useSelf'>,
  format: ValueFormatter = (value) => formatValue(value, tree.unit),
): FrameDescription {
  const id = tree.nameId[frame]!;
  const fileId = tree.extras ? tree.extras.fileOfName[id]! : -1;
  const binaryId = tree.extras ? tree.extras.binaryOfName[id]! : -1;
  let diff: FrameDescription['diff'] = null;
  if (isDiffTree(tree)) {
    const reader = new DiffReader(tree, diffOptions ?? { metric: 'normalized-delta', useSelf: false });
    const d = reader.value(frame);
    const status = reader.status(frame);
    const metric = diffOptions?.metric ?? 'normalized-delta';
    const change =
      metric === 'normalized-delta'
        ? `${d >= 0 ? '+' : ''}${Number(d.toFixed(2))} pp of the whole`
        : metric === 'relative-change'
          ? Number.isFinite(d) ? `${d >= 0 ? '+' : ''}${Number((d * 100).toFixed(1))}% share` : 'new'
          : `${d >= 0 ? '+' : ''}${format(d)}`;
    diff = {
      comparison: side(tree, frame, tree.totalB, tree.selfB, tree.comparisonTotal, format),
      change,
      status: status === 1 ? 'new' : status === 2 ? 'removed' : 'both',
    };
  }
  const whole = isDiffTree(tree) ? tree.baselineTotal : tree.total[0]!;
  return {
    frame,
    name: tree.names.get(id),
    path: pathOf(tree, frame),
    depth: tree.depth[frame]!,
    file: fileId >= 0 ? tree.extras!.files.get(fileId) : null,
    binary: binaryId >= 0 ? tree.extras!.binaries.get(binaryId) : null,
    values: side(tree, frame, tree.total, tree.self, whole, format),
    diff,
  };
}

/** One sentence for the live region: "encoding/json.Unmarshal: total 1.2 s (27.4% of all), self 3 ms". */
export function announce(d: FrameDescription): string {
  const v = d.values;
  const base = `${d.name}: total ${v.total} (${v.totalOfWhole} of all${v.totalOfParent ? `, ${v.totalOfParent} of parent` : ''}), self ${v.self}`;
  if (!d.diff) return `${base}. Depth ${d.depth}.`;
  return `${d.name}: baseline ${v.total} (${v.totalOfWhole}), comparison ${d.diff.comparison.total} (${d.diff.comparison.totalOfWhole}), change ${d.diff.change}${d.diff.status !== 'both' ? `, ${d.diff.status}` : ''}. Depth ${d.depth}.`;
}
