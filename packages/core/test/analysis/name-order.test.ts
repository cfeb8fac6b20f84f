/** nameRanks: code point order of a names table, and the same ranks for a copy of a large table. */
import { describe, expect, test } from 'vitest';
import { nameRanks } from '../../src/analysis/name-order.ts';
import { StringTable } from '../../src/model/string-table.ts';

/** A copy of `t` in new buffers (what a view of the same profile brings from the worker). */
const copyOf = (t: StringTable) => new StringTable(t.bytes.slice(), t.offsets.slice());

/** Ids of `t` in rank order. */
function byRank(t: StringTable): number[] {
  const rank = nameRanks(t);
  const ids = Array.from({ length: t.length }, (_, i) => i);
  return ids.sort((a, b) => rank[a]! - rank[b]!);
}

describe('nameRanks', () => {
  test('ranks names in code point order (UTF-8 byte order), not UTF-16 order', () => {
    // U+FF5E sorts before U+1F600 by code point, after it by UTF-16 code unit
    const names = StringTable.fromStrings(['all', 'b', '\u{1F600}', 'a', '\uFF5E', 'ab', '']);
    expect(byRank(names).map((id) => names.get(id))).toEqual(['', 'a', 'ab', 'all', 'b', '\uFF5E', '\u{1F600}']);
  });

  test('a copy of a large table gets the ranks already made; a table that differs is ranked anew', () => {
    const strings = Array.from({ length: 5000 }, (_, i) => `pkg${(i * 7919) % 5000}.fn`);
    const names = StringTable.fromStrings(strings);
    const rank = nameRanks(names);
    expect(nameRanks(copyOf(names))).toBe(rank);
    // one byte changed: a different table, ranked by its own content
    const changed = copyOf(names);
    changed.bytes[changed.offsets[10]!] = 'z'.charCodeAt(0);
    const other = nameRanks(changed);
    expect(other).not.toBe(rank);
    const order = byRank(changed).map((id) => changed.get(id));
    expect(order).toEqual([...order].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    expect(order.at(-1)).toBe(changed.get(10));
  });
});
