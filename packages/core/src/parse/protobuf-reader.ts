import { ProfileError } from './errors.ts';

/** Protobuf wire types. */
export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

const TWO_POW_32 = 4294967296;

/**
 * A minimal protobuf reader over one buffer: varints, lengths and skipping, with bounds checked so a
 * truncated or hostile message ends in a `corrupt` error naming the byte offset, never a hang.
 * Positions are absolute offsets into `bytes`.
 */
export class ProtobufReader {
  pos: number;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    /** One past the last byte this reader may read. */
    public end = bytes.length,
  ) {
    this.pos = start;
  }

  /** An unsigned varint as a number; exact below 2^53, rounded above (ids, string indices, counts). */
  uint(): number {
    const bytes = this.bytes;
    let pos = this.pos;
    if (pos >= this.end) this.fail('a number');
    let b = bytes[pos++]!;
    if (b < 0x80) {
      this.pos = pos;
      return b;
    }
    let value = b & 0x7f;
    let scale = 0x80;
    for (let i = 1; i < 10; i++) {
      if (pos >= this.end) {
        this.pos = pos;
        this.fail('a number');
      }
      b = bytes[pos++]!;
      value += (b & 0x7f) * scale;
      if (b < 0x80) {
        this.pos = pos;
        return value;
      }
      scale *= 0x80;
    }
    this.pos = pos;
    throw new ProfileError('corrupt', `The file is damaged: a number at byte ${pos} is longer than 10 bytes.`);
  }

  /** A signed int64 varint (two's complement, 10 bytes when negative) as a number. */
  int64(): number {
    const { lo, hi } = this.varint64();
    if (hi & 0x80000000) {
      // negative: -(~value + 1)
      const nlo = (~lo >>> 0) + 1;
      const nhi = ~hi >>> 0;
      return -(nhi * TWO_POW_32 + nlo);
    }
    return hi * TWO_POW_32 + lo;
  }

  /** An unsigned 64-bit varint as lowercase hex without leading zeros (addresses: exact at 64 bits). */
  hex64(): string {
    const { lo, hi } = this.varint64();
    if (hi === 0) return lo.toString(16);
    return hi.toString(16) + lo.toString(16).padStart(8, '0');
  }

  /** A varint split into its low and high 32 bits (both unsigned). */
  varint64(): { lo: number; hi: number } {
    let lo = 0;
    let hi = 0;
    const bytes = this.bytes;
    let pos = this.pos;
    for (let i = 0; i < 10; i++) {
      if (pos >= this.end) {
        this.pos = pos;
        this.fail('a number');
      }
      const b = bytes[pos++]!;
      if (i < 4) lo |= (b & 0x7f) << (7 * i);
      else if (i === 4) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >> 4;
      } else hi |= (b & 0x7f) << (7 * i - 32);
      if (b < 0x80) {
        this.pos = pos;
        return { lo: lo >>> 0, hi: hi >>> 0 };
      }
    }
    this.pos = pos;
    throw new ProfileError('corrupt', `The file is damaged: a number at byte ${pos} is longer than 10 bytes.`);
  }

  /** Reads a length prefix and returns the end offset of the field it announces. */
  lengthEnd(): number {
    const length = this.uint();
    const end = this.pos + length;
    if (end > this.end) {
      throw new ProfileError(
        'corrupt',
        `The file ends early: a field at byte ${this.pos} announces ${length} bytes but only ${this.end - this.pos} remain.`,
      );
    }
    return end;
  }

  /** Skips a field of the given wire type. */
  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.uint();
        return;
      case WIRE_I64:
        this.advance(8);
        return;
      case WIRE_LEN:
        this.pos = this.lengthEnd();
        return;
      case WIRE_I32:
        this.advance(4);
        return;
      default:
        throw new ProfileError(
          'corrupt',
          `Not a valid protobuf: unsupported wire type ${wireType} at byte ${this.pos}.`,
        );
    }
  }

  private advance(count: number): void {
    if (this.pos + count > this.end) this.fail(`${count} bytes`);
    this.pos += count;
  }

  private fail(what: string): never {
    throw new ProfileError('corrupt', `The file ends early: expected ${what} at byte ${this.pos}.`);
  }
}
