import { frameAt, treeFromFolded } from '@flamelens/core/testing';
import { BarColours, DEFAULT_DIFF_COLOURS, DIFF_STEPS, fadedColour, FlameRenderer, LayoutJob, runToEnd, THEMES } from '@flamelens/renderer';
import { afterEach, describe, expect, it } from 'vitest';
import { recordCanvasHeights } from './canvas-heights.ts';
import { diffFromFolded } from './fixtures.ts';

const TREE = treeFromFolded(`
  main;encoding/json.Unmarshal;encoding/json.(*decodeState).object 6
  main;runtime.mallocgc 2
  gc;runtime.gcDrain 2
`);

const made: FlameRenderer[] = [];
afterEach(() => {
  for (const r of made.splice(0)) {
    r.destroy();
    r.canvas.remove();
  }
});

function renderer(width: number, height: number, dpr: number, tree = TREE): FlameRenderer {
  const r = new FlameRenderer();
  made.push(r);
  document.body.append(r.canvas);
  r.setTree(tree);
  r.resize(width, height, dpr);
  return r;
}

/** [r, g, b] of the device pixel (x, y). */
function pixel(r: FlameRenderer, x: number, y: number): [number, number, number] {
  const data = r.canvas.getContext('2d')!.getImageData(Math.floor(x), Math.floor(y), 1, 1).data;
  return [data[0]!, data[1]!, data[2]!];
}

/** [r, g, b] of a CSS colour, as the canvas stores it. */
function rgb(colour: string): number[] {
  const c = document.createElement('canvas').getContext('2d')!;
  c.fillStyle = colour;
  c.fillRect(0, 0, 1, 1);
  return [...c.getImageData(0, 0, 1, 1).data.slice(0, 3)];
}

describe('FlameRenderer on a real canvas', () => {
  it("paints a known frame in its package's colour at its position", () => {
    const r = renderer(600, 120, 1);
    const frame = frameAt(TREE, 'main;runtime.mallocgc');
    const box = r.frameBox(frame)!;
    const colours = new BarColours(TREE, 'package', 'light', 'default');
    // The bar's top pixel row, left part: above the label text.
    expect(pixel(r, box.x + 2, box.y + 1)).toEqual(rgb(colours.fills[colours.of(frame)]!));
    expect(r.hitTest(box.x + box.width / 2, box.y + box.height / 2)).toBe(frame);
  });

  it('dims frames that do not match the search and keeps matches at full colour', () => {
    const r = renderer(600, 120, 1);
    const colours = new BarColours(TREE, 'package', 'light', 'default');
    const match = frameAt(TREE, 'main;encoding/json.Unmarshal');
    const other = frameAt(TREE, 'gc;runtime.gcDrain');
    r.setOptions({ search: { text: 'JSON' } });
    r.draw();
    const m = r.frameBox(match)!;
    const o = r.frameBox(other)!;
    expect(pixel(r, m.x + 2, m.y + 1)).toEqual(rgb(colours.fills[colours.of(match)]!));
    expect(pixel(r, o.x + 2, o.y + 1)).toEqual(rgb(colours.fills[colours.of(other) + colours.dimOffset]!));
    expect(r.searchResult.matchedTotal).toBe(6);
  });

  it('draws sharp edges at device pixel ratio 2: no blended pixels between bars and rows', () => {
    const tree = treeFromFolded('left 1\nright 1\n');
    const r = renderer(300, 60, 2);
    r.setTree(tree);
    r.draw();
    expect(r.canvas.width).toBe(600);
    const colours = new BarColours(tree, 'package', 'light', 'default');
    const left = rgb(colours.fills[colours.of(frameAt(tree, 'left'))]!);
    const right = rgb(colours.fills[colours.of(frameAt(tree, 'right'))]!);
    const background = rgb(THEMES.light.background);
    // Row 1 spans device y 36..69 (18 CSS px × 2, minus a 2-px gap); the split is at device x 300.
    const y = 36 + 2;
    expect(pixel(r, 298, y)).toEqual(left);
    expect(pixel(r, 299, y)).toEqual(background);
    expect(pixel(r, 300, y)).toEqual(right);
    expect(pixel(r, 310, 36 + 33)).toEqual(right);
    expect(pixel(r, 310, 36 + 34)).toEqual(background);
  });

  it('draws labels as text inside wide bars', () => {
    const r = renderer(600, 120, 2);
    const frame = frameAt(TREE, 'main');
    const box = r.frameBox(frame)!;
    const colours = new BarColours(TREE, 'package', 'light', 'default');
    const fill = rgb(colours.fills[colours.of(frame)]!);
    let inked = 0;
    for (let x = 8; x < 40; x++) if (pixel(r, (box.x + x) * 2, (box.y + box.height / 2) * 2).join() !== fill.join()) inked++;
    expect(inked).toBeGreaterThan(3);
  });

  it('puts the root at the bottom in the flame view', () => {
    const r = renderer(600, 120, 1);
    r.setOptions({ view: 'flame' });
    r.draw();
    const colours = new BarColours(TREE, 'package', 'light', 'default');
    expect(pixel(r, 300, 103)).toEqual(rgb(colours.fills[colours.merged]!)); // the root is neutral
    expect(r.hitTest(300, 110)).toBe(0);
  });

  it('merges bars narrower than a pixel into one visible run', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `main;tiny${i} 1`).join('\n');
    const tree = treeFromFolded(lines);
    const r = renderer(400, 80, 1, tree);
    const stats = r.draw()!;
    expect(stats.mergedRuns).toBeGreaterThan(0);
    expect(stats.bars).toBeLessThan(10);
    const colours = new BarColours(tree, 'package', 'light', 'default');
    expect(pixel(r, 200, 36 + 2)).toEqual(rgb(colours.fills[colours.merged]!));
  });

  it('hatches diff frames that exist on one side only', () => {
    const tree = diffFromFolded('main;kept 5 5\nmain;new 0 5\n');
    const r = renderer(400, 80, 1, tree);
    const box = r.frameBox(frameAt(tree, 'main;new'))!;
    const seen = new Set<string>();
    // Right of the short label: only the fill and the hatching there.
    for (let x = 60; x < 100; x++) seen.add(pixel(r, box.x + x, box.y + 8).join());
    expect(seen.size).toBeGreaterThan(1);
    const kept = r.frameBox(frameAt(tree, 'main;kept'))!;
    const keptSeen = new Set<string>();
    for (let x = 60; x < 100; x++) keptSeen.add(pixel(r, kept.x + x, kept.y + 8).join());
    expect(keptSeen.size).toBe(1);
  });

  it('zooms around the pointer without re-laying out, and focus fills the width', () => {
    const r = renderer(600, 120, 1);
    const layout = r.layout;
    const frame = frameAt(TREE, 'main;encoding/json.Unmarshal');
    r.setOptions({ focus: frame });
    r.draw();
    expect(r.frameBox(frame)!.x).toBeCloseTo(0, 6);
    expect(r.frameBox(frame)!.width).toBeCloseTo(600, 6);
    // Ancestors stay visible across the width (breadcrumb rows).
    expect(r.hitTest(5, 20)).toBe(frameAt(TREE, 'main'));
    r.zoomAt(150, 2);
    expect(r.layout).toBe(layout);
    expect(r.viewRange.end - r.viewRange.start).toBeCloseTo(3, 9);
  });
});

describe('diff colours on the canvas', () => {
  it('paints grown frames red, shrunk frames blue, unchanged ones grey', () => {
    const tree = diffFromFolded('main;grew 10 30\nmain;shrank 30 10\nmain;same 20 20\n');
    const r = renderer(600, 100, 1, tree);
    const at = (path: string) => {
      const box = r.frameBox(frameAt(tree, path))!;
      return pixel(r, box.x + box.width - 6, box.y + 2);
    };
    const [gr, gg, gb] = at('main;grew');
    expect(gr).toBeGreaterThan(gb + 60);
    expect(gr).toBeGreaterThan(gg + 60);
    const [sr, , sb] = at('main;shrank');
    expect(sb).toBeGreaterThan(sr + 60);
    const [nr, ng, nb] = at('main;same');
    expect(Math.max(nr, ng, nb) - Math.min(nr, ng, nb)).toBeLessThan(12);
    // The saturation point is the largest change (auto): the grown frame is at full red.
    expect(at('main;grew')).toEqual(rgb(THEMES.light.diffGrew));
  });
});

describe('noise fading on the canvas', () => {
  // Sample counts (folded): big 50% → 65% is far beyond noise; small 2% → 2.2% is within it.
  const tree = diffFromFolded('main;big 1000 1300\nmain;small 40 44\nmain;rest 960 656\n');
  const topLeft = (r: FlameRenderer, path: string) => {
    const box = r.frameBox(frameAt(tree, path))!;
    return pixel(r, box.x + 2, box.y + 1);
  };

  it('paints a change within sampling noise faded and a real change at full colour', () => {
    const r = renderer(800, 100, 1, tree);
    // Saturated at ±0.5 pp, so the small change (+0.2 pp) has a visible red of its own.
    r.setOptions({ diff: { ...DEFAULT_DIFF_COLOURS, saturation: 0.5 } });
    r.draw();
    const colours = r.barColours!;
    const small = colours.of(frameAt(tree, 'main;small'));
    const big = colours.of(frameAt(tree, 'main;big'));
    expect(r.diffNoise?.kind).toBe('counts');
    expect(colours.isFaded(small)).toBe(true);
    expect(colours.isFaded(big)).toBe(false);
    expect(topLeft(r, 'main;small')).toEqual(rgb(fadedColour(colours.fills[colours.bucketOf(small)]!, THEMES.light)));
    expect(topLeft(r, 'main;big')).toEqual(rgb(colours.fills[big]!));
    const [sr, , sb] = topLeft(r, 'main;small');
    expect(colours.bucketOf(small)).toBeGreaterThan(DIFF_STEPS);
    expect(sr).toBeGreaterThan(sb); // faded, but still on the red side
  });

  it('paints it at full colour again when fading is off', () => {
    const r = renderer(800, 100, 1, tree);
    r.setOptions({ diff: { ...DEFAULT_DIFF_COLOURS, fadeNoise: false } });
    r.draw();
    const colours = r.barColours!;
    const small = colours.of(frameAt(tree, 'main;small'));
    expect(colours.isFaded(small)).toBe(false);
    expect(topLeft(r, 'main;small')).toEqual(rgb(colours.fills[small]!));
  });

  it('fades nothing when the values are not sample counts, and says why', () => {
    const times = { ...tree, unit: 'nanoseconds' };
    const r = renderer(800, 100, 1, times);
    expect(r.diffNoise?.kind).toBe('unavailable');
    expect(r.diffNoiseMask).toBeNull();
    const colours = r.barColours!;
    expect(colours.isFaded(colours.of(frameAt(tree, 'main;small')))).toBe(false);
  });
});

describe('FlameRenderer edge cases', () => {
  it('lays out a big tree in slices, and a tree set meanwhile wins', async () => {
    const lines = Array.from({ length: 70_000 }, (_, i) => `r;a${i % 50};b${i};c${i};d${i} 1`).join('\n');
    const big = treeFromFolded(lines);
    expect(big.length).toBeGreaterThan(200_000);
    // Each clock read 5 ms after the last while the renderer starts: its first slice (8 ms) ends at its
    // second clock check however fast this machine lays the tree out (on an idle fast one, 280 k frames fit
    // in one real slice, and the check that the layout is sliced could not fail).
    let clock = performance.now();
    Object.defineProperty(performance, 'now', { configurable: true, value: () => (clock += 5) });
    let r: FlameRenderer;
    try {
      r = renderer(400, 100, 1, big);
    } finally {
      delete (performance as { now?: unknown }).now; // the prototype's again
    }
    expect(r.layout).toBeNull(); // still running: the page was not blocked for the whole layout
    r.setTree(TREE);
    await r.whenReady();
    expect(r.layout?.tree).toBe(TREE);
    r.setTree(big);
    await r.whenReady();
    expect(r.layout?.tree).toBe(big);
    expect(r.layout?.rootWidth).toBe(70_000);
  });

  it('draws nothing and hits nothing for a zero total, an empty view or no tree', () => {
    const zero = treeFromFolded('main;idle 0\n');
    const r = renderer(200, 60, 1, zero);
    expect(r.hitTest(100, 5)).toBe(-1);
    expect(pixel(r, 100, 5)).toEqual(rgb(THEMES.light.background));
    r.setTree(null);
    r.draw();
    expect(pixel(r, 100, 5)).toEqual(rgb(THEMES.light.background));
    expect(r.hitTest(100, 5)).toBe(-1);
    r.setTree(TREE);
    r.resize(0, 0, 1);
    expect(() => r.draw()).not.toThrow();
  });

  it('keeps drawing in the dark theme with the colour-blind palette', () => {
    const r = renderer(300, 60, 1);
    r.setOptions({ theme: 'dark', palette: 'colorblind' });
    r.draw();
    const colours = new BarColours(TREE, 'package', 'dark', 'colorblind');
    const frame = frameAt(TREE, 'gc');
    const box = r.frameBox(frame)!;
    expect(pixel(r, box.x + 2, box.y + 1)).toEqual(rgb(colours.fills[colours.of(frame)]!));
    expect(pixel(r, 299, 59)).toEqual(rgb(THEMES.dark.background));
  });

  it('draws again on a resize only when the size changed (a ResizeObserver repeats the size set on mount)', () => {
    const r = new FlameRenderer();
    made.push(r);
    r.setTree(TREE);
    r.resize(200, 60, 1);
    expect(r.canvas.dataset.draws).toBe('1');
    r.resize(200, 60, 1);
    expect(r.canvas.dataset.draws).toBe('1');
    r.resize(201, 60, 1);
    expect(r.canvas.dataset.draws).toBe('2');
    expect(r.canvas.width).toBe(201);
    r.resize(201, 60, 2);
    expect(r.canvas.dataset.draws).toBe('3');
    expect(r.canvas.width).toBe(402);
  });

  it('counts its paints on the canvas (data-draws, data-draw-ms) for hosts that cannot reach the renderer', () => {
    const r = new FlameRenderer();
    made.push(r);
    r.resize(200, 60, 1); // no tree yet: the canvas is cleared, nothing is painted
    expect(r.canvas.dataset.draws).toBeUndefined();
    r.setTree(TREE);
    r.draw();
    r.draw();
    expect(r.canvas.dataset.draws).toBe('2');
    expect(Number(r.canvas.dataset.drawMs)).toBeGreaterThanOrEqual(0);
    r.setTree(null);
    r.draw();
    expect(r.canvas.dataset.draws).toBe('2');
  });

  it('gives kept canvases back first in, first out, at their size, and lays out the next trees on kept rows', () => {
    // 1202 frames: more than any tree of the other tests, so only this test's kept rows fit
    const big = treeFromFolded(Array.from({ length: 600 }, (_, i) => `main;f${i};g${i} ${i + 1}`).join('\n'));
    const a = renderer(400, 100, 1, big);
    const b = renderer(400, 200, 1, big);
    const [canvasA, canvasB] = [a.canvas, b.canvas];
    const rowsA = a.layout!;
    const rowsB = b.layout!;
    a.release();
    b.release();
    expect(a.layout).toBeNull();
    // what was on the kept rows must not show through: every position is written again
    for (const rows of [rowsA, rowsB]) {
      rows.rowFrames.fill(7);
      rows.rowX.fill(Number.NaN);
      rows.rowWidth.fill(-1);
    }
    const { heights, stop } = recordCanvasHeights();
    let c: FlameRenderer;
    let d: FlameRenderer;
    try {
      c = renderer(400, 100, 1, big);
      d = renderer(400, 200, 1, treeFromFolded(Array.from({ length: 590 }, (_, i) => `main;h${i};k${i} 2`).join('\n')));
    } finally {
      stop();
    }
    expect(c.canvas).toBe(canvasA);
    expect(d.canvas).toBe(canvasB);
    expect(heights).toEqual([]); // each got the bitmap it had: none allocated again
    // each laid out on one of the kept sets (the last kept fitting goes first)
    const kept = [rowsA.rowFrames.buffer, rowsB.rowFrames.buffer];
    const used = [c.layout!.rowFrames.buffer, d.layout!.rowFrames.buffer];
    expect(used[0] !== used[1] && used.every((b) => kept.includes(b))).toBe(true);
    for (const r of [c, d]) {
      const fresh = new LayoutJob(r.layout!.tree, 'total');
      runToEnd(fresh);
      expect([...r.layout!.rowFrames]).toEqual([...fresh.layout!.rowFrames]);
      expect([...r.layout!.rowX]).toEqual([...fresh.layout!.rowX]);
      expect([...r.layout!.rowWidth]).toEqual([...fresh.layout!.rowWidth]);
    }
  });

  it('lays out the next tree on the rows of a layout another tree replaced', () => {
    const big = treeFromFolded(Array.from({ length: 700 }, (_, i) => `main;p${i};q${i} ${i + 1}`).join('\n'));
    const r = renderer(400, 100, 1, big);
    const replaced = r.layout!;
    r.setTree(TREE);
    expect(r.layout!.tree).toBe(TREE);
    replaced.rowX.fill(Number.NaN);
    const next = renderer(400, 100, 1, treeFromFolded(Array.from({ length: 650 }, (_, i) => `main;s${i};t${i} 1`).join('\n')));
    expect(next.layout!.rowX.buffer).toBe(replaced.rowX.buffer);
    const fresh = new LayoutJob(next.layout!.tree, 'total');
    runToEnd(fresh);
    expect([...next.layout!.rowX]).toEqual([...fresh.layout!.rowX]);
    expect([...next.layout!.rowFrames]).toEqual([...fresh.layout!.rowFrames]);
  });

  it('a released renderer draws nothing more, and the next renderer gets its canvas, reset', () => {
    const other = treeFromFolded('gc;mark 4\nmain;work 3\n');
    const fresh = (): string => {
      const canvas = document.createElement('canvas');
      const r = new FlameRenderer(canvas);
      made.push(r);
      document.body.append(canvas);
      r.setTree(other);
      r.resize(300, 150, 1);
      return canvas.toDataURL();
    };
    const expected = fresh();
    // the constructor's default size: no resize of the kept canvas resets its state by chance
    const first = renderer(300, 150, 1);
    // a context state that would spoil the next owner's picture if it were kept
    const ctx = first.canvas.getContext('2d')!;
    ctx.translate(40, 7);
    ctx.globalAlpha = 0.2;
    ctx.font = '30px serif';
    const canvas = first.canvas;
    canvas.dataset.stale = 'true'; // a host's mark on the old graph's canvas
    canvas.setAttribute('aria-label', 'old graph');
    first.release();
    expect(canvas.isConnected).toBe(false);
    expect(canvas.getAttributeNames().filter((name) => name !== 'width' && name !== 'height')).toEqual([]);
    const second = renderer(300, 150, 1, other);
    expect(second.canvas).toBe(canvas);
    expect(canvas.toDataURL()).toBe(expected);
    expect(canvas.dataset.draws).toBe('1');
    // the released one neither draws nor schedules a draw on it any more
    expect(first.draw(true)).toBeNull();
    first.setTree(TREE);
    first.resize(120, 40, 1);
    expect(canvas.dataset.draws).toBe('1');
    expect(canvas.toDataURL()).toBe(expected);
    // releasing twice keeps it once; a canvas given by the host is never kept
    first.release();
    const given = document.createElement('canvas');
    const hosted = new FlameRenderer(given);
    hosted.release();
    const third = new FlameRenderer();
    made.push(third);
    expect(third.canvas).not.toBe(canvas);
    expect(third.canvas).not.toBe(given);
  });
});
