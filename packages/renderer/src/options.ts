import type { FrameIndex } from '@flamelens/core';
import { DEFAULT_DIFF_COLOURS, type DiffColourOptions } from './colour/diff-colour.ts';
import type { PaletteName, ThemeName } from './colour/palette.ts';
import type { ViewKind } from './draw/geometry.ts';
import type { WidthMode } from './layout/width-column.ts';
import type { SearchQuery } from './search/search.ts';

/** Everything `FlameRenderer.setOptions` takes; every field has a default. */
export interface FlameRendererOptions {
  /** `icicle`: root on top (default); `flame`: root at the bottom. */
  readonly view: ViewKind;
  readonly theme: ThemeName;
  readonly palette: PaletteName;
  /** `auto` (default): diff colours for a DiffTree, package colours otherwise. */
  readonly colourMode: 'auto' | 'package' | 'diff';
  /** Diff colouring: metric, self or total, saturation point, noise fading and its confidence. */
  readonly diff: DiffColourOptions;
  /** What bar widths follow; `auto`: `combined` for diff trees, `total` otherwise. */
  readonly widthMode: WidthMode | 'auto';
  /** Names matching it are drawn at full colour, the rest dimmed; null or '' = no search. */
  readonly search: SearchQuery | null;
  /** The focused frame: its bar fills the width, its ancestors stay above it. 0 = the root. */
  readonly focus: FrameIndex;
  /** Outlined frame (keyboard selection); -1 = none. */
  readonly selected: FrameIndex;
  /** Frame under the pointer, outlined lightly; -1 = none. */
  readonly hovered: FrameIndex;
  /** Vertical scroll from the root's edge, CSS px (see `maxScrollY`). */
  readonly scrollY: number;
  /** Row height, CSS px. */
  readonly rowHeight: number;
  /** Label font size (CSS px) and family. */
  readonly fontSize: number;
  readonly fontFamily: string;
}

export const DEFAULT_OPTIONS: FlameRendererOptions = {
  view: 'icicle',
  theme: 'light',
  palette: 'default',
  colourMode: 'auto',
  diff: DEFAULT_DIFF_COLOURS,
  widthMode: 'auto',
  search: null,
  focus: 0,
  selected: -1,
  hovered: -1,
  scrollY: 0,
  rowHeight: 18,
  fontSize: 12,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif',
};

/** True when two search queries mean the same search. */
export function sameSearch(a: SearchQuery | null, b: SearchQuery | null): boolean {
  if (!a?.text || !b?.text) return !a?.text && !b?.text;
  return a.text === b.text && (a.mode ?? 'substring') === (b.mode ?? 'substring') && !!a.caseSensitive === !!b.caseSensitive;
}

/** True when two diff colour settings are the same. */
export function sameDiff(a: DiffColourOptions, b: DiffColourOptions): boolean {
  return (
    a.metric === b.metric && a.useSelf === b.useSelf && a.saturation === b.saturation && a.fadeNoise === b.fadeNoise && a.confidence === b.confidence
  );
}
