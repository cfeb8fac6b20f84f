import type { FrameIndex, FrameTree } from '@flamelens/core';
import { DIFF_BUCKETS, DIFF_STEPS, diffBucketColours, type DiffReader } from './diff-colour.ts';
import { hashBytes, packageEnd } from './package-key.ts';
import { mix, packagePalette, textColourOn, THEMES, type PaletteName, type ThemeColours, type ThemeName } from './palette.ts';

/** What decides a bar's colour: its package, or (diff trees) its change. */
export type ColourMode = 'package' | 'diff';

/**
 * The colour table of one set of settings, and each frame's index into it. Built once per settings
 * change: all colour strings exist before the draw loop, which only computes small integers.
 *
 *   package mode: [palette 0..P-1 | merged | all of these dimmed]
 *   diff mode:    [buckets 0..32 (blue … grey … red) | the same faded (within noise) | all of these dimmed]
 *
 * Dimmed (search) and faded (noise) are different things: dimmed moves a colour toward the background,
 * faded toward a pale grey that keeps a hint of its hue, so a faded red still reads as "grew, but maybe
 * by chance" and a search still dims it further.
 */
export class BarColours {
  /** Fill colour per index. */
  readonly fills: string[];
  /** Label colour per index (dark or light, by contrast with the fill). */
  readonly labels: string[];
  /** Add to an index for its dimmed (non-matching) variant. */
  readonly dimOffset: number;
  /** Index of a merged run of tiny bars (package mode). */
  readonly merged: number;
  /** Palette index per name id, -1 until first needed (computed from the name's bytes, no string). */
  private readonly nameColour: Int16Array;
  private readonly paletteSize: number;

  constructor(
    private readonly tree: FrameTree,
    readonly mode: ColourMode,
    theme: ThemeName,
    palette: PaletteName,
    private readonly diff: DiffColouring | null = null,
  ) {
    const colours = THEMES[theme];
    const buckets = mode === 'diff' ? diffBucketColours(colours) : [];
    const base = mode === 'diff' ? [...buckets, ...buckets.map((c) => fadedColour(c, colours))] : [...packagePalette(palette, theme), colours.merged];
    this.paletteSize = mode === 'diff' ? DIFF_BUCKETS : base.length - 1;
    const dimmed = base.map((c) => mix(c, colours.background, colours.dimAmount));
    this.fills = [...base, ...dimmed];
    this.labels = this.fills.map((c, i) =>
      i < base.length ? textColourOn(c, colours) : mix(textColourOn(base[i - base.length]!, colours), colours.background, 0.55),
    );
    this.dimOffset = base.length;
    this.merged = mode === 'diff' ? DIFF_STEPS : this.paletteSize;
    this.nameColour = new Int16Array(tree.names.length).fill(-1);
    this.narrow = tree.info.narrowNameId ?? -1;
  }

  /** The name id of a preview's placeholder frames (-1: not a preview). */
  private readonly narrow: number;

  /** The undimmed colour index of `frame`. No allocation. */
  of(frame: FrameIndex): number {
    const id = this.tree.nameId[frame]!;
    // A preview's placeholder stands for narrow frames left out: drawn as a merged run of them is.
    if (id === this.narrow) return this.merged;
    if (this.diff) {
      const bucket = this.diff.reader.bucket(frame, this.diff.saturation);
      const faded = this.diff.faded;
      return faded !== null && faded[frame] === 1 ? bucket + DIFF_BUCKETS : bucket;
    }
    // The synthetic root is everything: neutral, not the colour of some package named "all".
    if (frame === 0) return this.merged;
    let c = this.nameColour[id]!;
    if (c < 0) {
      const { bytes, offsets } = this.tree.names;
      const start = offsets[id]!;
      c = hashBytes(bytes, start, packageEnd(bytes, start, offsets[id + 1]!)) % this.paletteSize;
      this.nameColour[id] = c;
    }
    return c;
  }

  /** Bytes held per tree (2 per name). */
  get bytes(): number {
    return this.nameColour.byteLength;
  }

  /**
   * How strongly an index stands out, to pick a merged run's colour: diff distance from neutral, a faded
   * colour below every full one of the same side (it says "maybe nothing changed").
   */
  strength(index: number): number {
    if (this.mode !== 'diff') return 0;
    const bucket = index % DIFF_BUCKETS;
    const distance = Math.abs(bucket - DIFF_STEPS);
    return index >= DIFF_BUCKETS && index < 2 * DIFF_BUCKETS ? distance / (DIFF_STEPS + 1) : distance;
  }

  /** Diff mode: the colour bucket of an index (0 … DIFF_BUCKETS−1, DIFF_STEPS = neutral), dimmed or not. */
  bucketOf(index: number): number {
    return index % DIFF_BUCKETS;
  }

  /** Diff mode: true when the index is a faded (within-noise) colour. */
  isFaded(index: number): boolean {
    return this.mode === 'diff' && index % this.dimOffset >= DIFF_BUCKETS;
  }
}

/** How a diff tree's frames get their colour index. */
export interface DiffColouring {
  readonly reader: DiffReader;
  /** The change drawn at full intensity. */
  readonly saturation: number;
  /** 1 per frame whose change is within sampling noise (drawn faded); null = nothing faded. */
  readonly faded: Uint8Array | null;
}

/** How far a faded colour moves toward pale grey: enough to recede, little enough to keep its hue. */
const FADE_TO_GREY = 0.55;
const FADE_TO_BACKGROUND = 0.35;

/** A diff colour as drawn for a change within sampling noise: desaturated and moved toward the background. */
export function fadedColour(colour: string, theme: ThemeColours): string {
  return mix(mix(colour, theme.diffNeutral, FADE_TO_GREY), theme.background, FADE_TO_BACKGROUND);
}
