import { fetchProfile, nameOfUrl } from './fetch-profile.ts';
import type { SourceRef } from './use-workspace.ts';

/** A picked or dropped file (a Blob: reading it again for a diff costs nothing but the read). */
export function fileRef(file: File): SourceRef {
  return { name: file.name || 'unnamed file', open: async () => ({ source: file }) };
}

/** A profile at a URL, downloaded and parsed as it streams in. */
export function urlRef(url: string): SourceRef {
  return {
    name: nameOfUrl(url),
    open: async (signal) => {
      const fetched = await fetchProfile(url, signal);
      return { source: fetched.stream, ...(fetched.size ? { sizeHint: fetched.size } : {}) };
    },
  };
}

/** Text pasted into the page (folded stacks, usually). */
export function textRef(text: string, name = 'pasted text'): SourceRef {
  const blob = new Blob([text], { type: 'text/plain' });
  return { name, open: async () => ({ source: blob }) };
}

/** A profile shipped with the app (same origin, works offline once loaded). */
export function bundledRef(url: string, name: string): SourceRef {
  return {
    name,
    open: async (signal) => {
      const response = await fetch(url, { signal });
      if (!response.ok) throw new Error(`The example could not be loaded (${response.status}).`);
      return { source: await response.arrayBuffer() };
    },
  };
}
