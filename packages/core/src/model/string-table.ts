/**
 * A table of strings stored as one UTF-8 byte blob plus offsets, so it crosses the worker boundary as two
 * transferable buffers (no structured clone of a million strings) and decodes a name only when asked.
 *
 *   bytes:   |main|parse|read|render|
 *   offsets:  0    4     9    13     19      (length + 1 entries; string i is bytes[offsets[i], offsets[i+1]))
 */
export class StringTable {
  readonly length: number;
  private readonly decoded: (string | undefined)[];

  constructor(
    /** UTF-8 bytes of all strings, back to back. */
    readonly bytes: Uint8Array,
    /** Start offset of each string, plus one final end offset. */
    readonly offsets: Uint32Array,
  ) {
    this.length = Math.max(0, offsets.length - 1);
    this.decoded = new Array<string | undefined>(this.length);
  }

  /** Builds a table from JS strings (tests, small inputs, the Grafana frame). */
  static fromStrings(strings: readonly string[]): StringTable {
    const encoder = new TextEncoder();
    const parts = strings.map((s) => encoder.encode(s));
    const offsets = new Uint32Array(parts.length + 1);
    let size = 0;
    parts.forEach((p, i) => {
      offsets[i] = size;
      size += p.length;
    });
    offsets[parts.length] = size;
    const bytes = new Uint8Array(size);
    parts.forEach((p, i) => bytes.set(p, offsets[i]!));
    return new StringTable(bytes, offsets);
  }

  /** The string at `index` (decoded once, then cached). Invalid UTF-8 reads as U+FFFD. */
  get(index: number): string {
    let s = this.decoded[index];
    if (s === undefined) {
      const start = this.offsets[index]!;
      const end = this.offsets[index + 1]!;
      s = decodeUtf8(this.bytes, start, end);
      this.decoded[index] = s;
    }
    return s;
  }

  /**
   * Indexes of the strings that read as `text`, from index `from` on, ascending; at most `limit` of them.
   * Compares UTF-8 bytes, so no string is decoded: a lookup by name in a table never read costs a pass
   * over its offsets instead of decoding every name. Text with U+FFFD may be a string of invalid UTF-8
   * as `get` reads it: those are compared decoded.
   */
  indexesOf(text: string, from = 0, limit = Infinity): number[] {
    const found: number[] = [];
    if (text.includes('\ufffd')) {
      for (let i = from; i < this.length && found.length < limit; i++) if (this.get(i) === text) found.push(i);
      return found;
    }
    const wanted = encoder.encode(text);
    const { bytes, offsets } = this;
    for (let i = from; i < this.length && found.length < limit; i++) {
      const start = offsets[i]!;
      if (offsets[i + 1]! - start !== wanted.length) continue;
      let k = 0;
      while (k < wanted.length && bytes[start + k] === wanted[k]) k++;
      if (k === wanted.length) found.push(i);
    }
    return found;
  }

  /** Byte length of string `index` (no decoding). */
  byteLength(index: number): number {
    return this.offsets[index + 1]! - this.offsets[index]!;
  }

  /** All strings, decoded (for search over names and small tables). */
  toArray(): string[] {
    const out = new Array<string>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.get(i);
    return out;
  }
}

/** Longest run decoded with String.fromCharCode: larger ASCII names go through TextDecoder. */
const ASCII_FAST_PATH_MAX = 256;

/** Decodes bytes[start, end) as UTF-8; short pure-ASCII runs skip TextDecoder (most frame names). */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  const length = end - start;
  if (length <= ASCII_FAST_PATH_MAX) {
    let ascii = true;
    for (let i = start; i < end; i++) {
      if (bytes[i]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
  }
  return StringTableDecoder.decode(bytes.subarray(start, end));
}

const StringTableDecoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();
