/** Helpers of the app's e2e tests: a real drag and drop, and a large generated file. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';

/**
 * Drags `files` over the page and drops them on the overlay's target `target` ("open", "compare",
 * "baseline", "comparison"), with a DataTransfer holding real File objects: the events a browser sends.
 */
export async function dropFiles(page: Page, target: string, files: readonly string[]): Promise<void> {
  const payload = files.map((file) => ({ name: path.basename(file), base64: readFileSync(file).toString('base64') }));
  const transfer = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const { name, base64 } of items) {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], name));
    }
    return dt;
  }, payload);
  await page.locator('body').dispatchEvent('dragenter', { dataTransfer: transfer });
  const zone = page.getByTestId(`drop-${target}`);
  await zone.waitFor({ state: 'visible' });
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
}

/**
 * A folded-stacks file of about 150 MB (written once per machine into the temp folder): big enough that
 * its parse runs for seconds, so progress shows and Cancel can be pressed while it runs.
 */
export function bigFoldedFile(): string {
  const file = path.join(tmpdir(), 'flamelens-e2e-big-v1.folded.txt');
  if (existsSync(file)) return file;
  const lines: string[] = [];
  for (let i = 0; i < 1_200_000; i++) {
    const a = i % 97;
    const b = (i * 31) % 1009;
    const c = (i * 17) % 7919;
    lines.push(`main;service.handler_${a};pkg/module_${b}.Function_${c};runtime.leaf_${i % 13} ${1 + (i % 7)}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
