import { scaleLinear } from 'd3-scale';

/** Light or dark surroundings. */
export type ThemeName = 'light' | 'dark';

/**
 * Bar colours for package colouring.
 * - `default`: twelve soft hues, distinct side by side, dark text readable on all of them.
 * - `colorblind`: Paul Tol's "light" (light theme) and "muted" (dark theme) qualitative schemes, designed
 *   to stay distinct under the common colour-vision deficiencies.
 */
export type PaletteName = 'default' | 'colorblind';

/** Colours of the surroundings and of the marks drawn over bars. */
export interface ThemeColours {
  readonly background: string;
  /** Label text on light bars and on dark bars (chosen per bar colour by contrast). */
  readonly darkText: string;
  readonly lightText: string;
  /** Merged run of bars each under a device pixel. */
  readonly merged: string;
  /** Outline of the selected frame (keyboard selection). */
  readonly selection: string;
  /** Outline of the frame under the pointer. */
  readonly hover: string;
  /** How far non-matching bars fade toward the background while searching (0..1). */
  readonly dimAmount: number;
  /** Diff colours: shrank (negative) end, no change, grew (positive) end. */
  readonly diffShrank: string;
  readonly diffNeutral: string;
  readonly diffGrew: string;
  /** Hatching drawn over frames that exist on one side only. */
  readonly hatch: string;
}

export const THEMES: Readonly<Record<ThemeName, ThemeColours>> = {
  light: {
    background: '#ffffff',
    darkText: '#16181d',
    lightText: '#ffffff',
    merged: '#d5d8de',
    selection: '#1d4ed8',
    hover: '#16181d',
    dimAmount: 0.72,
    diffShrank: '#2563eb',
    diffNeutral: '#d4d6db',
    diffGrew: '#dc2626',
    hatch: 'rgba(0,0,0,0.55)',
  },
  dark: {
    background: '#16181d',
    darkText: '#0f1115',
    lightText: '#f1f3f6',
    merged: '#3d424b',
    selection: '#93c5fd',
    hover: '#f1f3f6',
    dimAmount: 0.7,
    diffShrank: '#3b82f6',
    diffNeutral: '#5a5f69',
    diffGrew: '#ef4444',
    hatch: 'rgba(255,255,255,0.6)',
  },
};

const DEFAULT_LIGHT = [
  '#f4a261', '#e9c46a', '#8ecae6', '#9bc88b', '#f4978e', '#b8a9dc',
  '#f6bd60', '#84b8a8', '#e5989b', '#a3c4f3', '#d4a5c9', '#c5d86d',
];
const TOL_LIGHT = ['#77aadd', '#99ddff', '#44bb99', '#bbcc33', '#aaaa00', '#eedd88', '#ee8866', '#ffaabb', '#dddddd'];
const TOL_MUTED = ['#cc6677', '#332288', '#ddcc77', '#117733', '#88ccee', '#882255', '#44aa99', '#999933', '#aa4499'];

/** The package palette for a theme: the dark theme darkens the default hues so light text reads on them. */
export function packagePalette(name: PaletteName, theme: ThemeName): readonly string[] {
  if (name === 'colorblind') return theme === 'dark' ? TOL_MUTED : TOL_LIGHT;
  if (theme === 'light') return DEFAULT_LIGHT;
  return DEFAULT_LIGHT.map((c) => mix(c, '#000000', 0.45));
}

/** `a` moved toward `b` by `amount` (0 = a, 1 = b), as an `rgb(…)` string. */
export function mix(a: string, b: string, amount: number): string {
  return scaleLinear<string>().domain([0, 1]).range([a, b])(amount);
}

/** Relative luminance (WCAG) of a `#rrggbb` or `rgb(r, g, b)` colour. */
export function luminance(colour: string): number {
  const [r, g, b] = parseColour(colour);
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The label colour with the better contrast on `fill`. */
export function textColourOn(fill: string, theme: ThemeColours): string {
  const l = luminance(fill);
  const contrastDark = (l + 0.05) / (luminance(theme.darkText) + 0.05);
  const contrastLight = (luminance(theme.lightText) + 0.05) / (l + 0.05);
  return contrastDark >= contrastLight ? theme.darkText : theme.lightText;
}

/** [r, g, b] of `#rgb`, `#rrggbb` or `rgb(r, g, b)`. */
export function parseColour(colour: string): [number, number, number] {
  if (colour.startsWith('#')) {
    const hex = colour.length === 4 ? colour.replace(/([0-9a-f])/gi, '$1$1').slice(1) : colour.slice(1, 7);
    const n = parseInt(hex, 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  const m = /rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)/.exec(colour);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
}
