/** A profile fetched from a URL: its body as a stream (parsed as it downloads) and its size if known. */
export interface FetchedProfile {
  readonly stream: ReadableStream<Uint8Array>;
  /** Bytes to expect, when the server says and the body is not re-encoded on the way. */
  readonly size?: number;
  /** The file name part of the URL, for the page. */
  readonly name: string;
}

/** Thrown with a sentence the banner shows. */
export class FetchError extends Error {
  override name = 'FetchError';
}

/** The last path segment of a URL ("profile.pb.gz"), or its host when the path is empty. */
export function nameOfUrl(url: string): string {
  try {
    const u = new URL(url);
    const last = decodeURIComponent(u.pathname.split('/').filter(Boolean).pop() ?? '');
    return last || u.host;
  } catch {
    return url;
  }
}

/**
 * Starts downloading a profile. Rejects with a FetchError that says what went wrong: the server's
 * status, or a network/CORS failure (the browser hides which, so the message names both).
 */
export async function fetchProfile(url: string, signal?: AbortSignal): Promise<FetchedProfile> {
  let response: Response;
  try {
    response = await fetch(url, { signal, credentials: 'omit' });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new FetchError(
      `Could not download ${url}: the network request failed (offline, blocked, or the server does not allow cross-origin requests).`,
    );
  }
  if (!response.ok) {
    throw new FetchError(`Could not download ${url}: the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`);
  }
  if (!response.body) throw new FetchError(`Could not download ${url}: the response has no body.`);
  const length = Number(response.headers.get('content-length'));
  const encoded = !!response.headers.get('content-encoding');
  return {
    stream: response.body,
    name: nameOfUrl(url),
    ...(length > 0 && !encoded ? { size: length } : {}),
  };
}
