import type { ChunkSource } from './chunks.ts';

/** Text encodings recognised from a byte-order mark. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The encoding announced by a byte-order mark, and the mark's length (0 when there is none). */
export function detectBom(head: Uint8Array): { encoding: TextEncodingName; bomLength: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: 'utf-8', bomLength: 0 };
}

/** Drops the first `count` bytes of a source (a byte-order mark). */
export function skipBytes(source: ChunkSource, count: number): ChunkSource {
  let left = count;
  return {
    reusesBuffers: !!source.reusesBuffers,
    async next() {
      for (;;) {
        const chunk = await source.next();
        if (!chunk || left === 0) return chunk;
        if (chunk.length <= left) {
          left -= chunk.length;
          continue;
        }
        const rest = chunk.subarray(left);
        left = 0;
        return rest;
      }
    },
    cancel: () => source.cancel(),
  };
}

/**
 * Re-encodes UTF-16 text as UTF-8 chunk by chunk (a streaming TextDecoder keeps pairs split across chunks
 * intact), so the folded parser only ever sees UTF-8 bytes.
 */
export function utf16ToUtf8(source: ChunkSource, encoding: 'utf-16le' | 'utf-16be'): ChunkSource {
  const decoder = new TextDecoder(encoding, { ignoreBOM: false });
  const encoder = new TextEncoder();
  let done = false;
  return {
    async next() {
      while (!done) {
        const chunk = await source.next();
        if (!chunk) {
          done = true;
          const tail = decoder.decode();
          return tail ? encoder.encode(tail) : null;
        }
        const text = decoder.decode(chunk, { stream: true });
        if (text) return encoder.encode(text);
      }
      return null;
    },
    cancel: () => source.cancel(),
  };
}
