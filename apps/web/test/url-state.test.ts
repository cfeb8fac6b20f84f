import { describe, expect, test } from 'vitest';
import { formatViewState, parseLinkedProfiles, parseViewState, type ViewState } from '../src/state/url-state.ts';

describe('view state in the URL hash', () => {
  test('round-trips every field, names with ; & = # and spaces included', () => {
    const state: ViewState = {
      view: 'flame',
      sampleType: 'alloc_space',
      search: 'json.(*Decoder)',
      regex: true,
      caseSensitive: true,
      focusPath: ['main', 'pkg.Map[go.shape.int;go.shape.string]', 'a&b=c #d e'],
      metric: 'relative-change',
      useSelf: true,
      widthMode: 'comparison',
      saturation: 2.5,
      layout: 'graph',
      theme: 'dark',
      transforms: 'h:p:go-runtime~f:n:main.work',
      inverted: true,
      fadeNoise: false,
      sandwich: 'runtime.mallocgc',
    };
    const hash = formatViewState(state);
    expect(hash.startsWith('#')).toBe(true);
    expect(parseViewState(hash)).toEqual(state);
  });

  test('an empty state is an empty hash and back', () => {
    expect(formatViewState({})).toBe('');
    expect(parseViewState('')).toEqual({});
  });

  test('unknown and malformed values are ignored, not trusted', () => {
    expect(parseViewState('#view=sideways&metric=evil&sat=-3&sat2=1&layout=<script>&theme=neon&re=yes')).toEqual({});
    expect(parseViewState('#q=' + 'x'.repeat(10_000))).toEqual({});
  });
});

describe('linked profiles', () => {
  const page = 'https://flamelens.example/app/index.html';

  test('?url= and ?base= resolve against the page, http(s) only', () => {
    expect(parseLinkedProfiles('?base=before.pb.gz&url=https%3A%2F%2Fx.example%2Fafter.pb.gz', page)).toEqual({
      base: 'https://flamelens.example/app/before.pb.gz',
      url: 'https://x.example/after.pb.gz',
    });
  });

  test('javascript:, data: and file: URLs are refused', () => {
    expect(parseLinkedProfiles('?url=javascript%3Aalert(1)&base=data%3Atext%2Fplain%2Cx', page)).toEqual({});
    expect(parseLinkedProfiles('?url=file%3A%2F%2F%2Fetc%2Fpasswd', page)).toEqual({});
  });
});
