import type { FunctionTable } from '../analysis/function-table.ts';
import { isDiffTree, type DiffTree } from '../diff/diff-tree.ts';
import type { FrameTree, NameExtras, ProfileInfo, SampleType } from '../model/frame-tree.ts';
import { StringTable } from '../model/string-table.ts';

/** A StringTable as plain transferable data. */
export interface StringTableWire {
  readonly bytes: Uint8Array;
  readonly offsets: Uint32Array;
}

/** A FrameTree as structured-clone data whose typed arrays are all transferred (never copied). */
export interface FrameTreeWire {
  readonly length: number;
  readonly parent: Int32Array;
  readonly subtreeEnd: Uint32Array;
  readonly depth: Uint16Array | Uint32Array;
  readonly nameId: Uint32Array;
  readonly names: StringTableWire;
  readonly sampleTypes: readonly SampleType[];
  readonly sampleTypeIndex: number;
  readonly totalByType: readonly Float64Array[];
  readonly selfByType: readonly Float64Array[];
  readonly extras: {
    readonly fileOfName: Int32Array;
    readonly files: StringTableWire;
    readonly binaryOfName: Int32Array;
    readonly binaries: StringTableWire;
  } | null;
  readonly info: ProfileInfo;
  readonly maxDepth: number;
  /** The comparison side, present for a DiffTree. */
  readonly diff?: DiffTreeWirePart;
}

/** What a DiffTree adds to a FrameTree, as transferable data (the columns are the tree's own arrays). */
export interface DiffTreeWirePart {
  /** Comparison columns per sample type; a hand-made diff tree with one type sends its one column. */
  readonly totalBByType: readonly Float64Array[];
  readonly selfBByType: readonly Float64Array[];
  readonly baselineInfo?: ProfileInfo;
  readonly comparisonInfo?: ProfileInfo;
  readonly baselineName?: string;
  readonly comparisonName?: string;
  /** The wholes of the chosen sample type, when not the root's totals (a sandwich half keeps the profile's). */
  readonly wholes?: readonly [number, number];
}

const tableToWire = (t: StringTable): StringTableWire => ({ bytes: t.bytes, offsets: t.offsets });
const tableFromWire = (w: StringTableWire): StringTable => new StringTable(w.bytes, w.offsets);

/** The wire form of a tree (no copy: the same typed arrays). */
export function treeToWire(tree: FrameTree): FrameTreeWire {
  const { extras } = tree;
  return {
    length: tree.length,
    parent: tree.parent,
    subtreeEnd: tree.subtreeEnd,
    depth: tree.depth,
    nameId: tree.nameId,
    names: tableToWire(tree.names),
    sampleTypes: tree.sampleTypes,
    sampleTypeIndex: tree.sampleTypeIndex,
    totalByType: tree.totalByType,
    selfByType: tree.selfByType,
    extras: extras
      ? {
          fileOfName: extras.fileOfName,
          files: tableToWire(extras.files),
          binaryOfName: extras.binaryOfName,
          binaries: tableToWire(extras.binaries),
        }
      : null,
    info: tree.info,
    maxDepth: tree.maxDepth,
    ...(isDiffTree(tree) ? { diff: diffPartToWire(tree) } : {}),
  };
}

function diffPartToWire(tree: DiffTree): DiffTreeWirePart {
  const byType = tree.totalBByType && tree.selfBByType && tree.totalBByType.length === tree.sampleTypes.length;
  return {
    totalBByType: byType ? tree.totalBByType! : [tree.totalB],
    selfBByType: byType ? tree.selfBByType! : [tree.selfB],
    ...(tree.baselineInfo ? { baselineInfo: tree.baselineInfo } : {}),
    ...(tree.comparisonInfo ? { comparisonInfo: tree.comparisonInfo } : {}),
    ...(tree.baselineName !== undefined ? { baselineName: tree.baselineName } : {}),
    ...(tree.comparisonName !== undefined ? { comparisonName: tree.comparisonName } : {}),
    ...(tree.baselineTotal !== (tree.total[0] ?? 0) || tree.comparisonTotal !== (tree.totalB[0] ?? 0) ? { wholes: [tree.baselineTotal, tree.comparisonTotal] as const } : {}),
  };
}

/** Rebuilds a DiffTree from its wire form (no copy); throws when the wire holds a plain tree. */
export function diffTreeFromWire(wire: FrameTreeWire): DiffTree {
  const tree = treeFromWire(wire);
  if (!isDiffTree(tree)) throw new TypeError('not a diff tree');
  return tree;
}

/** Rebuilds a FrameTree (a DiffTree when the wire has a diff part) from its wire form (no copy). */
export function treeFromWire(wire: FrameTreeWire): FrameTree {
  const extras: NameExtras | null = wire.extras
    ? {
        fileOfName: wire.extras.fileOfName,
        files: tableFromWire(wire.extras.files),
        binaryOfName: wire.extras.binaryOfName,
        binaries: tableFromWire(wire.extras.binaries),
      }
    : null;
  const index = wire.sampleTypeIndex;
  const tree: FrameTree = {
    length: wire.length,
    parent: wire.parent,
    subtreeEnd: wire.subtreeEnd,
    depth: wire.depth,
    nameId: wire.nameId,
    names: tableFromWire(wire.names),
    sampleTypes: wire.sampleTypes,
    sampleTypeIndex: index,
    unit: wire.sampleTypes[index]?.unit ?? '',
    total: wire.totalByType[index]!,
    self: wire.selfByType[index]!,
    totalByType: wire.totalByType,
    selfByType: wire.selfByType,
    extras,
    info: wire.info,
    maxDepth: wire.maxDepth,
  };
  return wire.diff ? diffFromWirePart(tree, wire.diff) : tree;
}

function diffFromWirePart(tree: FrameTree, part: DiffTreeWirePart): DiffTree {
  const byType = part.totalBByType.length === tree.sampleTypes.length;
  const totalB = byType ? part.totalBByType[tree.sampleTypeIndex]! : part.totalBByType[0]!;
  const selfB = byType ? part.selfBByType[tree.sampleTypeIndex]! : part.selfBByType[0]!;
  return {
    ...tree,
    kind: 'diff',
    totalB,
    selfB,
    baselineTotal: part.wholes?.[0] ?? tree.total[0] ?? 0,
    comparisonTotal: part.wholes?.[1] ?? totalB[0] ?? 0,
    ...(byType ? { totalBByType: part.totalBByType, selfBByType: part.selfBByType } : {}),
    ...(part.baselineInfo ? { baselineInfo: part.baselineInfo } : {}),
    ...(part.comparisonInfo ? { comparisonInfo: part.comparisonInfo } : {}),
    ...(part.baselineName !== undefined ? { baselineName: part.baselineName } : {}),
    ...(part.comparisonName !== undefined ? { comparisonName: part.comparisonName } : {}),
  };
}

/** Every distinct ArrayBuffer under `value` (typed arrays found by walking plain objects and arrays). */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const visit = (v: unknown): void => {
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) found.add(v.buffer);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(value);
  return [...found];
}

/** Function tables of every sample type, as sent with a parse result. */
export type FunctionTables = readonly FunctionTable[];
