import { formatBytes, type ChunkSource } from './chunks.ts';
import { ProfileError } from './errors.ts';

/** Default cap on decompressed size: a 25 MB pprof.gz inflates to ~150 MB; 2 GiB leaves room, stops bombs. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 2 * 1024 ** 3;

/** True when the bytes start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Inflates a gzip ChunkSource with the platform's DecompressionStream (Node 18+, every current browser,
 * workers included), chunk by chunk, and stops with a `too-large` error once the output passes `maxBytes`
 * — a few kB that inflate to gigabytes end there, bounded in memory.
 */
export function gunzipSource(compressed: ChunkSource, maxBytes: number): ChunkSource {
  const stream = new DecompressionStream('gzip');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let produced = 0;
  let finished = false;
  // Feed the compressed chunks in the background; errors surface on the reading side.
  const pump = (async () => {
    try {
      for (let chunk = await compressed.next(); chunk && !finished; chunk = await compressed.next()) {
        // the decompressor may read the chunk later: a reused ring buffer must be copied
        await writer.write((compressed.reusesBuffers ? chunk.slice() : chunk) as Uint8Array<ArrayBuffer>);
      }
      if (!finished) await writer.close();
    } catch {
      // The reader reports the failure (or we stopped on purpose).
    }
  })();
  const stop = async () => {
    finished = true;
    await Promise.allSettled([reader.cancel(), writer.abort(), compressed.cancel()]);
    await pump;
  };
  return {
    async next() {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (error) {
        await stop();
        throw new ProfileError(
          'corrupt',
          `The gzip data is damaged or cut short after ${formatBytes(produced)} of output (${describe(error)}).`,
        );
      }
      if (result.done) {
        finished = true;
        return null;
      }
      produced += result.value.length;
      if (produced > maxBytes) {
        await stop();
        throw new ProfileError(
          'too-large',
          `The file inflates to more than ${formatBytes(maxBytes)} (the decompression limit); raise the limit to open it.`,
        );
      }
      return result.value;
    },
    cancel: stop,
  };
}

/**
 * The decompressor's reason, without the browser's API prefix ("Failed to execute 'close' on
 * 'WritableStreamDefaultWriter': ") or a final period (the sentence around it has its own).
 */
export function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Failed to execute '[^']*' on '[^']*': /, '').replace(/\.$/, '');
}
