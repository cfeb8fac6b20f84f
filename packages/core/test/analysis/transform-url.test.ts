/** Transforms as URL text: readable, URL-safe, round-tripping any name; bad text is an error value. */
import { describe, expect, test } from 'vitest';
import { decodeTransforms, encodeTransforms, type Transform } from '../../src/index.ts';

const stack: Transform[] = [
  { kind: 'hide', match: { preset: 'go-runtime' } },
  { kind: 'focus', match: { name: 'main.(*Server).handle~v2;x y' } },
  { kind: 'drop', match: { regex: '^gc|:\\d+$', ignoreCase: true } },
  { kind: 'keep', match: { module: 'compress/flate' } },
  { kind: 'merge-recursion' },
  { kind: 'merge-recursion', match: { name: 'fib' }, direct: true },
  { kind: 'collapse-module', module: 'java.util' },
];

describe('transforms in the URL', () => {
  test('round trip, in order', () => {
    const text = encodeTransforms(stack);
    expect(decodeTransforms(text)).toEqual({ ok: true, transforms: stack });
  });

  test('the text is short, readable and needs no further escaping in a query', () => {
    const text = encodeTransforms(stack.slice(0, 2));
    expect(text).toBe('h:p:go-runtime~f:n:main.(*Server).handle%7Ev2%3Bx%20y');
    expect(encodeTransforms(stack)).toMatch(/^[A-Za-z0-9\-_.!~*'()%:]+$/);
    expect(new URLSearchParams({ t: text }).get('t')).toBe(text);
  });

  test('empty text is no transforms', () => {
    expect(decodeTransforms('')).toEqual({ ok: true, transforms: [] });
  });

  test.each([
    ['z:n:x', /Unknown transform "z:n:x"/],
    ['h:q:x', /unknown frame matcher "q"/],
    ['h:n', /malformed frame matcher/],
    ['f:n:%E0%A4%A', /not valid URL text/],
    ['c', /Unknown transform/],
  ])('%s is refused with a reason', (text, reason) => {
    const result = decodeTransforms(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.kind).toBe('invalid-transform');
    expect(!result.ok && result.error.message).toMatch(reason);
  });
});
