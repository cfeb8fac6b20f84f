import type { ProfileErrorInfo } from '@flamelens/core';
import { FetchError } from './fetch-profile.ts';

/** Any failure outside the parser (a download, a file the browser could not read) as a banner message. */
export function describeFailure(error: unknown): ProfileErrorInfo {
  if (error instanceof FetchError) return { kind: 'internal', message: error.message };
  if (error instanceof DOMException && error.name === 'NotReadableError') {
    return { kind: 'internal', message: 'The browser could not read the file (it was moved, deleted, or access was denied).' };
  }
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/** A line of advice under the message, for the failures a user can do something about. */
export function adviceFor(error: ProfileErrorInfo): string | null {
  switch (error.kind) {
    case 'unsupported-format':
      return 'Flamelens reads pprof (protobuf, gzipped or not) and folded stacks ("a;b;c 12" per line).';
    case 'too-large':
      return 'The limits protect the page from files that would exhaust its memory; the CLI can raise them (--max-frames, --max-decompressed).';
    case 'corrupt':
      return 'The file may be truncated (an interrupted download or copy): fetch it again.';
    case 'incompatible':
      return 'Compare two profiles of the same kind (for example two CPU profiles).';
    default:
      return null;
  }
}
