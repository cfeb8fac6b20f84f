import type { Page } from '@playwright/test';
import { expect, test, waitReady } from '../support/fixtures.ts';

/** The flame graph's scroll area (keyboard focus, data-focus / data-selected paths). */
const area = (page: Page) => page.getByTestId('flame-area');

/** CSS point inside the flame graph canvas at (fraction of its width, row). */
async function pointAt(page: Page, fraction: number, row: number) {
  const box = (await area(page).locator('canvas').boundingBox())!;
  return { x: box.x + box.width * fraction, y: box.y + row * 18 + 9 };
}

test('the app draws the example as a flame graph', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  const canvas = area(page).locator('canvas');
  await expect(canvas).toBeVisible();
  // The root bar spans the width: the same colour at both ends of row 0, and it is not the background.
  const [left, right] = await canvas.evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d')!;
    const y = Math.round(2 * devicePixelRatio); // above the label text
    return [ctx.getImageData(4, y, 1, 1).data.join(), ctx.getImageData(c.width - 4, y, 1, 1).data.join()];
  });
  expect(left).toBe(right);
  expect(left).not.toBe('255,255,255,255');
});

test('clicking a frame focuses it: the breadcrumbs end with it and the tooltip named it', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  const at = await pointAt(page, 0.6, 4);
  await page.mouse.move(at.x, at.y);
  const tooltip = page.getByTestId('flame-tooltip');
  await expect(tooltip).toBeVisible();
  const name = (await tooltip.locator('div').first().textContent())!;
  expect(name.length).toBeGreaterThan(0);
  await page.mouse.click(at.x, at.y);
  await expect(area(page)).toHaveAttribute('data-focus', new RegExp(`;${escape(name)}$`));
  await expect(page.getByTestId('flame-breadcrumbs').locator('[aria-current="true"]')).toHaveText(name);
  // Back returns to the whole profile.
  await page.getByTestId('flame-back').click();
  await expect(area(page)).toHaveAttribute('data-focus', '');
});

test('search shows the matched share and dims the rest', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  const canvas = area(page).locator('canvas');
  const before = await canvas.evaluate((c: HTMLCanvasElement) => c.getContext('2d')!.getImageData(0, 0, c.width, 40).data.join());
  await page.getByTestId('flame-search').fill('scanobject');
  await expect(page.getByTestId('flame-search-status')).toHaveText(/^matched: 690 ms · 15\.8% of 4\.38 s$/);
  await expect
    .poll(() => canvas.evaluate((c: HTMLCanvasElement) => c.getContext('2d')!.getImageData(0, 0, c.width, 40).data.join()))
    .not.toBe(before);
  await page.getByTestId('flame-regex').click();
  await page.getByTestId('flame-search').fill('^runtime\\.(mallocgc|scanobject)$');
  await expect(page.getByTestId('flame-search-status')).toHaveText(/^matched: .+ of 4\.38 s$/);
  await page.getByTestId('flame-search').fill('(');
  await expect(page.getByTestId('flame-search-status')).toHaveText(/Not a valid regular expression/);
});

test('the keyboard moves the selection, Enter focuses, Escape resets, / searches', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await area(page).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const first = await area(page).getAttribute('data-selected');
  expect(first).toMatch(/^[^;]+$/);
  await expect(page.getByTestId('flame-live')).toContainText(`${first}: total`);
  await page.keyboard.press('ArrowRight');
  await expect(area(page)).not.toHaveAttribute('data-selected', first!);
  await page.keyboard.press('ArrowLeft');
  await expect(area(page)).toHaveAttribute('data-selected', first!);
  await page.keyboard.press('Enter');
  await expect(area(page)).toHaveAttribute('data-focus', first!);
  await page.keyboard.press('Escape');
  await expect(area(page)).toHaveAttribute('data-focus', '');
  await page.keyboard.press('/');
  await expect(page.getByTestId('flame-search')).toBeFocused();
});

test('the focus survives switching the sample type (kept as a path of names)', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await area(page).focus();
  for (const key of ['ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowDown', 'Enter']) await page.keyboard.press(key);
  const focus = (await area(page).getAttribute('data-focus'))!;
  expect(focus.split(';')).toHaveLength(2);
  await page.getByTestId('sample-type').selectOption({ index: 0 });
  await expect(page.getByTestId('sample-type')).toContainText('samples');
  await expect(area(page)).toHaveAttribute('data-focus', focus);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
