/**
 * The view state that lives in the URL hash, so a copied link reopens the same view:
 *
 *   #view=flame&type=alloc_space&q=malloc&re=1&f=main&f=runtime.mallocgc&metric=relative-change&self=1
 *
 * Focus is a path of names (`f` repeated, root's child first): names may hold any character, `;`
 * included (Go generics), and URLSearchParams encodes each one safely. Unknown or malformed values are
 * ignored, never trusted: the hash is user input like any other.
 */
export interface ViewState {
  readonly view?: 'icicle' | 'flame';
  /** Sample type by name (`cpu`, `alloc_space`). */
  readonly sampleType?: string;
  readonly search?: string;
  readonly regex?: boolean;
  readonly caseSensitive?: boolean;
  readonly focusPath?: readonly string[];
  /** Diff colour metric and options. */
  readonly metric?: 'normalized-delta' | 'relative-change' | 'absolute-delta';
  readonly useSelf?: boolean;
  readonly widthMode?: 'combined' | 'comparison' | 'baseline';
  /** Diff colour saturation point (in the metric's unit); absent = automatic. */
  readonly saturation?: number;
  /** Which panes show: both, graph only, table only. */
  readonly layout?: 'both' | 'graph' | 'table';
  readonly theme?: 'light' | 'dark';
  /** Transforms as core's encodeTransforms writes them (`h:p:go-runtime~f:n:main.work`); decoded by the app. */
  readonly transforms?: string;
  /** The inverted (bottom-up) view. */
  readonly inverted?: boolean;
  /** Fade diff frames whose change is within sampling noise (default on; false is kept). */
  readonly fadeNoise?: boolean;
  /** The function whose sandwich is open. */
  readonly sandwich?: string;
}

/** Longest value accepted from the hash for one field (a guard against absurd links). */
const MAX_FIELD = 4096;
/** Deepest focus path accepted from the hash. */
const MAX_PATH = 1024;

const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

const text = (value: string | null): string | undefined => (value !== null && value.length <= MAX_FIELD ? value : undefined);

/** Reads a view state from a location hash (with or without the leading `#`). */
export function parseViewState(hash: string): ViewState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const focus = params.getAll('f').filter((name) => name.length <= MAX_FIELD);
  const saturation = Number(params.get('sat'));
  const state: Record<string, unknown> = {
    view: pick(params.get('view'), ['icicle', 'flame'] as const),
    sampleType: text(params.get('type')),
    search: text(params.get('q')),
    regex: params.get('re') === '1' ? true : undefined,
    caseSensitive: params.get('case') === '1' ? true : undefined,
    focusPath: focus.length > 0 && focus.length <= MAX_PATH ? focus : undefined,
    metric: pick(params.get('metric'), ['normalized-delta', 'relative-change', 'absolute-delta'] as const),
    useSelf: params.get('self') === '1' ? true : undefined,
    widthMode: pick(params.get('width'), ['combined', 'comparison', 'baseline'] as const),
    saturation: params.has('sat') && Number.isFinite(saturation) && saturation > 0 ? saturation : undefined,
    layout: pick(params.get('layout'), ['both', 'graph', 'table'] as const),
    theme: pick(params.get('theme'), ['light', 'dark'] as const),
    transforms: text(params.get('tx')),
    inverted: params.get('inv') === '1' ? true : undefined,
    fadeNoise: params.get('noise') === '0' ? false : undefined,
    sandwich: text(params.get('sw')),
  };
  for (const key of Object.keys(state)) if (state[key] === undefined) delete state[key];
  return state as ViewState;
}

/** Writes a view state as a hash (`#…`, or '' when there is nothing to keep). */
export function formatViewState(state: ViewState): string {
  const params = new URLSearchParams();
  if (state.view) params.set('view', state.view);
  if (state.sampleType) params.set('type', state.sampleType);
  if (state.search) params.set('q', state.search);
  if (state.regex) params.set('re', '1');
  if (state.caseSensitive) params.set('case', '1');
  for (const name of state.focusPath ?? []) params.append('f', name);
  if (state.metric) params.set('metric', state.metric);
  if (state.useSelf) params.set('self', '1');
  if (state.widthMode) params.set('width', state.widthMode);
  if (state.saturation !== undefined) params.set('sat', String(state.saturation));
  if (state.layout) params.set('layout', state.layout);
  if (state.theme) params.set('theme', state.theme);
  if (state.transforms) params.set('tx', state.transforms);
  if (state.inverted) params.set('inv', '1');
  if (state.fadeNoise === false) params.set('noise', '0');
  if (state.sandwich) params.set('sw', state.sandwich);
  const out = params.toString();
  return out ? `#${out}` : '';
}

/** The profiles a link asks for: `?url=…` (one) or `?base=…&url=…` (a diff). */
export interface LinkedProfiles {
  readonly url?: string;
  readonly base?: string;
}

/** Reads `?url=` and `?base=` from a query string; only http(s) URLs (absolute or relative) are taken. */
export function parseLinkedProfiles(search: string, pageUrl: string): LinkedProfiles {
  const params = new URLSearchParams(search);
  const safe = (value: string | null): string | undefined => {
    if (!value || value.length > MAX_FIELD) return undefined;
    try {
      const url = new URL(value, pageUrl);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
    } catch {
      return undefined;
    }
  };
  const out: { url?: string; base?: string } = {};
  const url = safe(params.get('url'));
  const base = safe(params.get('base'));
  if (url) out.url = url;
  if (base) out.base = base;
  return out;
}
