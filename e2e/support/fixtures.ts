/**
 * Shared e2e fixtures: every test fails on a console error or an uncaught page error, and corpus files
 * are read from ../shared/corpus (test inputs only).
 */
import { test as base, expect, type Page } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS_DIR =
  process.env.FLAMELENS_CORPUS ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus');

export const corpusFile = (file: string) => path.join(CORPUS_DIR, file);

export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(msg.text());
      });
      page.on('pageerror', (error) => errors.push(String(error)));
      page.on('response', (response) => {
        if (response.status() >= 400) errors.push(`HTTP ${response.status()} for ${response.url()}`);
      });
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Waits until the app has a profile on screen and nothing loading. */
export async function waitReady(page: Page): Promise<void> {
  await expect(page.locator('main[data-ready="true"]')).toBeVisible({ timeout: 30_000 });
}
