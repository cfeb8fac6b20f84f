import { isGzip } from './gunzip.ts';
import { detectBom, type TextEncodingName } from './text-source.ts';

/** What the first bytes of an input say it is. */
export type SniffResult =
  | { readonly kind: 'empty' }
  | { readonly kind: 'gzip' }
  | { readonly kind: 'pprof' }
  | { readonly kind: 'text'; readonly encoding: TextEncodingName; readonly bomLength: number }
  | { readonly kind: 'json'; readonly flavour: JsonFlavour }
  | { readonly kind: 'unsupported'; readonly what: string; readonly hint?: string };

/** JSON profile formats we can name (not all of them are read yet). */
export type JsonFlavour = 'nestedset' | 'flamebearer' | 'speedscope' | 'cpuprofile' | 'd3json' | 'chrome-trace' | 'unknown';

/** How many leading bytes sniffing looks at. */
export const SNIFF_BYTES = 4096;

const MAGIC: readonly { bytes: readonly number[]; what: string; hint?: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive', hint: 'Unzip it and open the profile inside.' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'zstd-compressed data', hint: 'Decompress it (zstd -d) or re-save it gzipped.' },
  { bytes: [0x42, 0x5a, 0x68], what: 'bzip2-compressed data', hint: 'Decompress it (bunzip2) first.' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'xz-compressed data', hint: 'Decompress it (xz -d) first.' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'an executable (ELF) file', hint: 'Open the profile the program wrote, not the program.' },
  { bytes: [0x50, 0x45, 0x52, 0x46, 0x49, 0x4c, 0x45, 0x32], what: 'a raw perf.data recording', hint: 'Fold it first: perf script | stackcollapse-perf.pl (or inferno-collapse-perf), or convert it to pprof.' },
  { bytes: [0x46, 0x4c, 0x52, 0x00], what: 'a JFR recording', hint: 'Convert it to pprof or collapsed stacks first (for example with async-profiler\'s jfrconv).' },
];

const LEGACY_TEXT_PPROF = /^(--- (contention|symbol|heapz|heap|threadz|goroutine)|heap profile:|heap_v2\/|goroutine profile:|threadcreation profile:|contention profile:|mutex profile:|block profile:)/;
const LEGACY_HINT = 'Legacy (pre-protobuf) pprof files are not read; re-save it as protobuf with `go tool pprof -proto FILE > profile.pb.gz`.';

/** Classifies an input from its first bytes (never from its name). */
export function sniff(head: Uint8Array): SniffResult {
  if (head.length === 0) return { kind: 'empty' };
  if (isGzip(head)) return { kind: 'gzip' };
  for (const m of MAGIC) {
    if (m.bytes.every((b, i) => head[i] === b)) return { kind: 'unsupported', what: m.what, ...(m.hint ? { hint: m.hint } : {}) };
  }
  if (head.length >= 8 && head.subarray(0, 8).every((b) => b === 0)) {
    return { kind: 'unsupported', what: 'a legacy binary pprof CPU profile', hint: LEGACY_HINT };
  }
  const bom = detectBom(head);
  if (bom.bomLength > 0 || looksLikeText(head)) {
    const text = decodeHead(head, bom.encoding, bom.bomLength).trimStart();
    if (/^(\{\s*("|\})|\[\s*(\{|\[|"|-?\d|\]|true|false|null))/.test(text)) return { kind: 'json', flavour: jsonFlavour(text) };
    if (LEGACY_TEXT_PPROF.test(text)) return { kind: 'unsupported', what: 'a legacy text pprof profile', hint: LEGACY_HINT };
    if (/^\S+\s+\d+\s+(\[\d+\]\s+)?[\d.]+:\s+\d*\s*\S+:/m.test(text.slice(0, 2000)) && /^\s+[0-9a-f]+ /m.test(text)) {
      return {
        kind: 'unsupported',
        what: 'perf script output (unfolded stacks)',
        hint: 'Fold it first: perf script | stackcollapse-perf.pl (or inferno-collapse-perf).',
      };
    }
    return { kind: 'text', encoding: bom.encoding, bomLength: bom.bomLength };
  }
  if (looksLikeProtobuf(head)) return { kind: 'pprof' };
  return { kind: 'unsupported', what: 'binary data that is not a known profile format' };
}

/** Text: no NUL or other control bytes but tab, CR, LF, FF (UTF-8 multi-byte sequences allowed). */
function looksLikeText(head: Uint8Array): boolean {
  const n = Math.min(head.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
    else if (b === 0x7f) control++;
  }
  return control === 0;
}

/** The first field of a pprof Profile is a known field number with the right wire type. */
function looksLikeProtobuf(head: Uint8Array): boolean {
  const tag = head[0]!;
  const field = tag >> 3;
  const wire = tag & 7;
  const lengthDelimited = [1, 2, 3, 4, 5, 6, 11, 13];
  const varint = [7, 8, 9, 10, 12, 13, 14];
  return (wire === 2 && lengthDelimited.includes(field)) || (wire === 0 && varint.includes(field));
}

function decodeHead(head: Uint8Array, encoding: TextEncodingName, bomLength: number): string {
  return new TextDecoder(encoding).decode(head.subarray(bomLength, SNIFF_BYTES)).replace(/^\uFEFF/, '');
}

function jsonFlavour(text: string): JsonFlavour {
  if (/"flamebearer"\s*:/.test(text) || (/"names"\s*:/.test(text) && /"levels"\s*:/.test(text))) return 'flamebearer';
  if (/speedscope/.test(text)) return 'speedscope';
  if (/"fields"\s*:/.test(text) && /"level"/.test(text)) return 'nestedset';
  if (/"callFrame"\s*:/.test(text) || (/"nodes"\s*:/.test(text) && /"timeDeltas"/.test(text))) return 'cpuprofile';
  if (/"traceEvents"\s*:/.test(text)) return 'chrome-trace';
  if (/"children"\s*:/.test(text) && /"value"\s*:/.test(text) && /"name"\s*:/.test(text)) return 'd3json';
  return 'unknown';
}

/** Human name of a JSON flavour, for messages. */
export function describeJson(flavour: JsonFlavour): string {
  switch (flavour) {
    case 'nestedset':
      return 'a Grafana flame graph data frame (nested set) as JSON';
    case 'flamebearer':
      return 'a Pyroscope flamebearer JSON profile';
    case 'speedscope':
      return 'a speedscope JSON profile';
    case 'cpuprofile':
      return 'a Chrome/V8 .cpuprofile';
    case 'd3json':
      return 'a d3-flame-graph JSON tree';
    case 'chrome-trace':
      return 'a Chrome trace (traceEvents)';
    default:
      return 'JSON that is not a profile format we know';
  }
}
