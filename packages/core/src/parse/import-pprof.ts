import type { DroppedInput, FrameTree, NameExtras } from '../model/frame-tree.ts';
import { FrameTreeBuilder } from '../model/frame-tree-builder.ts';
import { StringTable } from '../model/string-table.ts';
import { ProfileError } from './errors.ts';
import { Pacer, type ParseControl } from './progress.ts';
import { ProtobufReader, WIRE_LEN, WIRE_VARINT } from './protobuf-reader.ts';
import { GrowableUint32 } from './growable.ts';

export interface PprofImportOptions extends ParseControl {
  readonly maxFrames?: number;
}

/** Name of a frame whose function is unknown (the corpus README's rule). */
const UNKNOWN_FUNCTION = '??';

/**
 * Reads a pprof profile (uncompressed protobuf bytes) into a FrameTree with every sample type.
 *
 * A fast single-purpose decoder, checked against `pprof-format` in the tests: it reads fields in any order,
 * never makes an object per sample or a string per string-table entry (names are interned from their
 * bytes), and turns malformed ids into counted `dropped` entries instead of a crash.
 *
 * Frames: `Sample.location_id[0]` is the leaf; a Location with k Lines is k frames, innermost first;
 * frame name = Function.name, else Function.system_name, else "??"; a Location without lines is named
 * by its address (`0x` + lowercase hex).
 */
export async function importPprof(bytes: Uint8Array, options: PprofImportOptions = {}): Promise<FrameTree> {
  const pacer = Pacer.of(options);
  pacer.phase = 'parsing';
  const p = scanProfile(bytes);
  pacer.totalStacks = p.sampleRanges.length / 2;
  const dropped = new Map<string, number>();
  const drop = (reason: string, count = 1) => dropped.set(reason, (dropped.get(reason) ?? 0) + count);

  const sampleTypes = p.sampleTypes.map(([type, unit]) => ({ type: p.string(type), unit: p.string(unit) }));
  if (sampleTypes.length === 0) sampleTypes.push({ type: 'samples', unit: 'count' });
  const builder = new FrameTreeBuilder({
    sampleTypes,
    expectedFrames: expectedFrames(p),
    ...(options.maxFrames ? { maxFrames: options.maxFrames } : {}),
  });

  const locations = new LocationFrames(p, builder, drop);
  await addSamples(p, builder, locations, pacer, drop);

  pacer.throwIfCancelled();
  pacer.phase = 'building';
  pacer.report();
  const defaultName = p.defaultSampleType ? p.string(p.defaultSampleType) : '';
  const byDefault = defaultName ? sampleTypes.findIndex((t) => t.type === defaultName) : -1;
  const period = p.periodType
    ? { value: p.period, type: p.string(p.periodType[0]), unit: p.string(p.periodType[1]) }
    : undefined;
  return builder.build({
    format: 'pprof',
    defaultSampleTypeIndex: byDefault >= 0 ? byDefault : sampleTypes.length - 1,
    samples: p.sampleRanges.length / 2,
    dropped: [...dropped].map(([reason, count]): DroppedInput => ({ reason, count })),
    extras: buildExtras(p, builder, locations),
    ...(period ? { period } : {}),
    ...(p.durationNanos ? { durationNanos: p.durationNanos } : {}),
  });
}

/** The parts of a Profile message, as offsets and columns (nothing decoded that is not needed). */
interface ScannedProfile {
  bytes: Uint8Array;
  sampleTypes: [number, number][];
  /** [start, end) of each Sample message, flattened. */
  sampleRanges: GrowableUint32;
  /** [start, end) of each string-table entry, flattened. */
  stringRanges: GrowableUint32;
  functionIds: number[];
  functionName: number[];
  functionSystemName: number[];
  functionFile: number[];
  locationIds: number[];
  locationMapping: number[];
  /** Address of each location as hex digits (no 0x). */
  locationAddress: string[];
  /** Function ids of each location's lines, innermost first: lineFunctions[lineStart[i], lineStart[i+1]). */
  lineStart: number[];
  lineFunctions: number[];
  mappingIds: number[];
  mappingFile: number[];
  periodType: [number, number] | null;
  period: number;
  durationNanos: number;
  defaultSampleType: number;
  string(index: number): string;
}

const utf8 = new TextDecoder('utf-8');

function scanProfile(bytes: Uint8Array): ScannedProfile {
  const r = new ProtobufReader(bytes);
  const p: ScannedProfile = {
    bytes,
    sampleTypes: [],
    sampleRanges: new GrowableUint32(1024),
    stringRanges: new GrowableUint32(1024),
    functionIds: [],
    functionName: [],
    functionSystemName: [],
    functionFile: [],
    locationIds: [],
    locationMapping: [],
    locationAddress: [],
    lineStart: [0],
    lineFunctions: [],
    mappingIds: [],
    mappingFile: [],
    periodType: null,
    period: 0,
    durationNanos: 0,
    defaultSampleType: 0,
    string(index: number): string {
      const ranges = p.stringRanges;
      if (!(index >= 0 && index * 2 < ranges.length)) return '';
      return utf8.decode(bytes.subarray(ranges.get(index * 2), ranges.get(index * 2 + 1)));
    },
  };
  while (r.pos < r.end) {
    const tag = r.uint();
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === WIRE_LEN) {
      const end = r.lengthEnd();
      const start = r.pos;
      switch (field) {
        case 1:
          p.sampleTypes.push(readValueType(new ProtobufReader(bytes, start, end)));
          break;
        case 2:
          p.sampleRanges.push(start);
          p.sampleRanges.push(end);
          break;
        case 3:
          readMapping(new ProtobufReader(bytes, start, end), p);
          break;
        case 4:
          readLocation(new ProtobufReader(bytes, start, end), p);
          break;
        case 5:
          readFunction(new ProtobufReader(bytes, start, end), p);
          break;
        case 6:
          p.stringRanges.push(start);
          p.stringRanges.push(end);
          break;
        case 11:
          p.periodType = readValueType(new ProtobufReader(bytes, start, end));
          break;
      }
      r.pos = end;
    } else if (wire === WIRE_VARINT && field === 10) p.durationNanos = r.int64();
    else if (wire === WIRE_VARINT && field === 12) p.period = r.int64();
    else if (wire === WIRE_VARINT && field === 14) p.defaultSampleType = r.uint();
    else if (field === 0) throw new ProfileError('corrupt', `Not a valid pprof profile: field number 0 at byte ${r.pos}.`);
    else r.skip(wire);
  }
  return p;
}

/**
 * A guess at the tree's size, so the builder sizes its tables once: about five new frames per sample in
 * large profiles (1M unique stacks made 4.75M frames), never more than the location references present.
 */
function expectedFrames(p: ScannedProfile): number {
  const samples = p.sampleRanges.length / 2;
  let sampleBytes = 0;
  for (let i = 0; i < p.sampleRanges.length; i += 2) sampleBytes += p.sampleRanges.get(i + 1) - p.sampleRanges.get(i);
  return Math.min(samples * 5, sampleBytes) + p.locationIds.length;
}

function readValueType(r: ProtobufReader): [number, number] {
  let type = 0;
  let unit = 0;
  while (r.pos < r.end) {
    const tag = r.uint();
    if (tag === 8) type = r.uint();
    else if (tag === 16) unit = r.uint();
    else r.skip(tag & 7);
  }
  return [type, unit];
}

function readMapping(r: ProtobufReader, p: ScannedProfile): void {
  let id = 0;
  let file = 0;
  while (r.pos < r.end) {
    const tag = r.uint();
    if (tag === 8) id = r.uint();
    else if (tag === 40) file = r.uint();
    else r.skip(tag & 7);
  }
  p.mappingIds.push(id);
  p.mappingFile.push(file);
}

function readFunction(r: ProtobufReader, p: ScannedProfile): void {
  let id = 0;
  let name = 0;
  let systemName = 0;
  let file = 0;
  while (r.pos < r.end) {
    const tag = r.uint();
    if (tag === 8) id = r.uint();
    else if (tag === 16) name = r.uint();
    else if (tag === 24) systemName = r.uint();
    else if (tag === 32) file = r.uint();
    else r.skip(tag & 7);
  }
  p.functionIds.push(id);
  p.functionName.push(name);
  p.functionSystemName.push(systemName);
  p.functionFile.push(file);
}

function readLocation(r: ProtobufReader, p: ScannedProfile): void {
  let id = 0;
  let mapping = 0;
  let address = '0';
  while (r.pos < r.end) {
    const tag = r.uint();
    if (tag === 8) id = r.uint();
    else if (tag === 16) mapping = r.uint();
    else if (tag === 24) address = r.hex64();
    else if (tag === 34) {
      const end = r.lengthEnd();
      let functionId = 0;
      while (r.pos < end) {
        const lineTag = r.uint();
        if (lineTag === 8) functionId = r.uint();
        else r.skip(lineTag & 7);
      }
      r.pos = end;
      p.lineFunctions.push(functionId);
    } else r.skip(tag & 7);
  }
  p.locationIds.push(id);
  p.locationMapping.push(mapping);
  p.locationAddress.push(address);
  p.lineStart.push(p.lineFunctions.length);
}

/** Maps ids (uint64 as numbers) to positions: a dense array when ids are small, else a Map. */
class IdIndex {
  private readonly dense: Int32Array | null;
  private readonly sparse: Map<number, number> | null;
  constructor(ids: readonly number[]) {
    let max = 0;
    for (const id of ids) if (id > max) max = id;
    if (max <= ids.length * 4 + 1024) {
      this.dense = new Int32Array(max + 1).fill(-1);
      ids.forEach((id, i) => {
        if (id > 0 && this.dense![id] === -1) this.dense![id] = i;
      });
      this.sparse = null;
    } else {
      this.dense = null;
      this.sparse = new Map();
      ids.forEach((id, i) => {
        if (id > 0 && !this.sparse!.has(id)) this.sparse!.set(id, i);
      });
    }
  }
  /** Position of `id`, or -1. Id 0 is never valid in pprof. */
  get(id: number): number {
    if (this.dense) return id > 0 && id < this.dense.length ? this.dense[id]! : -1;
    return this.sparse!.get(id) ?? -1;
  }
}

/**
 * Frames of each location, outermost first, resolved on first use so that names of functions no sample
 * reaches never enter the tree's name table. A line whose function id is unknown is named "??" — except
 * when every Function lacks an id (a real producer bug, the corpus's .NET file): then the Lines' ids are
 * read as 1-based positions in the function list, which is what that producer meant.
 */
class LocationFrames {
  readonly index: IdIndex;
  /** Name ids of location i's frames, root-first: frames[start[i], start[i+1]). */
  readonly start: Int32Array;
  readonly frames: Int32Array;
  /** Mapping position of each location, -1 if none. */
  readonly mapping: Int32Array;
  /** Name id of each Function, -1 until a sample reaches it. */
  readonly functionNames: Int32Array;
  private readonly resolved: Uint8Array;
  private readonly functionIndex: IdIndex;
  private readonly functionIdsMissing: boolean;
  private unknownName = -1;

  constructor(
    private readonly p: ScannedProfile,
    private readonly builder: FrameTreeBuilder,
    private readonly drop: (reason: string) => void,
  ) {
    const count = p.locationIds.length;
    this.index = new IdIndex(p.locationIds);
    this.functionIndex = new IdIndex(p.functionIds);
    this.functionIdsMissing = p.functionIds.length > 0 && p.functionIds.every((id) => id === 0);
    if (this.functionIdsMissing) drop('functions without an id (id 0), read by position');
    this.functionNames = new Int32Array(p.functionIds.length).fill(-1);
    this.resolved = new Uint8Array(count);
    this.start = new Int32Array(count + 1);
    for (let i = 0; i < count; i++) {
      this.start[i + 1] = this.start[i]! + Math.max(1, p.lineStart[i + 1]! - p.lineStart[i]!);
    }
    this.frames = new Int32Array(this.start[count]!);
    const mappingIndex = new IdIndex(p.mappingIds);
    this.mapping = new Int32Array(count);
    for (let i = 0; i < count; i++) this.mapping[i] = p.locationMapping[i] ? mappingIndex.get(p.locationMapping[i]!) : -1;
  }

  /** Resolves location `loc`'s frame names if not done yet. */
  resolve(loc: number): void {
    if (this.resolved[loc]) return;
    this.resolved[loc] = 1;
    const p = this.p;
    let out = this.start[loc]!;
    const lineFrom = p.lineStart[loc]!;
    const lineTo = p.lineStart[loc + 1]!;
    if (lineFrom === lineTo) {
      this.frames[out] = this.builder.names.internString(`0x${p.locationAddress[loc]}`);
      return;
    }
    for (let l = lineTo - 1; l >= lineFrom; l--) this.frames[out++] = this.functionName(p.lineFunctions[l]!);
  }

  private functionName(functionId: number): number {
    let f = this.functionIndex.get(functionId);
    if (f < 0 && this.functionIdsMissing && functionId >= 1 && functionId <= this.functionNames.length) f = functionId - 1;
    if (f < 0) {
      this.drop('lines referring to a function id that does not exist');
      if (this.unknownName < 0) this.unknownName = this.builder.names.internString(UNKNOWN_FUNCTION);
      return this.unknownName;
    }
    if (this.functionNames[f]! < 0) {
      const p = this.p;
      const named = p.functionName[f]! > 0 && stringLength(p, p.functionName[f]!) > 0;
      this.functionNames[f] = internString(p, this.builder, named ? p.functionName[f]! : p.functionSystemName[f]!);
    }
    return this.functionNames[f]!;
  }

  /** Whether location `loc` was reached by a sample. */
  isResolved(loc: number): boolean {
    return this.resolved[loc] === 1;
  }
}

function stringLength(p: ScannedProfile, index: number): number {
  const ranges = p.stringRanges;
  if (!(index >= 0 && index * 2 < ranges.length)) return 0;
  return ranges.get(index * 2 + 1) - ranges.get(index * 2);
}

/** Interns string-table entry `index` (its bytes, no string made); "??" when empty or out of range. */
function internString(p: ScannedProfile, builder: FrameTreeBuilder, index: number): number {
  if (stringLength(p, index) === 0) return builder.names.internString(UNKNOWN_FUNCTION);
  return builder.names.internBytes(p.bytes, p.stringRanges.get(index * 2), p.stringRanges.get(index * 2 + 1));
}

async function addSamples(
  p: ScannedProfile,
  builder: FrameTreeBuilder,
  locations: LocationFrames,
  pacer: Pacer,
  drop: (r: string, count?: number) => void,
): Promise<void> {
  const bytes = p.bytes;
  const typeCount = builder.typeCount;
  let locationIds: Float64Array = new Float64Array(256);
  const values = new Float64Array(typeCount);
  const ranges = p.sampleRanges;
  const sampleCount = ranges.length / 2;
  const { start, frames } = locations;
  let unknownLocationName = -1;
  let prevIds: Float64Array = new Float64Array(256);
  let prevNodes: Int32Array = new Int32Array(256);
  let prevDepth = 0;
  const r = new ProtobufReader(bytes);
  const order = sampleCount >= REORDER_MIN_SAMPLES ? sampleOrder(p, locations) : null;
  for (let i = 0; i < sampleCount; i++) {
    const s = order ? order[i]! : i;
    r.pos = ranges.get(s * 2);
    r.end = ranges.get(s * 2 + 1);
    let depth = 0;
    let valueCount = 0;
    values.fill(0);
    while (r.pos < r.end) {
      const tag = r.uint();
      if (tag === 10 || tag === 8) {
        // location_id: packed (tag 10) or one per field (tag 8)
        const end = tag === 10 ? r.lengthEnd() : -1;
        do {
          if (depth === locationIds.length) locationIds = growFloat(locationIds);
          locationIds[depth++] = r.uint();
        } while (r.pos < end);
      } else if (tag === 18 || tag === 16) {
        // value: packed (tag 18) or one per field (tag 16)
        const end = tag === 18 ? r.lengthEnd() : -1;
        do {
          const v = r.int64();
          if (valueCount < typeCount) values[valueCount] = v;
          valueCount++;
        } while (r.pos < end);
      } else r.skip(tag & 7);
    }
    if (valueCount !== typeCount) drop('samples whose number of values differs from the number of sample types');
    // Walk root-first. While the locations equal the previous sample's at the same depth, reuse its
    // nodes: consecutive samples share long prefixes, and this skips most trie lookups.
    let node = builder.root;
    let level = 0;
    let shared = true;
    for (let k = depth - 1; k >= 0; k--, level++) {
      const id = locationIds[k]!;
      if (level === prevIds.length) [prevIds, prevNodes] = [growFloat(prevIds), growInt(prevNodes)];
      if (shared && level < prevDepth && prevIds[level] === id) {
        node = prevNodes[level]!;
        continue;
      }
      shared = false;
      const loc = locations.index.get(id);
      if (loc < 0) {
        drop('samples referring to a location id that does not exist');
        if (unknownLocationName < 0) unknownLocationName = builder.names.internString(UNKNOWN_FUNCTION);
        node = builder.child(node, unknownLocationName);
      } else {
        locations.resolve(loc);
        for (let f = start[loc]!; f < start[loc + 1]!; f++) node = builder.child(node, frames[f]!);
      }
      prevIds[level] = id;
      prevNodes[level] = node;
    }
    prevDepth = depth;
    for (let t = 0; t < typeCount; t++) if (values[t] !== 0) builder.addValue(node, t, values[t]!);
    builder.endStack(node);
    pacer.stacks = i + 1;
    if (pacer.due()) await pacer.pause();
  }
}

/** Below this many samples the file order is kept (everything fits in cache anyway). */
const REORDER_MIN_SAMPLES = 20_000;
/** Root-most levels the samples are grouped by. */
const REORDER_LEVELS = 4;

/**
 * An order of the samples that groups them by their first REORDER_LEVELS root-first locations (a stable
 * LSD radix sort on location positions). pprof writers emit samples in hash or arrival order; visiting
 * them grouped makes consecutive samples share their prefix (no trie lookups for it) and keeps each
 * subtree's records in cache while its samples are added. The tree does not depend on the order.
 */
function sampleOrder(p: ScannedProfile, locations: LocationFrames): Uint32Array {
  const count = p.sampleRanges.length / 2;
  const digits = p.locationIds.length + 2; // 0 = no frame at that level, 1 = unknown id, 2.. = location
  const keys = new Int32Array(REORDER_LEVELS * count);
  const r = new ProtobufReader(p.bytes);
  let ids: Float64Array = new Float64Array(256);
  for (let s = 0; s < count; s++) {
    r.pos = p.sampleRanges.get(s * 2);
    r.end = p.sampleRanges.get(s * 2 + 1);
    let depth = 0;
    while (r.pos < r.end) {
      const tag = r.uint();
      if (tag === 10 || tag === 8) {
        const end = tag === 10 ? r.lengthEnd() : -1;
        do {
          if (depth === ids.length) ids = growFloat(ids);
          ids[depth++] = r.uint();
        } while (r.pos < end);
      } else r.skip(tag & 7);
    }
    for (let level = 0; level < REORDER_LEVELS && level < depth; level++) {
      keys[level * count + s] = locations.index.get(ids[depth - 1 - level]!) + 2;
    }
  }
  let order = new Uint32Array(count);
  for (let s = 0; s < count; s++) order[s] = s;
  let next = new Uint32Array(count);
  const counts = new Uint32Array(digits + 1);
  for (let level = REORDER_LEVELS - 1; level >= 0; level--) {
    const base = level * count;
    counts.fill(0);
    for (let i = 0; i < count; i++) {
      const k = keys[base + order[i]!]! + 1;
      counts[k] = counts[k]! + 1;
    }
    for (let d = 1; d <= digits; d++) counts[d] = counts[d]! + counts[d - 1]!;
    for (let i = 0; i < count; i++) {
      const s = order[i]!;
      const k = keys[base + s]!;
      next[counts[k]!] = s;
      counts[k] = counts[k]! + 1;
    }
    [order, next] = [next, order];
  }
  return order;
}

function growInt(a: Int32Array): Int32Array {
  const grown = new Int32Array(a.length * 2);
  grown.set(a);
  return grown;
}

function growFloat(a: Float64Array): Float64Array {
  const grown = new Float64Array(a.length * 2);
  grown.set(a);
  return grown;
}

/** File of each name (from its Function) and binary (from its Location's mapping), when present. */
function buildExtras(p: ScannedProfile, builder: FrameTreeBuilder, locations: LocationFrames): NameExtras | null {
  const functionNames = locations.functionNames;
  const hasFiles = p.functionFile.some((f) => stringLength(p, f) > 0);
  const hasBinaries = p.mappingFile.some((f) => stringLength(p, f) > 0);
  if (!hasFiles && !hasBinaries) return null;
  const count = builder.names.count;
  const fileOfName = new Int32Array(count).fill(-1);
  const binaryOfName = new Int32Array(count).fill(-1);
  const files: string[] = [];
  const fileIds = new Map<string, number>();
  const intern = (list: string[], ids: Map<string, number>, text: string) => {
    let id = ids.get(text);
    if (id === undefined) {
      id = list.length;
      list.push(text);
      ids.set(text, id);
    }
    return id;
  };
  for (let f = 0; f < functionNames.length; f++) {
    const name = functionNames[f]!;
    if (name >= 0 && fileOfName[name] === -1 && stringLength(p, p.functionFile[f]!) > 0) {
      fileOfName[name] = intern(files, fileIds, p.string(p.functionFile[f]!));
    }
  }
  const binaries: string[] = [];
  const binaryIds = new Map<string, number>();
  for (let loc = 0; loc < locations.mapping.length; loc++) {
    const m = locations.mapping[loc]!;
    if (m < 0 || !locations.isResolved(loc) || stringLength(p, p.mappingFile[m]!) === 0) continue;
    const binary = intern(binaries, binaryIds, p.string(p.mappingFile[m]!));
    for (let f = locations.start[loc]!; f < locations.start[loc + 1]!; f++) {
      const name = locations.frames[f]!;
      if (binaryOfName[name] === -1) binaryOfName[name] = binary;
    }
  }
  return {
    fileOfName,
    files: StringTable.fromStrings(files),
    binaryOfName,
    binaries: StringTable.fromStrings(binaries),
  };
}
