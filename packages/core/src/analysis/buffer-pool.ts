/**
 * Recycled memory for the large columns analyses write. Touching fresh memory costs a page fault per
 * 4 KiB page — measured at 3–11 ms per MB on the shared benchmark machine, where the 220 MB of columns
 * of a transformed s1m took longer to page in than to compute. The worker keeps the last view of each
 * profile; when it is replaced, its buffers come here and the next view is written into them.
 *
 * Only the worker uses a pool (`useBufferPool`): there every tree that leaves is a copy or a transfer, so
 * no buffer given back can still be read by anyone. Elsewhere (Node, tests, in-process) arrays are new.
 */
export class BufferPool {
  private free: ArrayBuffer[] = [];
  private freeBytes = 0;

  constructor(
    /** Most bytes kept for reuse; beyond that, given-back buffers are left to the garbage collector. */
    readonly maxBytes: number,
  ) {}

  /** A recycled buffer of at least `byteLength` bytes and at most twice that (contents undefined), or null. */
  take(byteLength: number): ArrayBuffer | null {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const size = this.free[i]!.byteLength;
      if (size >= byteLength && size <= byteLength * 2 && (best < 0 || size < this.free[best]!.byteLength)) best = i;
    }
    if (best < 0) return null;
    const [buffer] = this.free.splice(best, 1);
    this.freeBytes -= buffer!.byteLength;
    return buffer!;
  }

  /** Gives a buffer back (nobody may use it afterwards). Small buffers are not worth keeping. */
  give(buffer: ArrayBufferLike): void {
    if (!(buffer instanceof ArrayBuffer) || buffer.byteLength < MIN_POOLED_BYTES || this.free.includes(buffer)) return;
    this.free.push(buffer);
    this.freeBytes += buffer.byteLength;
    while (this.freeBytes > this.maxBytes && this.free.length > 0) this.freeBytes -= this.free.shift()!.byteLength;
  }

  /** Bytes waiting for reuse. */
  get bytes(): number {
    return this.freeBytes;
  }
}

/**
 * Below 32 KiB, fresh memory is cheap enough. Not much above: a preview's writer starts with ten arrays
 * of 64 k frames (0.1–0.5 MB each), and at 3–11 ms per MB fresh they cost 10–30 ms per tree written.
 */
const MIN_POOLED_BYTES = 1 << 15;

let active: BufferPool | null = null;

/** Makes analyses take their large arrays from `pool` (null: plain new arrays). */
export function useBufferPool(pool: BufferPool | null): void {
  active = pool;
}

/** Tests: arrays asked for without zeroing are filled with this byte instead (see `poisonUnzeroed`). */
let poison: number | null = null;

/**
 * Tests only: fill every array `newArray` returns without zeroing, of any size, with `byte` (null: off),
 * as recycled memory may hold anything. An analysis that reads such an array before writing it then
 * gives wrong results in tests, instead of right ones by the luck of fresh, zeroed memory.
 */
export function poisonUnzeroed(byte: number | null): void {
  poison = byte;
}

type Ctor<T> = { new (buffer: ArrayBuffer, offset: number, length: number): T; new (length: number): T; readonly BYTES_PER_ELEMENT: number };

/**
 * A typed array of `length` elements, on recycled memory when a pool is in use: zero-filled, or with
 * undefined contents when `zero` is false (for arrays the caller writes in full before reading).
 */
export function newArray<T extends { fill(value: number): T }>(type: Ctor<T>, length: number, zero = true): T {
  const bytes = length * type.BYTES_PER_ELEMENT;
  if (poison !== null && !zero) {
    const array = new type(length);
    new Uint8Array((array as unknown as ArrayBufferView).buffer).fill(poison);
    return array;
  }
  const recycled = active && bytes >= MIN_POOLED_BYTES ? active.take(bytes) : null;
  // New memory is zero already, and untouched until written: filling it would page all of it in (a
  // writer's columns are sized for the largest output, most of it often never written).
  if (!recycled) return new type(length);
  const array = new type(recycled, 0, length);
  return zero ? array.fill(0) : array;
}

/** Gives the buffers of arrays no longer needed back to the pool in use (no-op without one). */
export function recycle(...arrays: readonly (ArrayBufferView | null | undefined)[]): void {
  for (const a of arrays) if (a) recycleBuffer(a.buffer);
}

/** Gives a buffer no longer needed back to the pool in use (no-op without one). */
export function recycleBuffer(buffer: ArrayBufferLike): void {
  active?.give(buffer);
}
