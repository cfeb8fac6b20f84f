import { TextFitter } from '@flamelens/renderer';
import { describe, expect, it } from 'vitest';

/** A monospace "font": every character 1 unit wide, the ellipsis too. Counts measure calls. */
function fitter() {
  let calls = 0;
  const f = new TextFitter((text) => {
    calls++;
    return text.length;
  });
  return { f, calls: () => calls };
}

describe('label fitting', () => {
  it('keeps a label that fits', () => {
    expect(fitter().f.label('runtime.mallocgc', 16)).toBe('runtime.mallocgc');
  });

  it('trims in the middle, keeping the start and the end', () => {
    const text = fitter().f.label('encoding/json.(*decodeState).object', 15);
    expect(text).toBe('encodin….object');
    expect(text.length).toBeLessThanOrEqual(16);
    expect(fitter().f.label('encoding/json.(*decodeState).object', 15).length - 1).toBeLessThanOrEqual(15);
  });

  it('gives up when not even a character and the ellipsis fit', () => {
    expect(fitter().f.label('abcdef', 1.5)).toBe('');
  });

  it('keeps a search match visible when the middle trim would cut it', () => {
    const text = fitter().f.label('github.com/acme/server.(*Handler).ServeHTTP', 14, [24, 31]);
    expect(text).toContain('Handler');
    expect(text.length).toBeLessThanOrEqual(14);
  });

  it('measures each character once per font, not each label', () => {
    const { f, calls } = fitter();
    f.label('aaaaaaaaaaaaaaaaaaaa', 5);
    f.label('aaaaaaaaaaaaaaaaaaaa', 7);
    expect(calls()).toBe(2); // 'a' and the ellipsis
  });
});
