/**
 * Driving the panel in a harness page: mount it, wait for its canvas to paint, read pixels, hover for the
 * tooltip. The panel draws with <FlameGraph>; its renderer counts paints on the canvas (`data-draws`, see
 * packages/react/README.md), so every wait here is for an event, never for time.
 */
import { expect, type Page } from '@playwright/test';

/** What host/host.js puts on `window.flamelensHost`. */
export interface Host {
  load(): Promise<{ react: string; grafana: string; instanceOfPanelPlugin: boolean; defaults: Record<string, unknown>; id: string }>;
  /** Mounts a fresh panel; returns performance.now() just before React renders it. */
  render(props: Record<string, unknown>): number;
  /** Re-renders the mounted panel with some props changed (as Grafana does on resize or a theme switch). */
  update(changes: Record<string, unknown>): number;
  theme(mode: 'dark' | 'light'): { background: string; text: string };
  format(unit: string, value: number, decimals?: number): string;
  migrate(options: Record<string, unknown>): Promise<{ shouldMigrate: boolean; options: Record<string, unknown> | undefined }>;
  /** Every paint so far: when it ended, the canvas's paint count, the paint's own time. */
  paints(): { at: number; draws: number; ms: number }[];
}

declare global {
  interface Window {
    flamelensHost: Host;
  }
}

/** Row height of the flame graph in CSS px (the renderer's default `rowHeight`). */
export const ROW = 18;
/** The middle of `row`: inside the bar, left of its label (labels start 4 px in). */
export const rowY = (row: number) => row * ROW + ROW / 2;
/** A point near the bottom edge of a bar in `row`: below the label text, so its pixel is the bar colour. */
export const barY = (row: number) => row * ROW + ROW - 3;
/** Tooltip offset from the pointer and its wrapping width (packages/react/src/Tooltip.tsx). */
const TOOLTIP_OFFSET = 14;
const TOOLTIP_MAX_WIDTH = 420;

/** The <FlameGraph> of the current panel. */
export const graph = (page: Page) => page.getByTestId('flame-graph');
/** Its canvas (a stale one, from the panel being replaced, excluded). */
export const canvas = (page: Page) => page.locator('[data-testid=flame-area] canvas:not([data-stale])');

export async function draws(page: Page): Promise<number> {
  return page.evaluate(() => Number((document.querySelector('[data-testid=flame-area] canvas:not([data-stale])') as HTMLElement | null)?.dataset.draws ?? 0));
}

/** Waits until the current (not stale) canvas has painted more than `count` times. */
export async function waitForDraw(page: Page, count: number) {
  await page.waitForFunction((n) => {
    const c = document.querySelector('[data-testid=flame-area] canvas:not([data-stale])') as HTMLElement | null;
    return c !== null && Number(c.dataset.draws ?? 0) > n;
  }, count);
}

/**
 * Renders a fresh panel (`render`) or re-renders the mounted one with some props changed (`update`), and
 * waits until the canvas has painted the result: a new canvas for a fresh panel, one more paint otherwise.
 */
export async function show(page: Page, props: Record<string, unknown>, how: 'render' | 'update' = 'render') {
  const before = await page.evaluate((fresh) => {
    const old = document.querySelector('[data-testid=flame-area] canvas') as HTMLElement | null;
    if (old && fresh) old.dataset.stale = 'true';
    return fresh ? 0 : Number(old?.dataset.draws ?? 0);
  }, how === 'render');
  await page.evaluate(([p, h]) => void window.flamelensHost[h](p), [props, how] as const);
  await waitForDraw(page, before);
}

/** The canvas pixel at CSS coordinates (x, y) as [r, g, b]. */
export async function pixel(page: Page, x: number, y: number): Promise<number[]> {
  return canvas(page).evaluate(
    (c, [px, py]) => {
      const el = c as HTMLCanvasElement;
      const ratio = el.width / el.clientWidth;
      return Array.from(el.getContext('2d')!.getImageData(Math.floor(px! * ratio), Math.floor(py! * ratio), 1, 1).data.slice(0, 3));
    },
    [x, y],
  );
}

/**
 * Hovers the canvas at (x, y) and returns the tooltip's text once it shows the frame there — the tooltip
 * is placed from the pointer position, so one placed for (x, y) is not left over from an earlier hover —
 * or null when no tooltip for (x, y) appears within `timeout` ms (nothing there).
 */
export async function tooltipAt(page: Page, x: number, y: number, timeout = 2_000): Promise<string | null> {
  const target = canvas(page);
  await target.hover({ position: { x, y } });
  const box = (await target.boundingBox())!;
  const left = x + TOOLTIP_OFFSET + TOOLTIP_MAX_WIDTH > box.width ? Math.max(0, x - TOOLTIP_OFFSET - TOOLTIP_MAX_WIDTH) : x + TOOLTIP_OFFSET;
  const expected = { x: box.x + left, y: box.y + y + TOOLTIP_OFFSET };
  const tooltip = page.getByRole('tooltip');
  try {
    await expect
      .poll(async () => {
        const at = (await tooltip.count()) > 0 ? await tooltip.boundingBox() : null;
        return at !== null && Math.abs(at.x - expected.x) <= 1 && Math.abs(at.y - expected.y) <= 1;
      }, { timeout })
      .toBe(true);
  } catch {
    return null;
  }
  return (await tooltip.textContent()) ?? '';
}

/** The tooltip's text for the frame at (x, y); fails when there is none. */
export async function hoverTooltip(page: Page, x: number, y: number): Promise<string> {
  const text = await tooltipAt(page, x, y, 10_000);
  if (text === null) throw new Error(`no tooltip at (${x}, ${y})`);
  return text;
}

/** Moves the pointer off the panel and waits for the hover outline to be painted away. */
export async function leave(page: Page) {
  const tooltip = page.getByRole('tooltip');
  const before = await draws(page);
  const hovering = (await tooltip.count()) > 0;
  await page.mouse.move(page.viewportSize()!.width - 1, page.viewportSize()!.height - 1);
  if (!hovering) return;
  await expect(tooltip).toHaveCount(0);
  await waitForDraw(page, before);
}
