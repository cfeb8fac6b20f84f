/**
 * Fits labels into bars: widths come from a per-character table measured once per font (so a label
 * costs a loop over its characters, not a `measureText` call), and text that does not fit is trimmed in
 * the middle — `encoding/json.(*dec…).object` keeps both the package and the method. When a search
 * matches inside the name, the trimmed label keeps the match visible.
 */
export class TextFitter {
  /** Widths of ASCII characters; -1 = not measured yet. */
  private readonly ascii = new Float32Array(128).fill(-1);
  private readonly other = new Map<number, number>();
  private ellipsisWidth = -1;

  constructor(private readonly measure: (text: string) => number) {}

  /** Width of one UTF-16 code unit (surrogate halves are measured as a pair by the caller's font). */
  charWidth(code: number): number {
    if (code < 128) {
      let w = this.ascii[code]!;
      if (w < 0) {
        w = this.measure(String.fromCharCode(code));
        this.ascii[code] = w;
      }
      return w;
    }
    let w = this.other.get(code);
    if (w === undefined) {
      w = this.measure(String.fromCharCode(code));
      this.other.set(code, w);
    }
    return w;
  }

  /** Width of `text[from, to)`. */
  width(text: string, from = 0, to = text.length): number {
    let w = 0;
    for (let i = from; i < to; i++) w += this.charWidth(text.charCodeAt(i));
    return w;
  }

  private get ellipsis(): number {
    if (this.ellipsisWidth < 0) this.ellipsisWidth = this.measure(ELLIPSIS);
    return this.ellipsisWidth;
  }

  /**
   * `text` if it fits in `available`, else a middle-trimmed version with an ellipsis, or '' when not even
   * one character and the ellipsis fit. `keep` is a range to keep visible (a search match).
   */
  label(text: string, available: number, keep: readonly [number, number] | null = null): string {
    const full = this.width(text);
    if (full <= available) return text;
    const budget = available - this.ellipsis;
    if (text.length === 0 || budget < this.charWidth(text.charCodeAt(0))) return '';
    // Head gets half the room, the tail the rest (and whatever the head left unused).
    let head = 0;
    let used = 0;
    while (head < text.length) {
      const w = this.charWidth(text.charCodeAt(head));
      if (used + w > budget / 2) break;
      used += w;
      head++;
    }
    let tail = 0;
    while (tail < text.length - head) {
      const w = this.charWidth(text.charCodeAt(text.length - 1 - tail));
      if (used + w > budget) break;
      used += w;
      tail++;
    }
    if (keep && !(keep[1] <= head || keep[0] >= text.length - tail)) return this.window(text, available, keep[0]);
    return `${text.slice(0, Math.max(head, 1))}${ELLIPSIS}${tail > 0 ? text.slice(text.length - tail) : ''}`;
  }

  /** "…match and what follows…": the text from `start` on, trimmed at the right. */
  private window(text: string, available: number, start: number): string {
    const lead = start > 0 ? ELLIPSIS : '';
    let budget = available - (start > 0 ? this.ellipsis : 0) - this.ellipsis;
    let end = start;
    while (end < text.length) {
      const w = this.charWidth(text.charCodeAt(end));
      if (w > budget) break;
      budget -= w;
      end++;
    }
    if (end === text.length) return `${lead}${text.slice(start)}`;
    return end > start ? `${lead}${text.slice(start, end)}${ELLIPSIS}` : '';
  }
}

export const ELLIPSIS = '…';
