import type { FrameTree } from '../model/frame-tree.ts';
import { toAnalysisError, type AnalysisErrorInfo } from './errors.ts';
import { invertTree } from './invert.ts';
import { leftNothingOut, PREVIEW_SHARE, pruneRequest, recycleTree } from './tree-writer.ts';
import { applyTransform, type AppliedTransform, type Transform } from './transforms.ts';

/** What the page shows of a profile: its stacks after `transforms`, inverted (bottom-up) or not. */
export interface ViewSpec {
  readonly transforms: readonly Transform[];
  /** Draw the bottom-up tree (applied after the transforms). */
  readonly inverted?: boolean;
}

/** A computed view, or why it could not be computed. */
export type ViewResult =
  | { readonly ok: true; readonly tree: FrameTree; readonly applied: readonly AppliedTransform[] }
  | { readonly ok: false; readonly error: AnalysisErrorInfo };

/** A key that is equal for equal specs (for caches). */
export function viewKey(spec: ViewSpec): string {
  return JSON.stringify([spec.transforms, !!spec.inverted]);
}

/**
 * Computes a view. `from` optionally gives an already computed view of a prefix of the same transforms
 * (the worker keeps the last one), so adding a transform costs one transform, not all of them again.
 */
export function computeView(tree: FrameTree, spec: ViewSpec, from?: { readonly tree: FrameTree; readonly applied: readonly AppliedTransform[] }): ViewResult {
  try {
    const reuse = from && isPrefix(from.applied, spec.transforms) ? from : { tree, applied: [] };
    let current = reuse.tree;
    const applied = [...reuse.applied];
    for (const transform of spec.transforms.slice(applied.length)) {
      const step = applyTransform(current, transform);
      applied.push({ transform, matchedFrames: step.matchedFrames });
      dropIntermediate(current, step.tree, tree, reuse.tree);
      current = step.tree;
    }
    if (!spec.inverted) return { ok: true, tree: current, applied };
    const inverted = invertTree(current);
    dropIntermediate(current, inverted, tree, reuse.tree);
    return { ok: true, tree: inverted, applied };
  } catch (error) {
    return { ok: false, error: toAnalysisError(error) };
  }
}

/** A tree made on the way (not the input, not the reused view, not the result) will not be read again. */
function dropIntermediate(made: FrameTree, next: FrameTree, input: FrameTree, reused: FrameTree): void {
  if (made !== input && made !== reused && made !== next) recycleTree(made, [next, input, reused]);
}

/**
 * The view a preview of `spec` starts from: `spec` without its last step (the inversion, or else the last
 * transform), computed exactly; null when `spec` has no step (the profile itself: nothing to preview).
 */
export function previewBase(spec: ViewSpec): ViewSpec | null {
  if (spec.inverted) return { transforms: spec.transforms };
  if (spec.transforms.length === 0) return null;
  return { transforms: spec.transforms.slice(0, -1) };
}

/** A preview, or why it could not be computed. `exact`: nothing was left out (the view itself). */
export type PreviewResult =
  | { readonly ok: true; readonly tree: FrameTree; readonly applied: readonly AppliedTransform[]; readonly exact: boolean }
  | { readonly ok: false; readonly error: AnalysisErrorInfo };

/**
 * A preview of view `spec`: its last step applied to `base` (the exact view `previewBase(spec)`) with
 * the frames under `share` of the whole left out (see PruneRequest). The frames it has carry their exact
 * values; on a large tree it is much smaller than the view, so it is computed, sent and drawn in a
 * fraction of the time, and the picture of the whole profile is the same. `keep` is never pruned.
 */
export function computePreview(base: { readonly tree: FrameTree; readonly applied: readonly AppliedTransform[] }, spec: ViewSpec, share = PREVIEW_SHARE): PreviewResult {
  try {
    const prune = pruneRequest(base.tree, share);
    if (spec.inverted) return { ok: true, tree: invertTree(base.tree, undefined, prune), applied: base.applied, exact: leftNothingOut(prune) };
    const transform = spec.transforms[spec.transforms.length - 1]!;
    const step = applyTransform(base.tree, transform, prune);
    return { ok: true, tree: step.tree, applied: [...base.applied, { transform, matchedFrames: step.matchedFrames }], exact: leftNothingOut(prune) };
  } catch (error) {
    return { ok: false, error: toAnalysisError(error) };
  }
}

function isPrefix(applied: readonly AppliedTransform[], transforms: readonly Transform[]): boolean {
  return applied.length <= transforms.length && applied.every((a, i) => JSON.stringify(a.transform) === JSON.stringify(transforms[i]));
}
