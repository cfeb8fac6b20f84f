/**
 * Calls `onChange(dpr)` whenever the device pixel ratio changes (browser zoom, a window moved to another
 * screen): a `matchMedia` query for the current ratio fires once when it stops matching, and is then
 * replaced by a query for the new one. Returns the stop function.
 */
export function watchDevicePixelRatio(onChange: (dpr: number) => void): () => void {
  if (typeof window === 'undefined' || !window.matchMedia) return () => undefined;
  let query: MediaQueryList | null = null;
  const listen = () => {
    query?.removeEventListener('change', changed);
    query = window.matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
    query.addEventListener('change', changed);
  };
  function changed() {
    listen();
    onChange(window.devicePixelRatio);
  }
  listen();
  return () => query?.removeEventListener('change', changed);
}
