import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.ts';

/** The diff stories in the built Storybook: legend on screen, colours flip when the sides are swapped. */
const STORYBOOK = process.env.E2E_STORYBOOK_URL ?? 'http://127.0.0.1:6007';
const story = (id: string) => `${STORYBOOK}/iframe.html?id=${id}&viewMode=story`;

/**
 * Per pixel of the graph's canvas: 1 on the red side (grew), −1 on the blue side (shrank), 0 for greys
 * (the neutral grey is #d4d6db: blue minus red is 7). Pale (faded) colours count by their side.
 */
async function hues(page: Page): Promise<number[]> {
  return page.getByTestId('flame-area').locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const out: number[] = [];
    for (let i = 0; i < data.length; i += 4) out.push(data[i]! > data[i + 2]! + 15 ? 1 : data[i + 2]! > data[i]! + 15 ? -1 : 0);
    return out;
  });
}

const count = (xs: number[], v: number) => xs.filter((x) => x === v).length;

test('the diff story shows the legend and swapping the sides flips red and blue', async ({ page }) => {
  await page.goto(story('react-diff--diff-graph'));
  await expect(page.getByTestId('diff-legend-baseline-total')).toHaveText('baseline before.folded: 1,580', { timeout: 30_000 });
  await expect(page.getByTestId('diff-legend-comparison-total')).toHaveText('comparison after.folded: 2,130');
  await expect(page.getByTestId('diff-legend-noise')).toContainText('faded: within sampling noise at 95% confidence');
  await expect.poll(async () => count(await hues(page), 1)).toBeGreaterThan(1000);
  const before = await hues(page);
  await page.getByTestId('story-swap').click();
  await expect(page.getByTestId('diff-legend-baseline-total')).toHaveText('baseline after.folded: 2,130');
  await expect.poll(async () => count(await hues(page), -1)).toBeGreaterThan(1000);
  const after = await hues(page);
  // The layout is the same both ways (combined widths are symmetric): every pixel that was clearly red is
  // now on the blue side and the other way round; only anti-aliased label edges may differ.
  let coloured = 0;
  let flipped = 0;
  let kept = 0;
  for (let i = 0; i < before.length; i++) {
    if (before[i] === 0) continue;
    coloured++;
    if (after[i] === -before[i]!) flipped++;
    else if (after[i] === before[i]) kept++;
  }
  expect(coloured).toBeGreaterThan(2000);
  expect(flipped / coloured).toBeGreaterThan(0.9);
  expect(kept / coloured).toBeLessThan(0.02);
});

test('the no-noise-test story says why nothing is faded', async ({ page }) => {
  await page.goto(story('react-diff--no-noise-test'));
  await expect(page.getByTestId('diff-legend-noise')).toContainText('No noise test: a time in nanoseconds is not a sample count', { timeout: 30_000 });
});
