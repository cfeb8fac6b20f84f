import type { FrameTree } from '../model/frame-tree.ts';
import { AnalysisError } from './errors.ts';
import { modulesOfNames } from './modules.ts';
import { findPreset, type PresetId } from './presets.ts';

/**
 * Which frames a transform acts on. Frames are matched by their name (a function), so every frame of a
 * function matches alike:
 * - `{ name }`: exactly this function name;
 * - `{ regex, ignoreCase? }`: names the regular expression finds (unanchored, as pprof's -focus/-hide);
 * - `{ module }`: frames of this module (package, library; see modules.ts);
 * - `{ preset }`: a named set of runtime frames (presets.ts).
 */
export type FrameMatcher =
  | { readonly name: string }
  | { readonly regex: string; readonly ignoreCase?: boolean }
  | { readonly module: string }
  | { readonly preset: PresetId };

/** Longest regex accepted (a pattern is typed by a person; anything longer is a mistake or an attack). */
export const MAX_REGEX_LENGTH = 1000;

/** Compiles a matcher's regex, or throws an `invalid-transform` error with the reason. */
export function compileRegex(source: string, ignoreCase = false): RegExp {
  if (source.length > MAX_REGEX_LENGTH) {
    throw new AnalysisError('invalid-transform', `The pattern is longer than ${MAX_REGEX_LENGTH} characters.`);
  }
  try {
    return new RegExp(source, ignoreCase ? 'i' : '');
  } catch (error) {
    throw new AnalysisError('invalid-transform', `The pattern ${JSON.stringify(source)} is not a valid regular expression: ${(error as Error).message}`);
  }
}

/**
 * mask[nameId] = 1 for every name of `tree` the matcher selects (the root, id 0, never). Costs one test
 * per distinct name, not per frame.
 */
export function matchNames(tree: Pick<FrameTree, 'names' | 'extras'>, matcher: FrameMatcher): Uint8Array {
  const { names } = tree;
  const mask = new Uint8Array(names.length);
  if ('name' in matcher) {
    for (const id of names.indexesOf(matcher.name, 1)) mask[id] = 1;
  } else if ('regex' in matcher) {
    const regex = compileRegex(matcher.regex, matcher.ignoreCase);
    for (let id = 1; id < names.length; id++) if (regex.test(names.get(id))) mask[id] = 1;
  } else if ('module' in matcher) {
    const modules = modulesOfNames(tree);
    for (let id = 1; id < names.length; id++) if (modules[id] === matcher.module) mask[id] = 1;
  } else {
    const preset = findPreset(matcher.preset);
    if (!preset) throw new AnalysisError('invalid-transform', `There is no preset named ${JSON.stringify(matcher.preset)}.`);
    const modules = preset.modules ? modulesOfNames(tree) : null;
    for (let id = 1; id < names.length; id++) {
      const module = modules?.[id];
      if (preset.names?.test(names.get(id)) || (module && preset.modules!.test(module))) mask[id] = 1;
    }
  }
  return mask;
}

/** Frames of `tree` whose name is in `mask`. */
export function countMatchedFrames(tree: FrameTree, mask: Uint8Array): number {
  let count = 0;
  const nameId = tree.nameId;
  for (let i = 1; i < tree.length; i++) count += mask[nameId[i]!]!;
  return count;
}

/** A matcher as a short phrase for a chip or a message: `main.work`, `/^runtime\./`, `module runtime`. */
export function describeMatcher(matcher: FrameMatcher): string {
  if ('name' in matcher) return matcher.name;
  if ('regex' in matcher) return `/${matcher.regex}/${matcher.ignoreCase ? 'i' : ''}`;
  if ('module' in matcher) return `module ${matcher.module}`;
  return findPreset(matcher.preset)?.label ?? matcher.preset;
}
