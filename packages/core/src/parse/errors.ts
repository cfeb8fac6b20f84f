/**
 * Why an input could not be read. Importers throw `ProfileError`; the public entry points turn it into a
 * `{ ok: false, error }` value with a sentence a person understands.
 */
export type ProfileErrorKind =
  /** Not a format we read (an image, a zip, legacy pprof, JSON of another kind, …). */
  | 'unsupported-format'
  /** The right format, but broken: truncated, bad lengths, bad ids. */
  | 'corrupt'
  /** Over a limit (decompressed size, frame count, line length) that the caller can raise. */
  | 'too-large'
  /** Nothing to show: an empty file or no stacks. */
  | 'empty'
  /** Two readable profiles that cannot be compared (no sample type in common, a wrong kind of file for a diff). */
  | 'incompatible'
  /** The caller cancelled the parse. */
  | 'cancelled'
  /** A failure outside the input (the worker died, out of memory). */
  | 'internal';

/** A typed failure carrying the sentence the UI shows. */
export interface ProfileErrorInfo {
  readonly kind: ProfileErrorKind;
  readonly message: string;
}

/** Thrown inside importers; caught at the public edge and returned as a value. */
export class ProfileError extends Error implements ProfileErrorInfo {
  constructor(
    readonly kind: ProfileErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ProfileError';
  }
}

/** Turns anything thrown into a ProfileErrorInfo (RangeError from a huge allocation reads as too-large). */
export function toErrorInfo(error: unknown): ProfileErrorInfo {
  if (error instanceof ProfileError) return { kind: error.kind, message: error.message };
  if (error instanceof DOMException && error.name === 'AbortError') {
    return { kind: 'cancelled', message: 'Parsing was cancelled.' };
  }
  if (error instanceof RangeError && /allocation|Array buffer|Invalid typed array length|Invalid array length/i.test(error.message)) {
    return { kind: 'too-large', message: `The profile is too large to hold in memory here (${error.message}).` };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'internal', message: `Unexpected failure while reading the profile: ${message}` };
}
