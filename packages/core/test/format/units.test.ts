import { describe, expect, test } from 'vitest';
import { formatNumber, formatPercent, formatValue } from '../../src/index.ts';

describe('value formatting', () => {
  test.each([
    [1_500_000_000, 'nanoseconds', '1.5 s'],
    [2_340_000, 'nanoseconds', '2.34 ms'],
    [999, 'nanoseconds', '999 ns'],
    [90_000_000_000, 'nanoseconds', '1.5 min'],
    [1500, 'microseconds', '1.5 ms'],
    [1536, 'bytes', '1.5 KiB'],
    [5 * 1024 ** 3, 'bytes', '5 GiB'],
    [1234567, 'count', '1,234,567'],
    [12, '', '12'],
  ])('%d %s → %s', (value, unit, text) => {
    expect(formatValue(value, unit)).toBe(text);
  });

  test('compact counts', () => {
    expect(formatValue(7_711_325, 'count', { compact: true })).toBe('7.71M');
  });

  test('plain numbers never use exponents', () => {
    expect(formatNumber(647487782195456)).toBe('647487782195456');
    expect(formatNumber(334.618)).toBe('334.618');
  });

  test('percentages', () => {
    expect(formatPercent(124, 1000)).toBe('12.4%');
    expect(formatPercent(1, 3)).toBe('33.3%');
    expect(formatPercent(5, 0)).toBe('–');
  });
});
