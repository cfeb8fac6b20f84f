import { expect, test } from '../support/fixtures.ts';

/** The built Storybook (static) serves stories whose components really run (here: the parser worker). */
const STORYBOOK = process.env.E2E_STORYBOOK_URL ?? 'http://127.0.0.1:6007';

test('the worker-backed story parses folded stacks', async ({ page }) => {
  await page.goto(`${STORYBOOK}/iframe.html?id=core-worker-parse--folded-stacks&viewMode=story`);
  await expect(page.getByTestId('total')).toHaveText('8');
});

test('the error story shows the parser message', async ({ page }) => {
  await page.goto(`${STORYBOOK}/iframe.html?id=core-worker-parse--not-a-profile&viewMode=story`);
  await expect(page.getByTestId('status')).toContainText('This text is not folded stacks');
});
