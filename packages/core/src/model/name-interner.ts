import { StringTable } from './string-table.ts';

/** Initial hash-table size (slots); grows by doubling at half load. */
const INITIAL_SLOTS = 1 << 12;
/** Initial byte arena size; grows by doubling. */
const INITIAL_ARENA_BYTES = 1 << 16;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/**
 * Deduplicates names given as UTF-8 byte ranges (the folded-stack parser never makes a string per frame)
 * or as strings. Every name is stored once in a byte arena that becomes the tree's StringTable as is.
 * Invalid UTF-8 is replaced by U+FFFD before it is stored, so stored bytes always decode cleanly and two
 * spellings that decode alike are one name.
 *
 * Id 0 is reserved for the synthetic root and is never returned by `intern*`, so a real frame named
 * "all" stays a frame of its own.
 */
export class NameInterner {
  private arena = new Uint8Array(INITIAL_ARENA_BYTES);
  private arenaUsed = 0;
  /** offsets[i] = start of name i; offsets[count] = end of the last name. */
  private offsets = new Uint32Array(1024);
  private hashes = new Int32Array(1024);
  /** Open-addressing table of name ids (0 = empty slot: id 0 is the root and never hashed). */
  private slots = new Int32Array(INITIAL_SLOTS);
  private slotMask = INITIAL_SLOTS - 1;
  private size = 0;

  constructor(rootName: string) {
    const bytes = encoder.encode(rootName);
    this.appendName(bytes, 0, bytes.length, 0);
  }

  /** Number of names, the root's included. */
  get count(): number {
    return this.size;
  }

  /** Interns bytes[start, end) and returns its id (≥ 1). */
  internBytes(bytes: Uint8Array, start: number, end: number): number {
    return this.internHashed(bytes, start, end, hashBytes(bytes, start, end));
  }

  /**
   * Like internBytes, with the hash already computed by the caller (the folded parser hashes while it
   * looks for the `;` that ends a frame): `hash` must be `finishHash` of the FNV-1a state over the range.
   */
  internHashed(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const found = this.find(bytes, start, end, hash);
    if (found > 0) return found;
    if (!isAscii(bytes, start, end) && !isValidUtf8(bytes, start, end)) {
      const repaired = encoder.encode(lenientUtf8.decode(bytes.subarray(start, end)));
      return this.internBytes(repaired, 0, repaired.length);
    }
    return this.insert(bytes, start, end, hash);
  }

  /** Interns a string and returns its id (≥ 1). */
  internString(text: string): number {
    const bytes = encoder.encode(text);
    return this.internBytes(bytes, 0, bytes.length);
  }

  /** Compares two names in code point order (= UTF-8 byte order). */
  compare(a: number, b: number): number {
    const arena = this.arena;
    let i = this.offsets[a]!;
    let j = this.offsets[b]!;
    const endA = this.offsets[a + 1]!;
    const endB = this.offsets[b + 1]!;
    for (; i < endA && j < endB; i++, j++) {
      const d = arena[i]! - arena[j]!;
      if (d !== 0) return d;
    }
    return endA - i - (endB - j);
  }

  /** rank[id] = position of name `id` in code point order (the root, id 0, ranks first). */
  rankByName(): Uint32Array {
    const ids = new Array<number>(this.size - 1);
    for (let i = 1; i < this.size; i++) ids[i - 1] = i;
    ids.sort((a, b) => this.compare(a, b));
    const rank = new Uint32Array(this.size);
    for (let r = 0; r < ids.length; r++) rank[ids[r]!] = r + 1;
    return rank;
  }

  /** The names as a StringTable (copies the used part of the arena). */
  toStringTable(): StringTable {
    return new StringTable(this.arena.slice(0, this.arenaUsed), this.offsets.slice(0, this.size + 1));
  }

  /** The name with id `id`, decoded (slow path, for messages and tests). */
  nameOf(id: number): string {
    return lenientUtf8.decode(this.arena.subarray(this.offsets[id]!, this.offsets[id + 1]!));
  }

  private find(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const length = end - start;
    const arena = this.arena;
    let slot = hash & this.slotMask;
    for (;;) {
      const id = this.slots[slot]!;
      if (id === 0) return 0;
      if (this.hashes[id] === hash) {
        const offset = this.offsets[id]!;
        if (this.offsets[id + 1]! - offset === length) {
          let same = true;
          for (let k = 0; k < length; k++) {
            if (arena[offset + k] !== bytes[start + k]) {
              same = false;
              break;
            }
          }
          if (same) return id;
        }
      }
      slot = (slot + 1) & this.slotMask;
    }
  }

  private insert(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const id = this.appendName(bytes, start, end, hash);
    if (this.size * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(id, hash);
    return id;
  }

  private appendName(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const length = end - start;
    if (this.arenaUsed + length > this.arena.length) {
      let capacity = this.arena.length * 2;
      while (capacity < this.arenaUsed + length) capacity *= 2;
      const grown = new Uint8Array(capacity);
      grown.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = grown;
    }
    this.arena.set(bytes.subarray(start, end), this.arenaUsed);
    const id = this.size++;
    if (this.size + 1 > this.offsets.length) {
      const offsets = new Uint32Array(this.offsets.length * 2);
      offsets.set(this.offsets);
      this.offsets = offsets;
      const hashes = new Int32Array(this.hashes.length * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.offsets[id] = this.arenaUsed;
    this.arenaUsed += length;
    this.offsets[id + 1] = this.arenaUsed;
    this.hashes[id] = hash;
    return id;
  }

  private place(id: number, hash: number): void {
    let slot = hash & this.slotMask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.slotMask;
    this.slots[slot] = id;
  }

  private rehash(slotCount: number): void {
    this.slots = new Int32Array(slotCount);
    this.slotMask = slotCount - 1;
    for (let id = 1; id < this.size; id++) this.place(id, this.hashes[id]!);
  }
}

/** FNV-1a start state; step with `h = Math.imul(h ^ byte, FNV_PRIME)`, then `finishHash(h)`. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/** Mixes an FNV-1a state so its low bits (the table index) spread well. */
export function finishHash(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  return h ^ (h >>> 15);
}

/** Hash of a byte range, as internHashed expects it. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, FNV_PRIME);
  return finishHash(h);
}

function isAscii(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

function isValidUtf8(bytes: Uint8Array, start: number, end: number): boolean {
  try {
    strictUtf8.decode(bytes.subarray(start, end));
    return true;
  } catch {
    return false;
  }
}
