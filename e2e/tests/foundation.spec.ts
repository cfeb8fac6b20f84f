import { corpusFile, expect, test, waitReady } from '../support/fixtures.ts';

test('the app opens with the built-in example parsed in the worker', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await expect(page.getByTestId('source-name')).toHaveText(/example: Go encoding\/json/);
  await expect(page.getByTestId('format')).toHaveText('pprof');
  await expect(page.getByTestId('sample-type')).toContainText('cpu (nanoseconds) — total 4.38 s');
  await expect(page.getByTestId('functions').locator('tbody tr')).toHaveCount(200);
});

test('a dropped corpus file replaces the example, with its figures', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await page.getByTestId('file-input').setInputFiles(corpusFile('collapsed/inferno_perf-go-stacks.txt'));
  await expect(page.getByTestId('source-name')).toHaveText('inferno_perf-go-stacks.txt');
  await waitReady(page);
  await expect(page.getByTestId('format')).toHaveText('collapsed');
  await expect(page.getByTestId('sample-type')).toContainText('total 1,250,000');
});

test('a bad file shows a clear banner and the profile on screen stays', async ({ page }) => {
  await page.goto('/');
  await waitReady(page);
  await page.getByTestId('file-input').setInputFiles(corpusFile('pprof-legacy/google-pprof_legacy_java.contention'));
  await expect(page.getByTestId('error')).toContainText('legacy text pprof');
  await expect(page.getByTestId('error')).toContainText('go tool pprof -proto');
  await expect(page.getByTestId('source-name')).toHaveText(/example: Go encoding\/json/);
});
