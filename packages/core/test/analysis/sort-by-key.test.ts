/** sortByKey on every path it takes: insertion (short), counting (keys span few values), packed native sort. */
import { describe, expect, test } from 'vitest';
import { sortByKey } from '../../src/analysis/sort-by-key.ts';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('sortByKey', () => {
  test.each([
    ['insertion: 20 entries', 20, 1000],
    ['counting: 100,000 entries over 5,000 keys', 100_000, 5_000],
    ['counting: every key the same', 3_000, 1],
    ['packed sort: 10,000 entries over 10 million keys', 10_000, 10_000_000],
  ])('%s: keys ascend, each payload pair moves with its key', (_, count, range) => {
    const next = random(count + range);
    const keys = Uint32Array.from({ length: count }, () => 7 + Math.floor(next() * range));
    // the payloads name the entry, so each can be checked against its original key
    const payload = Int32Array.from({ length: count }, (_, i) => i);
    const payload2 = Int32Array.from({ length: count }, (_, i) => -i);
    const before = keys.slice();
    sortByKey(keys, payload, count, payload2);
    let outOfOrder = 0;
    let wrongKey = 0;
    let wrongPair = 0;
    for (let i = 1; i < count; i++) if (keys[i - 1]! > keys[i]!) outOfOrder++;
    for (let i = 0; i < count; i++) {
      if (keys[i] !== before[payload[i]!]) wrongKey++;
      if (payload2[i]! + payload[i]! !== 0) wrongPair++;
    }
    expect({ outOfOrder, wrongKey, wrongPair, distinct: new Set(payload).size }).toEqual({ outOfOrder: 0, wrongKey: 0, wrongPair: 0, distinct: count });
  });
});
