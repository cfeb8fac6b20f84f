import { DEFAULT_DIFF_METRIC, diffValue, isDiffTree, type DiffMetricOptions, type FrameTree } from '@flamelens/core';
import type { ColorScheme } from '../options.ts';

/**
 * Bar colours as data: one palette of CSS colours per setting and a palette index per frame, computed
 * once per tree and setting (never per bar while drawing).
 */
export interface FrameColors {
  readonly palette: readonly string[];
  /** Label colour on each palette colour: dark on light bars, white on dark ones (the strongest diff colours). */
  readonly text: readonly string[];
  /** Palette index of each frame. */
  readonly index: Uint8Array;
}

/** Package hues: warm to cool, distinct at a glance, dark text readable on every one. */
const PACKAGE_PALETTE = [
  '#f4a261', '#e9c46a', '#8ecae6', '#90be6d', '#f9844a', '#a0c4ff', '#ffd166', '#cdb4db',
  '#84dcc6', '#ffadad', '#b5e48c', '#f6bd60', '#9bf6ff', '#d4a373', '#bdb2ff', '#caffbf',
];

/** Self-value heat, cold to hot (index 0 = no self value). */
const HEAT_PALETTE = ['#fde2b8', '#fdd49e', '#fdbb84', '#fc8d59', '#ef6548', '#d7301f', '#b30000'];

/**
 * Diff colours on a symmetric scale: blue = shrank, grey = unchanged, red = grew; equal |change| gives
 * equal intensity either way. Index DIFF_STEPS is neutral.
 */
const DIFF_STEPS = 5;
const DIFF_PALETTE = [
  '#2166ac', '#4393c3', '#92c5de', '#c6dbef', '#dde6ee',
  '#d9d9d9',
  '#f6dede', '#fcbba1', '#f4a582', '#d6604d', '#b2182b',
];

/** The package part of a frame name: up to the first dot after the last slash ("compress/flate.(*w).Write" → "compress/flate"). */
export function packageOf(name: string): string {
  const call = name.indexOf('(');
  const slash = name.lastIndexOf('/', call >= 0 ? call : name.length);
  const dot = name.indexOf('.', slash + 1);
  return dot > 0 ? name.slice(0, dot) : name;
}

/** Relative luminance (sRGB, WCAG) of a #rrggbb colour. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Dark text where it reads better than white (contrast ratio against the bar colour). */
const textFor = (palette: readonly string[]) => palette.map((c) => ((luminance(c) + 0.05) / 0.05 >= 1.05 / (luminance(c) + 0.05) ? '#1f1f24' : '#ffffff'));
const PACKAGE_TEXT = textFor(PACKAGE_PALETTE);
const HEAT_TEXT = textFor(HEAT_PALETTE);
const DIFF_TEXT = textFor(DIFF_PALETTE);

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Colours of a single profile. */
export function profileColors(tree: FrameTree, scheme: ColorScheme): FrameColors {
  const index = new Uint8Array(tree.length);
  if (scheme === 'value') {
    let maxSelf = 0;
    for (let i = 1; i < tree.length; i++) maxSelf = Math.max(maxSelf, Math.abs(tree.self[i]!));
    const top = HEAT_PALETTE.length - 1;
    for (let i = 0; i < tree.length; i++) {
      const share = maxSelf === 0 ? 0 : Math.abs(tree.self[i]!) / maxSelf;
      index[i] = share === 0 ? 0 : 1 + Math.min(top - 1, Math.floor(share * top));
    }
    return { palette: HEAT_PALETTE, text: HEAT_TEXT, index };
  }
  const byName = new Uint8Array(tree.names.length);
  for (let n = 0; n < tree.names.length; n++) byName[n] = hash(packageOf(tree.names.get(n))) % PACKAGE_PALETTE.length;
  for (let i = 0; i < tree.length; i++) index[i] = byName[tree.nameId[i]!]!;
  return { palette: PACKAGE_PALETTE, text: PACKAGE_TEXT, index };
}

/**
 * Colours of a diff by `metric`; `saturation` is the change drawn at full intensity (0 = the largest
 * change in the tree). Frames on one side only get the extreme colour of their direction.
 */
export function diffColors(tree: FrameTree, metric: DiffMetricOptions = DEFAULT_DIFF_METRIC, saturation = 0): FrameColors & { readonly saturation: number } {
  const index = new Uint8Array(tree.length).fill(DIFF_STEPS);
  if (!isDiffTree(tree)) return { palette: DIFF_PALETTE, text: DIFF_TEXT, index, saturation };
  const change = new Float64Array(tree.length);
  let largest = 0;
  for (let i = 0; i < tree.length; i++) {
    const d = diffValue(tree, i, metric);
    change[i] = d;
    if (Number.isFinite(d)) largest = Math.max(largest, Math.abs(d));
  }
  const full = saturation > 0 ? saturation : largest;
  for (let i = 0; i < tree.length; i++) {
    const d = change[i]!;
    if (d === 0 || full === 0) continue;
    const step = Number.isFinite(d) ? Math.max(1, Math.min(DIFF_STEPS, Math.ceil((Math.abs(d) / full) * DIFF_STEPS))) : DIFF_STEPS;
    index[i] = DIFF_STEPS + Math.sign(d) * step;
  }
  return { palette: DIFF_PALETTE, text: DIFF_TEXT, index, saturation: full };
}

/** The colour of the strongest growth and shrinkage (for the legend and tests). */
export const DIFF_GREW = DIFF_PALETTE[DIFF_PALETTE.length - 1]!;
export const DIFF_SHRANK = DIFF_PALETTE[0]!;
