import { AnalysisError, toAnalysisError, type AnalysisErrorInfo } from './errors.ts';
import type { FrameMatcher } from './matchers.ts';
import { checkTransform, type Transform } from './transforms.ts';

/**
 * Transforms as short text for a URL query value, readable and stable:
 *
 *   h:p:go-runtime~f:n:main.work~r~c:compress%2Fflate
 *
 * Transforms are joined by `~`; each is a code and its arguments joined by `:`, every argument
 * percent-encoded (so names may hold any character). Codes: f focus, k keep, d drop, h hide,
 * r merge-recursion (rd: direct only), c collapse-module. Matchers: n:NAME, x:REGEX, xi:REGEX (ignore
 * case), m:MODULE, p:PRESET. The text uses only URL-safe characters.
 */
export function encodeTransforms(transforms: readonly Transform[]): string {
  return transforms.map(encodeOne).join('~');
}

/** Reads `encodeTransforms` text back. Never throws: malformed text comes back as `invalid-transform`. */
export function decodeTransforms(text: string): { ok: true; transforms: Transform[] } | { ok: false; error: AnalysisErrorInfo } {
  try {
    const trimmed = text.trim();
    return { ok: true, transforms: trimmed === '' ? [] : trimmed.split('~').map(decodeOne) };
  } catch (error) {
    return { ok: false, error: toAnalysisError(error) };
  }
}

const CODES = { focus: 'f', keep: 'k', drop: 'd', hide: 'h' } as const;
const KINDS: Record<string, 'focus' | 'keep' | 'drop' | 'hide'> = { f: 'focus', k: 'keep', d: 'drop', h: 'hide' };

const encode = (part: string) => encodeURIComponent(part).replace(/~/g, '%7E');

function encodeOne(t: Transform): string {
  switch (t.kind) {
    case 'merge-recursion':
      return [t.direct ? 'rd' : 'r', ...(t.match ? encodeMatcher(t.match) : [])].join(':');
    case 'collapse-module':
      return `c:${encode(t.module)}`;
    default:
      return [CODES[t.kind], ...encodeMatcher(t.match)].join(':');
  }
}

function encodeMatcher(m: FrameMatcher): string[] {
  if ('name' in m) return ['n', encode(m.name)];
  if ('regex' in m) return [m.ignoreCase ? 'xi' : 'x', encode(m.regex)];
  if ('module' in m) return ['m', encode(m.module)];
  return ['p', encode(m.preset)];
}

function decodeOne(item: string): Transform {
  const [code, ...parts] = item.split(':');
  let args: string[];
  try {
    args = parts.map(decodeURIComponent);
  } catch {
    throw new AnalysisError('invalid-transform', `The transform "${item}" is not valid URL text.`);
  }
  if (code === 'r' || code === 'rd') {
    return checkTransform({ kind: 'merge-recursion', ...(args.length ? { match: decodeMatcher(args, item) } : {}), ...(code === 'rd' ? { direct: true } : {}) });
  }
  if (code === 'c' && args.length === 1) return checkTransform({ kind: 'collapse-module', module: args[0] });
  const kind = KINDS[code ?? ''];
  if (!kind) throw new AnalysisError('invalid-transform', `Unknown transform "${item}".`);
  return checkTransform({ kind, match: decodeMatcher(args, item) });
}

function decodeMatcher(args: string[], item: string): FrameMatcher {
  const [type, value, ...rest] = args;
  if (value === undefined || rest.length) throw new AnalysisError('invalid-transform', `The transform "${item}" has a malformed frame matcher.`);
  switch (type) {
    case 'n':
      return { name: value };
    case 'x':
      return { regex: value };
    case 'xi':
      return { regex: value, ignoreCase: true };
    case 'm':
      return { module: value };
    case 'p':
      return { preset: value as never };
    default:
      throw new AnalysisError('invalid-transform', `The transform "${item}" has an unknown frame matcher "${type}".`);
  }
}
