import { expect, test } from '../support/fixtures.ts';

/** Stories load Storybook's runtime first: on a busy machine that takes several seconds. */
const STORYBOOK = process.env.E2E_STORYBOOK_URL ?? 'http://127.0.0.1:6007';
const story = (id: string) => `${STORYBOOK}/iframe.html?id=${id}&viewMode=story`;

test('the 1M-frame story generates its tree and draws it', async ({ page }) => {
  await page.goto(story('react-flamegraph--million-frames'));
  await expect(page.getByTestId('story-frames')).toHaveText(/^1,0\d\d,\d{3} frames$/, { timeout: 60_000 });
  await expect(page.getByTestId('flame-area').locator('canvas')).toBeVisible({ timeout: 30_000 });
});

test('the real-profile story parses the Go profile in the worker and draws it', async ({ page }) => {
  await page.goto(story('react-flamegraph--regex-search'));
  await expect(page.getByTestId('flame-search-status')).toHaveText(/^matched: .+ of 4\.38 s$/, { timeout: 30_000 });
});

test('the bare renderer story draws on its canvas', async ({ page }) => {
  await page.goto(story('renderer-bare-canvas--icicle'));
  const canvas = page.getByTestId('bare-renderer').locator('canvas');
  await expect(canvas).toBeVisible({ timeout: 30_000 });
  const pixel = await canvas.evaluate((c: HTMLCanvasElement) => c.getContext('2d')!.getImageData(4, 4, 1, 1).data.join());
  expect(pixel).not.toBe('255,255,255,255');
});
