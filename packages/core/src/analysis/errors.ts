/**
 * Why an analysis (transform, sandwich, view) could not be done. Like parse errors, they reach the UI as
 * values (`{ ok: false, error }`) carrying a sentence a person understands.
 */
export type AnalysisErrorKind =
  /** A transform that cannot be applied: bad regex, unknown preset, malformed URL text. */
  | 'invalid-transform'
  /** The worker no longer holds the profile (restarted or evicted) and the page could not send it again. */
  | 'unknown-profile'
  /** The result would pass the frame limit. */
  | 'too-large'
  /** The request was superseded or cancelled. */
  | 'cancelled'
  /** A failure outside the input (the worker died or hung). */
  | 'internal';

/** A typed analysis failure. */
export interface AnalysisErrorInfo {
  readonly kind: AnalysisErrorKind;
  readonly message: string;
}

/** Thrown inside analysis code; turned into a value at the public edge (`toAnalysisError`). */
export class AnalysisError extends Error implements AnalysisErrorInfo {
  constructor(
    readonly kind: AnalysisErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'AnalysisError';
  }
}

/** Anything thrown, as an AnalysisErrorInfo (a ProfileError `too-large` keeps its kind and sentence). */
export function toAnalysisError(error: unknown): AnalysisErrorInfo {
  if (error instanceof AnalysisError) return { kind: error.kind, message: error.message };
  const kind = (error as { kind?: unknown } | null)?.kind;
  const message = error instanceof Error ? error.message : String(error);
  if (kind === 'too-large') return { kind: 'too-large', message };
  if (error instanceof RangeError && /allocation|Array buffer|Invalid typed array length/i.test(message)) {
    return { kind: 'too-large', message: `The view is too large to hold in memory here (${message}).` };
  }
  return { kind: 'internal', message: `Unexpected failure in the analysis: ${message}` };
}
