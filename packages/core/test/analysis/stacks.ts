/**
 * The independent model the analysis tests compare against: a profile as a plain list of stacks (frame
 * names root first, one value per column), read without the product's parsers — folded text split by
 * hand as the corpus README defines it, pprof through pprof-format — and the obvious, slow computations
 * on it: function self/total, and every transform as a rewrite of each stack. Reference trees are then
 * built from the rewritten stacks with FrameTreeBuilder, the one way the core makes trees from stacks.
 */
import { Profile } from 'pprof-format';
import { gunzipSync } from 'node:zlib';
import { FrameTreeBuilder, type FrameTree } from '../../src/index.ts';

export interface Stack {
  readonly frames: readonly string[];
  readonly values: readonly number[];
}

/** Folded text as stacks: `a;b;c 12` or `a;b;c 3 4`; `#` lines are comments; other lines are skipped. */
export function stacksFromFolded(text: string): Stack[] {
  const stacks: Stack[] = [];
  const NUMBER = String.raw`(-?\d+(?:\.\d+)?)`;
  const one = new RegExp(String.raw`^(.*\S)\s+${NUMBER}$`);
  const two = new RegExp(String.raw`^(.*\S)\s+${NUMBER}\s+${NUMBER}$`);
  let columns = 0; // decided by the first stack line, as the importer does
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (columns === 0) columns = two.test(line) ? 2 : 1;
    const m = (columns === 2 ? two : one).exec(line);
    if (m) stacks.push({ frames: m[1]!.split(';'), values: m.slice(2).map(Number) });
  }
  return stacks;
}

/** A pprof file as stacks, decoded by pprof-format with the corpus naming rules (inline frames expanded). */
export function stacksFromPprof(bytes: Uint8Array): { stacks: Stack[]; columns: number } {
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? new Uint8Array(gunzipSync(bytes)) : bytes;
  const p = Profile.decode(raw);
  const strings = p.stringTable.strings;
  const str = (i: number | bigint) => strings[Number(i)] ?? '';
  const functions = new Map(p.function.map((f) => [Number(f.id), f]));
  const functionsLackIds = p.function.length > 0 && p.function.every((f) => Number(f.id) === 0);
  const locations = new Map(p.location.map((l) => [Number(l.id), l]));
  const frameName = (functionId: number) => {
    const f = functions.get(functionId) ?? (functionsLackIds ? p.function[functionId - 1] : undefined);
    return f ? str(f.name) || str(f.systemName) || '??' : '??';
  };
  const stacks = p.sample.map((sample) => {
    const frames: string[] = [];
    for (const id of [...sample.locationId].reverse()) {
      const loc = locations.get(Number(id));
      if (!loc) frames.push('??');
      else if (loc.line.length === 0) frames.push('0x' + BigInt(loc.address).toString(16));
      else for (const line of [...loc.line].reverse()) frames.push(frameName(Number(line.functionId)));
    }
    return { frames, values: sample.value.map(Number) };
  });
  return { stacks, columns: p.sampleType.length };
}

/**
 * Self and total per function of one column, by the definitions: self = sum of the values of stacks
 * whose leaf is the function; total = sum of the values of stacks that contain it at least once.
 */
export function functionFigures(stacks: readonly Stack[], column = 0): Map<string, { self: number; total: number }> {
  const figures = new Map<string, { self: number; total: number }>();
  const row = (name: string) => figures.get(name) ?? figures.set(name, { self: 0, total: 0 }).get(name)!;
  for (const { frames, values } of stacks) {
    const value = values[column] ?? 0;
    if (frames.length === 0) continue;
    row(frames[frames.length - 1]!).self += value;
    for (const name of new Set(frames)) row(name).total += value;
  }
  return figures;
}

/** A tree built from stacks with FrameTreeBuilder (columns named c0, c1, …; empty stacks go to the root). */
export function treeOfStacks(stacks: readonly Stack[], columns = stacks[0]?.values.length ?? 1): FrameTree {
  const builder = new FrameTreeBuilder({ sampleTypes: Array.from({ length: columns }, (_, i) => ({ type: `c${i}`, unit: 'count' })) });
  for (const { frames, values } of stacks) builder.addStack(frames.map((f) => builder.names.internString(f)), values);
  return builder.build({ format: 'collapsed', defaultSampleTypeIndex: 0, samples: stacks.length, dropped: [] });
}

/** Every column of a tree drawn as `path total (self)` lines (pre-order), for exact comparisons. */
export function drawColumns(tree: FrameTree): string {
  const lines: string[] = [];
  const path: string[] = [];
  for (let i = 0; i < tree.length; i++) {
    path.length = tree.depth[i]!;
    path.push(i === 0 ? '' : tree.names.get(tree.nameId[i]!));
    const values = tree.totalByType.map((total, t) => `${total[i]} (${tree.selfByType[t]![i]})`);
    lines.push(`${path.join(';')} ${values.join(' ')}`);
  }
  return lines.join('\n');
}

// Transforms as rewrites of single stacks (`null` removes the stack).

export type FramePredicate = (name: string) => boolean;

export const rewrite = {
  hide: (frames: readonly string[], match: FramePredicate) => frames.filter((f) => !match(f)),
  drop: (frames: readonly string[], match: FramePredicate) => (frames.some(match) ? null : frames),
  keep: (frames: readonly string[], match: FramePredicate) => (frames.some(match) ? frames : null),
  focus: (frames: readonly string[], match: FramePredicate) => {
    const at = frames.findIndex(match);
    return at < 0 ? null : frames.slice(at);
  },
  mergeDirect: (frames: readonly string[], match: FramePredicate) => {
    const out: string[] = [];
    for (const f of frames) if (!(match(f) && out[out.length - 1] === f)) out.push(f);
    return out;
  },
  mergeRecursion: (frames: readonly string[], match: FramePredicate) => {
    const out: string[] = [];
    for (const f of frames) {
      const at = match(f) ? out.indexOf(f) : -1;
      if (at >= 0) out.length = at + 1;
      else out.push(f);
    }
    return out;
  },
  collapse: (frames: readonly string[], moduleOf: (name: string) => string | null, module: string) => {
    const out: string[] = [];
    for (const f of frames) {
      if (moduleOf(f) !== module) out.push(f);
      else if (out[out.length - 1] !== module) out.push(module);
    }
    return out;
  },
  invert: (frames: readonly string[]) => [...frames].reverse(),
  callers: (frames: readonly string[], name: string) => {
    const at = frames.indexOf(name);
    return at < 0 ? null : frames.slice(0, at + 1).reverse();
  },
};

/** Applies a per-stack rewrite to every stack (removed stacks are left out). */
export function rewriteStacks(stacks: readonly Stack[], f: (frames: readonly string[]) => readonly string[] | null): Stack[] {
  const out: Stack[] = [];
  for (const s of stacks) {
    const frames = f(s.frames);
    if (frames) out.push({ frames, values: s.values });
  }
  return out;
}

/** Deterministic random stacks (xorshift), names from `alphabet`, two value columns. */
export function randomStacks(seed: number, count: number, alphabet: readonly string[], maxDepth = 7): Stack[] {
  let x = seed | 0 || 1;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  return Array.from({ length: count }, () => {
    const depth = Math.floor(next() * (maxDepth + 1));
    const frames = Array.from({ length: depth }, () => alphabet[Math.floor(next() * alphabet.length)]!);
    return { frames, values: [Math.floor(next() * 10), Math.floor(next() * 5)] };
  });
}
