import { foldChunks, foldDiffChunks, isDiffTree, type FrameTree } from '@flamelens/core';

/** Saves a Blob as a file download (an object URL on a temporary link; no data leaves the page). */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The canvas inside `container` as a PNG, at its device resolution (what is on screen). */
export function canvasPng(container: HTMLElement): Promise<Blob> {
  const canvas = container.querySelector('canvas');
  if (!canvas) return Promise.reject(new Error('There is no flame graph on screen to export.'));
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the image.'))), 'image/png'),
  );
}

/**
 * The profile as folded text, built in pieces (a 1M-stack profile is ~200 MB of text; never one string).
 * A diff is written in the 3-column form `stack before after`.
 */
export async function foldedBlob(tree: FrameTree): Promise<Blob> {
  const pieces: string[] = [];
  const chunks = isDiffTree(tree) ? foldDiffChunks(tree) : foldChunks(tree);
  for (const piece of chunks) pieces.push(piece);
  return new Blob(pieces, { type: 'text/plain;charset=utf-8' });
}

/** A file name from the profile's name: "profile.pb.gz" → "profile.folded.txt". */
export function exportName(sourceName: string, extension: string): string {
  const base = sourceName.replace(/^example: /, '').replace(/\.(pb\.gz|pb|pprof|gz|txt|folded|collapsed)$/i, '');
  const safe = base.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'profile';
  return `${safe}.${extension}`;
}
