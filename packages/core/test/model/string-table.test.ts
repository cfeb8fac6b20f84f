/** StringTable lookups by text: UTF-8 bytes compared, nothing decoded. */
import { describe, expect, test } from 'vitest';
import { StringTable } from '../../src/model/string-table.ts';

describe('StringTable.indexesOf', () => {
  const table = StringTable.fromStrings(['', 'main', 'mainx', 'ma', 'Grüße', 'main', '日本', 'mäin']);

  test('every index of an equal string, ascending; none for a prefix or a longer string', () => {
    expect(table.indexesOf('main')).toEqual([1, 5]);
    expect(table.indexesOf('mai')).toEqual([]);
    expect(table.indexesOf('mainxy')).toEqual([]);
    expect(table.indexesOf('')).toEqual([0]);
  });

  test('multi-byte UTF-8 compares by bytes: equal strings found, same-length others not', () => {
    expect(table.indexesOf('Grüße')).toEqual([4]);
    expect(table.indexesOf('日本')).toEqual([6]);
    expect(table.indexesOf('mäin')).toEqual([7]);
    expect(table.indexesOf('maïn')).toEqual([]); // as many bytes as mäin
  });

  test('from and limit', () => {
    expect(table.indexesOf('main', 2)).toEqual([5]);
    expect(table.indexesOf('main', 1, 1)).toEqual([1]);
    expect(table.indexesOf('', 1)).toEqual([]);
  });

  test('invalid UTF-8 is found by the text it reads as (U+FFFD), as get() gives it to the page', () => {
    const bytes = new Uint8Array([0xff, 0x61, 0x62, 0xef, 0xbf, 0xbd]);
    const raw = new StringTable(bytes, new Uint32Array([0, 1, 3, 6]));
    expect(raw.indexesOf('ab')).toEqual([1]);
    // 0xff reads as U+FFFD, and so does the valid encoding of U+FFFD itself
    expect(raw.indexesOf(raw.get(0))).toEqual([0, 2]);
    expect(raw.indexesOf('\ufffdab')).toEqual([]);
  });
});
