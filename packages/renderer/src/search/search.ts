import type { FrameIndex, FrameTree } from '@flamelens/core';
import { ITEMS_PER_CLOCK_CHECK, type SlicedJob } from '../layout/sliced-job.ts';

/** What the user typed into the search box. */
export interface SearchQuery {
  readonly text: string;
  /**
   * `substring` (default), a JavaScript regular expression, or `exact`: the whole name, case-sensitive
   * (a host highlighting one function, e.g. a row of the function table, without escaping its name).
   */
  readonly mode?: 'substring' | 'regex' | 'exact';
  /** Default false: "json" finds "encoding/json.Unmarshal" and "JSONParser". */
  readonly caseSensitive?: boolean;
}

/** A compiled search: a name test and where in a name the match is (for labels), or a message. */
export type CompiledSearch =
  | { readonly ok: true; readonly test: (name: string) => boolean; readonly range: (name: string) => readonly [number, number] | null }
  | { readonly ok: false; readonly message: string };

/** Compiles a query; an empty text means no search (null). A bad regex is a message, not an exception. */
export function compileSearch(query: SearchQuery | null | undefined): CompiledSearch | null {
  if (!query || query.text === '') return null;
  if (query.mode === 'exact') {
    const whole = query.text;
    return { ok: true, test: (name) => name === whole, range: (name) => (name === whole ? [0, name.length] : null) };
  }
  if (query.mode === 'regex') {
    let re: RegExp;
    try {
      re = new RegExp(query.text, query.caseSensitive ? '' : 'i');
    } catch (error) {
      return { ok: false, message: `Not a valid regular expression: ${error instanceof Error ? error.message : String(error)}` };
    }
    return {
      ok: true,
      test: (name) => re.test(name),
      range: (name) => {
        const m = re.exec(name);
        return m ? [m.index, m.index + m[0].length] : null;
      },
    };
  }
  const needle = query.caseSensitive ? query.text : query.text.toLowerCase();
  const fold = (name: string) => (query.caseSensitive ? name : name.toLowerCase());
  return {
    ok: true,
    test: (name) => fold(name).includes(needle),
    range: (name) => {
      const at = fold(name).indexOf(needle);
      return at < 0 ? null : [at, at + needle.length];
    },
  };
}

/**
 * Which names match, as one byte per name id (1 = match), plus the share of the whole that matches:
 * `matchedTotal` adds a frame's total only when no ancestor matched too, so nested matches (recursion,
 * a matching caller of a matching callee) are counted once per stack, as the function table does.
 * Built in slices: first the names (each decoded once and cached by the string table), then the frames.
 */
export class SearchJob implements SlicedJob {
  readonly nameMatches: Uint8Array;
  /** Σ total of the outermost matching frames, in the tree's unit (final when the job is done). */
  matchedTotal = 0;
  /** Number of matching frames. */
  matchedFrames = 0;
  private nextName = 0;
  private nextFrame = 0;
  /** End of the subtree of the last outermost match: frames before it are inside a counted match. */
  private insideUntil = 0;

  constructor(
    readonly tree: FrameTree,
    readonly search: CompiledSearch & { ok: true },
    private readonly total: Float64Array = tree.total,
  ) {
    this.nameMatches = new Uint8Array(tree.names.length);
  }

  /** True once the name pass is done: `nameMatches` is complete and bars can be drawn highlighted. */
  get namesReady(): boolean {
    return this.nextName >= this.tree.names.length;
  }

  step(deadline: number): boolean {
    const names = this.tree.names;
    const matches = this.nameMatches;
    // Names: about 1 µs each; the clock is read every 1024.
    while (this.nextName < names.length) {
      const to = Math.min(names.length, this.nextName + 1024);
      for (let id = this.nextName; id < to; id++) matches[id] = id !== 0 && this.search.test(names.get(id)) ? 1 : 0;
      this.nextName = to;
      if (performance.now() >= deadline && this.nextName < names.length) return false;
    }
    const { nameId, subtreeEnd } = this.tree;
    const n = this.tree.length;
    while (this.nextFrame < n) {
      const to = Math.min(n, this.nextFrame + ITEMS_PER_CLOCK_CHECK);
      let matched = this.matchedTotal;
      let count = this.matchedFrames;
      let insideUntil = this.insideUntil;
      for (let i = this.nextFrame; i < to; i++) {
        if (matches[nameId[i]!] === 0) continue;
        count++;
        if (i >= insideUntil) {
          matched += this.total[i]!;
          insideUntil = subtreeEnd[i]!;
        }
      }
      this.matchedTotal = matched;
      this.matchedFrames = count;
      this.insideUntil = insideUntil;
      this.nextFrame = to;
      if (performance.now() >= deadline && this.nextFrame < n) return false;
    }
    return true;
  }
}

/**
 * The next matching frame after `from` in pre-order (before it when `direction` is -1), wrapping around;
 * -1 when nothing matches. Used by Enter / Shift+Enter to walk through the matches.
 */
export function nextMatch(tree: FrameTree, nameMatches: Uint8Array, from: FrameIndex, direction: 1 | -1): FrameIndex {
  const n = tree.length;
  const { nameId } = tree;
  for (let step = 1; step <= n; step++) {
    const i = (((from + direction * step) % n) + n) % n;
    if (nameMatches[nameId[i]!] === 1) return i;
  }
  return -1;
}
