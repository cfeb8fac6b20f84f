/** A number as plain digits: integers without exponent or separators, decimals as short as exact. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
  return String(value);
}

/** Time units pprof writes, in nanoseconds. */
const TIME_UNITS: Record<string, number> = {
  nanoseconds: 1,
  nanosecond: 1,
  ns: 1,
  microseconds: 1e3,
  microsecond: 1e3,
  us: 1e3,
  milliseconds: 1e6,
  millisecond: 1e6,
  ms: 1e6,
  seconds: 1e9,
  second: 1e9,
  s: 1e9,
};

/** Nanoseconds in one `unit` when it is a time unit pprof writes, else undefined. */
export function nanosPerUnit(unit: string): number | undefined {
  return TIME_UNITS[unit.toLowerCase()];
}

/** What kind of quantity a pprof unit string measures. */
export function unitKind(unit: string): 'time' | 'bytes' | 'count' {
  const u = unit.toLowerCase();
  if (u in TIME_UNITS) return 'time';
  if (u === 'bytes' || u === 'byte') return 'bytes';
  return 'count';
}

/**
 * A value with a readable unit: ns → µs/ms/s/min, bytes → KiB/MiB/GiB, counts with thousands separators
 * (and k/M/G for large ones when `compact`). Three significant digits for scaled values.
 */
export function formatValue(value: number, unit: string, options: { compact?: boolean } = {}): string {
  const kind = unitKind(unit);
  if (kind === 'time') return formatDuration(value * TIME_UNITS[unit.toLowerCase()]!);
  if (kind === 'bytes') return formatByteSize(value);
  if (options.compact && Math.abs(value) >= 1e4) return scaled(value, 1000, ['', 'k', 'M', 'G', 'T', 'P']);
  return Number.isInteger(value) ? value.toLocaleString('en-US') : Number(value.toPrecision(6)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

function formatDuration(nanos: number): string {
  const abs = Math.abs(nanos);
  if (abs < 1e3) return `${trim(nanos)} ns`;
  if (abs < 1e6) return `${trim(nanos / 1e3)} µs`;
  if (abs < 1e9) return `${trim(nanos / 1e6)} ms`;
  if (abs < 60e9) return `${trim(nanos / 1e9)} s`;
  if (abs < 3600e9) return `${trim(nanos / 60e9)} min`;
  return `${trim(nanos / 3600e9)} h`;
}

function formatByteSize(bytes: number): string {
  if (Math.abs(bytes) < 1024) return `${trim(bytes)} B`;
  return scaled(bytes, 1024, ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'], ' ');
}

function scaled(value: number, base: number, units: readonly string[], space = ''): string {
  let v = value;
  let i = 0;
  while (Math.abs(v) >= base && i < units.length - 1) {
    v /= base;
    i++;
  }
  return `${trim(v)}${space}${units[i]}`;
}

/** Three significant digits, no trailing zeros (1.50 → 1.5, 123.4 → 123). */
function trim(value: number): string {
  return String(Number(value.toPrecision(3)));
}

/** A share as a percentage with sensible precision (12.4%, 0.031%, 100%). */
export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return '–';
  const pct = (part / whole) * 100;
  const abs = Math.abs(pct);
  const digits = abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return `${Number(pct.toFixed(digits))}%`;
}
