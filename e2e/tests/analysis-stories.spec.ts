import { expect, test } from '../support/fixtures.ts';

/** Stories load Storybook's runtime first: on a busy machine that takes several seconds. */
const STORYBOOK = process.env.E2E_STORYBOOK_URL ?? 'http://127.0.0.1:6007';
const story = (id: string) => `${STORYBOOK}/iframe.html?id=${id}&viewMode=story`;

const bodyRows = (page: import('@playwright/test').Page) => page.getByTestId('function-table').locator('[role="rowgroup"] [role="row"]');

test('the function table sorts by a header, and a row click highlights the function and opens its sandwich', async ({ page }) => {
  await page.goto(story('react-analysis--explorer'));
  const table = page.getByTestId('function-table');
  await expect(table.getByTestId('function-count')).toHaveText(/^\d+ functions$/, { timeout: 30_000 });
  await expect(table.locator('[data-column="self"]')).toHaveAttribute('aria-sort', 'descending');
  await table.locator('[data-column="total"] button').click();
  await expect(table.locator('[data-column="total"]')).toHaveAttribute('aria-sort', 'descending');
  // by total the first rows are the roots of the stacks; totals never increase down the table
  const totals = await bodyRows(page).evaluateAll((rows) =>
    rows
      .sort((a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')))
      .slice(0, 10)
      .map((r) => Number.parseFloat(r.children[4]!.textContent!)),
  );
  expect(totals.length).toBe(10);
  for (let i = 1; i < totals.length; i++) expect(totals[i]).toBeLessThanOrEqual(totals[i - 1]!);

  await page.getByTestId('function-filter').fill('/^encoding\\/json\\.Unmarshal$/');
  await expect(bodyRows(page)).toHaveCount(1);
  await bodyRows(page).first().click();
  await expect(page.getByTestId('flame-area').first()).toHaveAttribute('data-highlight', 'encoding/json.Unmarshal');
  await expect(page.getByTestId('flame-search-status').first()).toHaveText(/^highlighted: .+ of 4\.38 s$/);
  await expect(page.getByTestId('sandwich-view')).toHaveAttribute('data-function', 'encoding/json.Unmarshal');
  await expect(page.getByTestId('sandwich-callers').locator('canvas')).toBeVisible();
  await page.getByTestId('sandwich-close').click();
  await expect(page.getByTestId('sandwich-view')).toHaveCount(0);
  await expect(page.getByTestId('flame-area').first()).not.toHaveAttribute('data-highlight', /./);
});

test('a transform chip added from the menu and from a frame, then removed: the graph follows', async ({ page }) => {
  await page.goto(story('react-analysis--explorer'));
  await expect(page.getByTestId('function-count')).toHaveText(/^\d+ functions$/, { timeout: 30_000 });
  const count = async () => Number((await page.getByTestId('function-count').textContent())!.split(' ')[0]);
  const before = await count();
  await page.getByTestId('transform-add').click();
  await page.locator('[data-preset="go-runtime"]').click();
  const chip = page.getByTestId('transform-chip');
  await expect(chip).toHaveCount(1);
  await expect(chip).toContainText('Hide Go runtime');
  await expect(chip).toContainText(/\d[\d,]* frames/);
  // hiding the runtime removes its functions from the table
  await expect.poll(count).toBeLessThan(before);

  // a frame's context menu: drop the stacks through the first frame under the root
  const area = page.getByTestId('flame-area').first();
  const box = (await area.locator('canvas').boundingBox())!;
  await page.mouse.click(box.x + 40, box.y + 18 + 9, { button: 'right' });
  await expect(page.getByTestId('frame-menu')).toBeVisible();
  await page.getByTestId('frame-menu').locator('[data-action="drop-function"]').click();
  await expect(chip).toHaveCount(2);
  await expect(chip.nth(1)).toContainText('Drop stacks with');

  await chip.nth(0).getByRole('button').click();
  await chip.nth(0).getByRole('button').click();
  await expect(chip).toHaveCount(0);
  await expect.poll(count).toBe(before);
});
