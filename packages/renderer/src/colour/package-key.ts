/**
 * The module/package part of a frame name, read straight from the name's UTF-8 bytes (no string is made),
 * and a hash of it. Frames of one package share a colour, and the same package gets the same colour in
 * every profile (the hash depends on the bytes only).
 *
 *   encoding/json.(*decodeState).object   → encoding/json        (Go: path, then up to the first '.')
 *   runtime.mallocgc                      → runtime
 *   org.apache.kafka.Producer.send        → org.apache.kafka     (Java: drop class and method)
 *   java/util/HashMap.get                 → java/util/HashMap    (JVM-style slashes: like Go)
 *   std::io::Write::write_all             → std::io::Write       (Rust/C++: up to the last '::')
 *   /usr/lib/python3/json/decoder.py:raw_decode → /usr/lib/python3/json/decoder
 *   malloc                                → malloc               (no separator: the name itself)
 */

/** Only the first bytes decide: names can be kilobytes long (C++ templates); packages are near the start. */
const SCAN_LIMIT = 256;

const SLASH = 0x2f;
const DOT = 0x2e;
const COLON = 0x3a;
const OPEN_PAREN = 0x28;
const LESS_THAN = 0x3c;
const SPACE = 0x20;

/** End (exclusive, absolute) of the package part of the name in `bytes[start, end)`. */
export function packageEnd(bytes: Uint8Array, start: number, end: number): number {
  const limit = Math.min(end, start + SCAN_LIMIT);
  let lastSlash = -1;
  let lastDoubleColon = -1;
  let stop = limit;
  for (let i = start; i < limit; i++) {
    const c = bytes[i]!;
    // Arguments and generics end the scan, except Go's "pkg.(*T)" where '(' follows a dot.
    if ((c === OPEN_PAREN && (i === start || bytes[i - 1] !== DOT)) || c === LESS_THAN || c === SPACE) {
      stop = i;
      break;
    }
    if (c === SLASH) lastSlash = i;
    else if (c === COLON && i + 1 < limit && bytes[i + 1] === COLON) {
      lastDoubleColon = i;
      i++;
    }
  }
  if (lastDoubleColon > start) return lastDoubleColon;
  if (lastSlash >= start) {
    for (let i = lastSlash + 1; i < stop; i++) if (bytes[i] === DOT || bytes[i] === COLON) return i;
    return stop;
  }
  return dottedPackageEnd(bytes, start, stop);
}

/** Dotted names: Go (`runtime.x`, `runtime.(*T).m`) keep the first segment, Java drops class and method. */
function dottedPackageEnd(bytes: Uint8Array, start: number, stop: number): number {
  let dots = 0;
  let firstDot = -1;
  let lastDot = -1;
  let secondLastDot = -1;
  for (let i = start; i < stop; i++) {
    if (bytes[i] !== DOT) continue;
    dots++;
    if (firstDot < 0) firstDot = i;
    secondLastDot = lastDot;
    lastDot = i;
  }
  if (dots === 0) return stop;
  const goStyle = bytes[firstDot + 1] === OPEN_PAREN || dots <= 2;
  return goStyle ? firstDot : secondLastDot;
}

/** FNV-1a (32-bit) of `bytes[start, end)`: cheap, stable across runs and profiles. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The package part of a JS string (tests, tooltips): same rules as `packageEnd`. */
export function packageOf(name: string): string {
  const bytes = new TextEncoder().encode(name);
  return new TextDecoder().decode(bytes.subarray(0, packageEnd(bytes, 0, bytes.length)));
}
