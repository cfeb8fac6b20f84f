import type { FrameTree } from '../model/frame-tree.ts';
import { chunkSource, PeekableSource, readAll, type ChunkSource, type ProfileSource } from './chunks.ts';
import { ProfileError, toErrorInfo, type ProfileErrorInfo } from './errors.ts';
import { DEFAULT_MAX_DECOMPRESSED_BYTES, gunzipSource } from './gunzip.ts';
import { importCollapsed } from './import-collapsed.ts';
import { importNestedSet } from './import-nested-set.ts';
import { importPprof } from './import-pprof.ts';
import { nestedSetFromJson } from './nested-set-frame.ts';
import { Pacer, type ParseControl } from './progress.ts';
import { describeJson, sniff, SNIFF_BYTES } from './sniff.ts';
import { skipBytes, utf16ToUtf8 } from './text-source.ts';

/** Limits and hooks for `importProfile`; every limit has a default a user can raise. */
export interface ImportOptions extends ParseControl {
  /** Refuse gzip input that inflates past this many bytes (default 2 GiB). */
  readonly maxDecompressedBytes?: number;
  /** Refuse trees with more frames than this (default 16 million). */
  readonly maxFrames?: number;
  /** Refuse folded lines longer than this (default 64 MiB). */
  readonly maxLineBytes?: number;
  /**
   * A synchronous gunzip for buffer input (the CLI passes Node's zlib, ~4× faster than DecompressionStream
   * there). It must throw when the output would pass `maxBytes`.
   */
  readonly gunzip?: (compressed: Uint8Array, maxBytes: number) => Uint8Array;
  /** Size of a stream source in bytes, when the caller knows it (progress, table sizing). */
  readonly sizeHint?: number;
}

/** A parse either gives a tree or says, as a value, why it could not. */
export type ImportResult = { readonly ok: true; readonly tree: FrameTree } | { readonly ok: false; readonly error: ProfileErrorInfo };

/** Formats `importProfile` reads today. */
export const SUPPORTED_FORMATS =
  'pprof (protobuf, gzipped or not), folded stacks ("a;b;c 12") and Grafana flame graph data frames (nested-set JSON)';

/**
 * Reads a profile of any supported format from bytes, a Blob/File or a stream. The format is sniffed
 * from the content (gzip magic, protobuf shape, text), never from a file name. Never throws: failures come
 * back as `{ ok: false, error }` with a sentence for the user.
 */
export async function importProfile(source: ProfileSource, options: ImportOptions = {}): Promise<ImportResult> {
  const pacer = new Pacer(options);
  pacer.totalBytes = sourceSize(source) ?? options.sizeHint;
  const control = { ...options, pacer };
  let input: ChunkSource | null = null;
  try {
    pacer.throwIfCancelled();
    if (options.gunzip && source instanceof ArrayBuffer) source = new Uint8Array(source);
    if (options.gunzip && source instanceof Uint8Array && source[0] === 0x1f && source[1] === 0x8b) {
      pacer.phase = 'decompressing';
      source = gunzipWith(options.gunzip, source, options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES);
      pacer.totalBytes = undefined;
    }
    input = chunkSource(source, (n) => {
      pacer.bytesRead += n;
      pacer.maybeReport();
    });
    const tree = await importFromChunks(new PeekableSource(input), control);
    return { ok: true, tree };
  } catch (error) {
    await input?.cancel().catch(() => undefined);
    return { ok: false, error: toErrorInfo(error) };
  }
}

async function importFromChunks(source: PeekableSource, options: ImportOptions & { pacer: Pacer }): Promise<FrameTree> {
  const maxDecompressed = options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  let head = await source.peek(SNIFF_BYTES);
  let kind = sniff(head);
  let input: PeekableSource = source;
  if (kind.kind === 'gzip') {
    options.pacer.phase = 'decompressing';
    input = new PeekableSource(gunzipSource(source, maxDecompressed));
    head = await input.peek(SNIFF_BYTES);
    kind = sniff(head);
    if (kind.kind === 'gzip') throw new ProfileError('unsupported-format', 'The file is gzipped twice; gunzip it once and open the result.');
  }
  switch (kind.kind) {
    case 'empty':
      throw new ProfileError('empty', 'The file is empty.');
    case 'pprof': {
      const bytes = await readAll(input, maxDecompressed, 'profile');
      return importPprof(bytes, options);
    }
    case 'text': {
      let text: ChunkSource = input;
      if (kind.encoding === 'utf-8') text = skipBytes(input, kind.bomLength);
      else text = utf16ToUtf8(input, kind.encoding);
      const textBytes = kind.encoding === 'utf-8' && input === source ? options.pacer.totalBytes : undefined;
      const tree = await importCollapsed(text, { ...options, ...(textBytes ? { textBytes } : {}) });
      if (tree.info.samples === 0) throw new ProfileError('empty', 'The file has no stacks: it is empty or holds only comments.');
      return tree;
    }
    case 'json':
      if (kind.flavour === 'nestedset') {
        const bytes = await readAll(input, maxDecompressed, 'profile');
        options.pacer.phase = 'parsing';
        return importNestedSet(nestedSetFromJson(new TextDecoder().decode(bytes)), options);
      }
      throw new ProfileError(
        'unsupported-format',
        `This is ${describeJson(kind.flavour)}, which Flamelens does not read yet. Supported: ${SUPPORTED_FORMATS}.`,
      );
    case 'unsupported':
      throw new ProfileError(
        'unsupported-format',
        `This looks like ${kind.what}, not a profile Flamelens reads.${kind.hint ? ' ' + kind.hint : ''} Supported: ${SUPPORTED_FORMATS}.`,
      );
  }
}

function gunzipWith(gunzip: NonNullable<ImportOptions['gunzip']>, bytes: Uint8Array, maxBytes: number): Uint8Array {
  try {
    return gunzip(bytes, maxBytes);
  } catch (error) {
    if (error instanceof ProfileError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/buffer|larger|exceed|maxOutputLength/i.test(message)) {
      throw new ProfileError('too-large', `The file inflates to more than the decompression limit; raise the limit to open it.`);
    }
    throw new ProfileError('corrupt', `The gzip data is damaged or cut short (${message}).`);
  }
}

function sourceSize(source: ProfileSource): number | undefined {
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) return source.byteLength;
  if (typeof Blob !== 'undefined' && source instanceof Blob) return source.size;
  return undefined;
}
