import type { NameExtras } from '../model/frame-tree.ts';
import { NameInterner } from '../model/name-interner.ts';
import type { StringTable } from '../model/string-table.ts';
import { ROOT_NAME } from '../model/frame-tree.ts';

/** The two sides' name tables as one, with each side's ids translated and every name's sort rank. */
export interface MergedNames {
  readonly names: StringTable;
  /** Merged id of each baseline name id. */
  readonly fromBaseline: Uint32Array;
  /** Merged id of each comparison name id. */
  readonly fromComparison: Uint32Array;
  /** Code point order rank of each *baseline* name id (the merge walk compares siblings by it). */
  readonly rankOfBaseline: Uint32Array;
  /** Rank of each comparison name id, on the same scale as rankOfBaseline. */
  readonly rankOfComparison: Uint32Array;
  /** The interner holding the merged names (for merging extras). */
  readonly interner: NameInterner;
}

/**
 * Merges two name tables: the baseline's names keep their order, the comparison's new names follow. Equal
 * UTF-8 bytes are one name. Ranks are code point order, the order FrameTree children are sorted in, so
 * the walk compares two siblings from different trees with one integer comparison.
 */
export function mergeNames(baseline: StringTable, comparison: StringTable): MergedNames {
  const interner = new NameInterner(ROOT_NAME);
  const fromBaseline = internAll(interner, baseline);
  const fromComparison = internAll(interner, comparison);
  const rank = interner.rankByName();
  const rankOf = (ids: Uint32Array) => {
    const out = new Uint32Array(ids.length);
    for (let i = 0; i < ids.length; i++) out[i] = rank[ids[i]!]!;
    return out;
  };
  return {
    names: interner.toStringTable(),
    fromBaseline,
    fromComparison,
    rankOfBaseline: rankOf(fromBaseline),
    rankOfComparison: rankOf(fromComparison),
    interner,
  };
}

/** Interns every string of `table` but id 0 (the root, which maps to the merged root). */
function internAll(interner: NameInterner, table: StringTable): Uint32Array {
  const ids = new Uint32Array(table.length);
  const { bytes, offsets } = table;
  for (let i = 1; i < table.length; i++) ids[i] = interner.internBytes(bytes, offsets[i]!, offsets[i + 1]!);
  return ids;
}

/**
 * File and binary per merged name: the baseline's where it has the name, else the comparison's.
 * Null when neither side has extras.
 */
export function mergeExtras(
  merged: MergedNames,
  baseline: NameExtras | null,
  comparison: NameExtras | null,
): NameExtras | null {
  if (!baseline && !comparison) return null;
  const count = merged.interner.count;
  const fileOfName = new Int32Array(count).fill(-1);
  const binaryOfName = new Int32Array(count).fill(-1);
  const files = new NameInterner('');
  const binaries = new NameInterner('');
  const copy = (extras: NameExtras | null, toMerged: Uint32Array) => {
    if (!extras) return;
    const fileIds = new Int32Array(extras.files.length).fill(-1);
    const binaryIds = new Int32Array(extras.binaries.length).fill(-1);
    for (let id = 1; id < toMerged.length; id++) {
      const name = toMerged[id]!;
      const file = extras.fileOfName[id] ?? -1;
      if (file >= 0 && fileOfName[name] === -1) fileOfName[name] = fileIds[file]! >= 0 ? fileIds[file]! : (fileIds[file] = internFrom(files, extras.files, file));
      const binary = extras.binaryOfName[id] ?? -1;
      if (binary >= 0 && binaryOfName[name] === -1) {
        binaryOfName[name] = binaryIds[binary]! >= 0 ? binaryIds[binary]! : (binaryIds[binary] = internFrom(binaries, extras.binaries, binary));
      }
    }
  };
  copy(baseline, merged.fromBaseline);
  copy(comparison, merged.fromComparison);
  return { fileOfName, files: files.toStringTable(), binaryOfName, binaries: binaries.toStringTable() };
}

function internFrom(interner: NameInterner, table: StringTable, index: number): number {
  return interner.internBytes(table.bytes, table.offsets[index]!, table.offsets[index + 1]!);
}
