import type { FrameIndex, FrameTree } from '@flamelens/core';
import { DIFF_BUCKETS, DIFF_STEPS, diffBucketColours, type DiffReader } from './diff-colour.ts';
import { hashBytes, packageEnd } from './package-key.ts';
import { mix, packagePalette, textColourOn, THEMES, type PaletteName, type ThemeName } from './palette.ts';

/** What decides a bar's colour: its package, or (diff trees) its change. */
export type ColourMode = 'package' | 'diff';

/**
 * The colour table of one set of settings, and each frame's index into it. Built once per settings
 * change: all colour strings exist before the draw loop, which only computes small integers.
 *
 *   package mode: [palette 0..P-1 | the same dimmed | merged | merged dimmed]
 *   diff mode:    [buckets 0..32 (blue … grey … red) | the same dimmed]
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
    private readonly diff: { readonly reader: DiffReader; readonly saturation: number } | null = null,
  ) {
    const colours = THEMES[theme];
    const base = mode === 'diff' ? diffBucketColours(colours) : [...packagePalette(palette, theme), colours.merged];
    this.paletteSize = mode === 'diff' ? DIFF_BUCKETS : base.length - 1;
    const dimmed = base.map((c) => mix(c, colours.background, colours.dimAmount));
    this.fills = [...base, ...dimmed];
    this.labels = this.fills.map((c, i) =>
      i < base.length ? textColourOn(c, colours) : mix(textColourOn(base[i - base.length]!, colours), colours.background, 0.55),
    );
    this.dimOffset = base.length;
    this.merged = mode === 'diff' ? DIFF_STEPS : this.paletteSize;
    this.nameColour = new Int16Array(tree.names.length).fill(-1);
  }

  /** The undimmed colour index of `frame`. No allocation. */
  of(frame: FrameIndex): number {
    if (this.diff) return this.diff.reader.bucket(frame, this.diff.saturation);
    // The synthetic root is everything: neutral, not the colour of some package named "all".
    if (frame === 0) return this.merged;
    const id = this.tree.nameId[frame]!;
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

  /** How strongly an index stands out (diff: distance from neutral), to pick a merged run's colour. */
  strength(index: number): number {
    return this.mode === 'diff' ? Math.abs(index - DIFF_STEPS) : 0;
  }
}
