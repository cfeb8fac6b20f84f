import { StringTable } from '../model/string-table.ts';
import type { NameExtras } from '../model/frame-tree.ts';

const ranks = new WeakMap<StringTable, Uint32Array>();

/**
 * rank[id] = position of name `id` in code point order (UTF-8 byte order), the order a FrameTree keeps
 * children in. Derived trees merge children of several frames by this rank. Cached per table.
 */
export function nameRanks(names: StringTable): Uint32Array {
  let rank = ranks.get(names) ?? sameNamesRanks(names);
  if (rank) return rank;
  const { bytes, offsets } = names;
  const compare = (a: number, b: number): number => {
    let i = offsets[a]!;
    let j = offsets[b]!;
    const endA = offsets[a + 1]!;
    const endB = offsets[b + 1]!;
    for (; i < endA && j < endB; i++, j++) {
      const d = bytes[i]! - bytes[j]!;
      if (d !== 0) return d;
    }
    return endA - i - (endB - j) || a - b;
  };
  const ids = new Array<number>(names.length);
  for (let i = 0; i < ids.length; i++) ids[i] = i;
  ids.sort(compare);
  rank = new Uint32Array(names.length);
  for (let r = 0; r < ids.length; r++) rank[ids[r]!] = r;
  ranks.set(names, rank);
  if (names.length >= SORT_IS_SLOW) {
    recent.unshift({ names: new WeakRef(names), rank });
    recent.length = Math.min(recent.length, 2);
  }
  return rank;
}

/** From this many names, sorting them (tens of milliseconds for 40 k) costs more than comparing tables. */
const SORT_IS_SLOW = 1000;

/** The last large tables ranked (held weakly), and their ranks. */
const recent: { names: WeakRef<StringTable>; rank: Uint32Array }[] = [];

/**
 * The ranks of a recently ranked table with the same content as `names`, else null. Every view of a
 * profile the page receives from the worker brings its own copy of the profile's names: its function
 * table would sort every name again (a long task on the page for each view), where comparing the bytes
 * takes a millisecond.
 */
function sameNamesRanks(names: StringTable): Uint32Array | null {
  if (names.length < SORT_IS_SLOW) return null;
  for (const entry of recent) {
    const other = entry.names.deref();
    if (other && sameContent(other, names)) {
      ranks.set(names, entry.rank);
      return entry.rank;
    }
  }
  return null;
}

function sameContent(a: StringTable, b: StringTable): boolean {
  if (a.offsets.length !== b.offsets.length || a.bytes.length !== b.bytes.length) return false;
  for (let i = 0; i < a.offsets.length; i++) if (a.offsets[i] !== b.offsets[i]) return false;
  for (let i = 0; i < a.bytes.length; i++) if (a.bytes[i] !== b.bytes[i]) return false;
  return true;
}

/** Id of each distinct string in `names` (first id wins), for lookups by name. */
export function nameIndex(names: StringTable): Map<string, number> {
  const index = new Map<string, number>();
  for (let i = 1; i < names.length; i++) {
    const name = names.get(i);
    if (!index.has(name)) index.set(name, i);
  }
  return index;
}

/**
 * `names` with `name` added when it is not there yet, and the name's id. Extras grow alike (the new name
 * has no file or binary). Used by collapse-module, whose frames are named after the module.
 */
export function withName(names: StringTable, extras: NameExtras | null, name: string): { names: StringTable; extras: NameExtras | null; id: number } {
  const [known] = names.indexesOf(name, 1, 1);
  if (known !== undefined) return { names, extras, id: known };
  const added = new TextEncoder().encode(name);
  const bytes = new Uint8Array(names.bytes.length + added.length);
  bytes.set(names.bytes);
  bytes.set(added, names.bytes.length);
  const offsets = new Uint32Array(names.offsets.length + 1);
  offsets.set(names.offsets);
  offsets[offsets.length - 1] = bytes.length;
  const grow = (a: Int32Array) => {
    const b = new Int32Array(a.length + 1).fill(-1);
    b.set(a);
    return b;
  };
  const grownExtras = extras ? { ...extras, fileOfName: grow(extras.fileOfName), binaryOfName: grow(extras.binaryOfName) } : null;
  return { names: new StringTable(bytes, offsets), extras: grownExtras, id: names.length };
}
