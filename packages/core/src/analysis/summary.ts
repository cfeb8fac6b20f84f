import type { FrameTree } from '../model/frame-tree.ts';

/** The figures `flamelens summary` prints and the app's header shows. */
export interface ProfileSummary {
  readonly format: string;
  readonly sampleTypes: readonly { readonly type: string; readonly unit: string; readonly total: number }[];
  /** Type name of the default sample type. */
  readonly defaultSampleType: string;
  /** Distinct frame names (functions, or addresses for unsymbolized frames). */
  readonly functions: number;
  /** Frames in the tree, the synthetic root not counted. */
  readonly frames: number;
  /** Distinct stacks. */
  readonly stacks: number;
  /** Deepest stack in frames. */
  readonly maxDepth: number;
  /** Inputs left out or repaired, and why. */
  readonly dropped: readonly { readonly reason: string; readonly count: number }[];
}

/** Summarises a tree (cheap: reads figures kept at build time). */
export function summarize(tree: FrameTree): ProfileSummary {
  return {
    format: tree.info.format,
    sampleTypes: tree.sampleTypes.map((t) => ({ type: t.type, unit: t.unit, total: t.total })),
    defaultSampleType: tree.sampleTypes[tree.info.defaultSampleTypeIndex]?.type ?? '',
    functions: tree.names.length - 1,
    frames: tree.length - 1,
    stacks: tree.info.stacks,
    maxDepth: tree.info.maxDepth,
    dropped: tree.info.dropped,
  };
}
