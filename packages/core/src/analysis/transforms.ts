import type { FrameTree } from '../model/frame-tree.ts';
import { AnalysisError, toAnalysisError, type AnalysisErrorInfo } from './errors.ts';
import { countMatchedFrames, describeMatcher, matchNames, type FrameMatcher } from './matchers.ts';
import { modulesOfNames } from './modules.ts';
import { withName } from './name-order.ts';
import { recursionLinks } from './recursion.ts';
import { rewriteTree } from './rewrite.ts';
import type { PruneRequest } from './tree-writer.ts';
import { recycle } from './buffer-pool.ts';

/**
 * A change to the stacks before they are drawn. Transforms stack (each applies to the result of the one
 * before) and are plain data, so the app keeps them in the URL (transform-url.ts).
 *
 * | kind              | effect                                                             | totals       |
 * | ----------------- | ------------------------------------------------------------------ | ------------ |
 * | `focus`           | only stacks through a match, re-rooted at the outermost match      | match's total |
 * | `keep`            | only stacks that contain a match, as they are (pprof -focus)        | reduced      |
 * | `drop`            | stacks that contain a match are removed (pprof -ignore)             | reduced      |
 * | `hide`            | matching frames vanish, their self goes to the caller (pprof -hide) | conserved    |
 * | `merge-recursion` | a function called again below itself (directly, or also through other frames unless `direct`) joins the outer call | conserved |
 * | `collapse-module` | each run of frames of one module becomes one frame named after it   | conserved    |
 */
export type Transform =
  | { readonly kind: 'focus' | 'keep' | 'drop' | 'hide'; readonly match: FrameMatcher }
  | { readonly kind: 'merge-recursion'; readonly match?: FrameMatcher; readonly direct?: boolean }
  | { readonly kind: 'collapse-module'; readonly module: string };

/** The kinds, in the order a menu lists them. */
export const TRANSFORM_KINDS = ['focus', 'keep', 'drop', 'hide', 'merge-recursion', 'collapse-module'] as const;

/** A transform applied, with how many frames of its input it matched (0 = it did nothing). */
export interface AppliedTransform {
  readonly transform: Transform;
  readonly matchedFrames: number;
}

/** The transformed tree and what each transform matched, or why a transform could not be applied. */
export type TransformResult =
  | { readonly ok: true; readonly tree: FrameTree; readonly applied: readonly AppliedTransform[] }
  | { readonly ok: false; readonly error: AnalysisErrorInfo };

/** Applies `transforms` in order. Never throws: a bad transform comes back as an `invalid-transform` error. */
export function applyTransforms(tree: FrameTree, transforms: readonly Transform[]): TransformResult {
  try {
    const applied: AppliedTransform[] = [];
    let current = tree;
    for (const transform of transforms) {
      const step = applyTransform(current, transform);
      applied.push({ transform, matchedFrames: step.matchedFrames });
      current = step.tree;
    }
    return { ok: true, tree: current, applied };
  } catch (error) {
    return { ok: false, error: toAnalysisError(error) };
  }
}

/**
 * Applies one transform; throws an AnalysisError when it cannot. A transform that matches nothing returns
 * its input unchanged (no copy), except `focus` and `keep`, which then leave an empty tree. With `prune`,
 * the result is a preview (see PruneRequest), except for `keep`, whose result is always exact.
 */
export function applyTransform(tree: FrameTree, transform: Transform, prune: PruneRequest | null = null): { tree: FrameTree; matchedFrames: number } {
  const checked = checkTransform(transform);
  switch (checked.kind) {
    case 'focus':
    case 'keep':
    case 'drop':
    case 'hide': {
      const mask = matchNames(tree, checked.match);
      const matchedFrames = countMatchedFrames(tree, mask);
      if (matchedFrames === 0 && (checked.kind === 'drop' || checked.kind === 'hide')) return { tree, matchedFrames };
      // keep's totals are only known once written: it is never pruned (its output is the matching stacks only)
      return { tree: rewriteTree(tree, { op: checked.kind, mask }, undefined, checked.kind === 'keep' ? null : prune), matchedFrames };
    }
    case 'merge-recursion': {
      const mask = checked.match ? matchNames(tree, checked.match) : null;
      if (checked.direct) {
        const matchedFrames = directlyRecursiveFrames(tree, mask);
        return { tree: matchedFrames === 0 ? tree : rewriteTree(tree, { op: 'direct', mask }, undefined, prune), matchedFrames };
      }
      const links = recursionLinks(tree, mask, prune !== null);
      const merged = links.mergedFrames === 0 ? tree : rewriteTree(tree, { op: 'linked', links }, undefined, prune);
      recycle(links.listOf, links.firstChild, links.nextSibling, links.state, ...(links.totals ?? []));
      return { tree: merged, matchedFrames: links.mergedFrames };
    }
    case 'collapse-module': {
      const mask = matchNames(tree, { module: checked.module });
      const matchedFrames = countMatchedFrames(tree, mask);
      if (matchedFrames === 0) return { tree, matchedFrames };
      const named = withName(tree.names, tree.extras, checked.module);
      // the module's frames keep the module of their names in the grown table (the cache is per table)
      const grownMask = new Uint8Array(named.names.length);
      grownMask.set(mask);
      if (named.id >= mask.length) grownMask[named.id] = 1;
      return { tree: rewriteTree(tree, { op: 'collapse', mask: grownMask, moduleName: named.id }, named, prune), matchedFrames };
    }
  }
}

/** Frames called directly by a frame of the same function in `mask` (all functions when null). */
function directlyRecursiveFrames(tree: FrameTree, mask: Uint8Array | null): number {
  const { parent, nameId } = tree;
  let count = 0;
  for (let i = 1; i < tree.length; i++) {
    const name = nameId[i]!;
    if (nameId[parent[i]!] === name && (mask === null || mask[name])) count++;
  }
  return count;
}

/** Checks the shape of a transform that came from outside (URL, JSON); throws `invalid-transform`. */
export function checkTransform(value: unknown): Transform {
  const t = value as Partial<Record<string, unknown>> | null;
  const fail = (why: string): never => {
    throw new AnalysisError('invalid-transform', `Not a valid transform (${why}).`);
  };
  if (!t || typeof t !== 'object') return fail('expected an object');
  switch (t.kind) {
    case 'focus':
    case 'keep':
    case 'drop':
    case 'hide':
      return { kind: t.kind, match: checkMatcher(t.match, fail) };
    case 'merge-recursion':
      if (t.direct !== undefined && typeof t.direct !== 'boolean') fail('direct must be true or false');
      return {
        kind: 'merge-recursion',
        ...(t.match !== undefined ? { match: checkMatcher(t.match, fail) } : {}),
        ...(t.direct ? { direct: true } : {}),
      };
    case 'collapse-module':
      if (typeof t.module !== 'string' || t.module === '') fail('collapse-module needs a module name');
      return { kind: 'collapse-module', module: t.module as string };
    default:
      return fail(`unknown kind ${JSON.stringify(t.kind)}`);
  }
}

function checkMatcher(value: unknown, fail: (why: string) => never): FrameMatcher {
  const m = value as Partial<Record<string, unknown>> | null;
  if (!m || typeof m !== 'object') return fail('expected a frame matcher');
  if (typeof m.name === 'string') return { name: m.name };
  if (typeof m.regex === 'string') return { regex: m.regex, ...(m.ignoreCase === true ? { ignoreCase: true } : {}) };
  if (typeof m.module === 'string') return { module: m.module };
  if (typeof m.preset === 'string') return { preset: m.preset as never };
  return fail('a frame matcher needs name, regex, module or preset');
}

/** A transform as a short label for a chip: "Focus on main.work", "Hide Go runtime", "Merge recursion". */
export function describeTransform(transform: Transform): string {
  switch (transform.kind) {
    case 'focus':
      return `Focus on ${describeMatcher(transform.match)}`;
    case 'keep':
      return `Only stacks with ${describeMatcher(transform.match)}`;
    case 'drop':
      return `Drop stacks with ${describeMatcher(transform.match)}`;
    case 'hide':
      return `Hide ${describeMatcher(transform.match)}`;
    case 'merge-recursion':
      return `Merge ${transform.direct ? 'direct ' : ''}recursion${transform.match ? ` of ${describeMatcher(transform.match)}` : ''}`;
    case 'collapse-module':
      return `Collapse ${transform.module}`;
  }
}

/** The modules of the frames of `tree` (see modules.ts), sorted by name: what collapse-module can take. */
export function modulesIn(tree: FrameTree): string[] {
  const modules = modulesOfNames(tree);
  const used = new Uint8Array(tree.names.length);
  for (let i = 1; i < tree.length; i++) used[tree.nameId[i]!] = 1;
  const found = new Set<string>();
  for (let id = 1; id < used.length; id++) if (used[id] && modules[id]) found.add(modules[id]!);
  return [...found].sort();
}
