/**
 * The built app's Content-Security-Policy (issue 8): strict (no inline script, no eval), enforced, and the
 * app works under it — opening the example, a dropped profile, a broken file and a profile whose frame
 * names are markup report no violation. Relies only on `main[data-ready]`, the file input and the error
 * banner (the app's UI is being rewritten).
 */
import type { Page } from '@playwright/test';
import { corpusFile, expect, test, waitReady } from '../support/fixtures.ts';

declare global {
  interface Window {
    __cspViolations: string[];
    __flamelensXss?: unknown;
  }
}

/** Records every `securitypolicyviolation` of the page from before its first script runs. */
async function recordViolations(page: Page): Promise<string[]> {
  const consoleCsp: string[] = [];
  const onConsole = (text: string) => {
    if (/Content[- ]Security[- ]Policy|Refused to (execute|load|evaluate|apply|create|connect)/i.test(text)) consoleCsp.push(text);
  };
  page.on('console', (msg) => onConsole(msg.text()));
  page.on('worker', (worker) => worker.on('console', (msg) => onConsole(msg.text())));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  return consoleCsp;
}

const violations = (page: Page) => page.evaluate(() => window.__cspViolations);

/** The policy as a map of directive → sources. */
async function policyOf(page: Page): Promise<Map<string, string[]>> {
  const metas = page.locator('meta[http-equiv="Content-Security-Policy"]');
  await expect(metas).toHaveCount(1);
  const text = (await metas.getAttribute('content'))!;
  return new Map(
    text
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

test('the policy forbids inline script and eval', async ({ page }) => {
  await page.goto('/');
  const policy = await policyOf(page);
  const scripts = policy.get('script-src') ?? policy.get('default-src')!;
  expect(scripts).toEqual(["'self'"]);
  for (const [directive, sources] of policy) {
    expect(sources, directive).not.toContain("'unsafe-eval'");
    if (/^(script|default|worker)-src/.test(directive)) expect(sources, directive).not.toContain("'unsafe-inline'");
    expect(sources, directive).not.toContain('*');
  }
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.get('base-uri')).toEqual(["'none'"]);
  await waitReady(page);
});

test('the policy is enforced: an injected inline script, inline handler and eval are refused and reported', async ({ page, consoleErrors }) => {
  const consoleCsp = await recordViolations(page);
  await page.goto('/');
  await waitReady(page);
  const outcome = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__flamelensXss = "inline"';
    document.head.append(script);
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__flamelensXss = "handler"');
    img.src = 'data:,not-an-image';
    document.body.append(img);
    await new Promise((resolve) => img.addEventListener('error', resolve, { once: true }));
    let evaluated = 'ran';
    try {
      new Function('return 1')();
    } catch (error) {
      evaluated = (error as Error).name;
    }
    img.remove();
    script.remove();
    return { flag: window.__flamelensXss ?? null, evaluated };
  });
  expect(outcome).toEqual({ flag: null, evaluated: 'EvalError' });
  await expect.poll(() => violations(page)).toHaveLength(3);
  expect((await violations(page)).map((v) => v.split(' ')[0]).sort()).toEqual(['script-src', 'script-src-attr', 'script-src-elem']);
  expect(consoleCsp.length).toBeGreaterThanOrEqual(2);
  // these refusals are this test's purpose, not errors of the app
  consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((e) => !consoleCsp.includes(e)));
});

test('opening the example, a dropped profile, a broken file and markup-named frames: no violation', async ({ page }) => {
  const consoleCsp = await recordViolations(page);
  const errorBanner = page.getByTestId('error');
  const input = page.getByTestId('file-input');
  await page.goto('/');
  await waitReady(page);

  await input.setInputFiles(corpusFile('pprof/go-flate.cpu.pb.gz'));
  await waitReady(page);
  await expect(errorBanner).toHaveCount(0);

  await input.setInputFiles({
    name: 'names.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(
      [
        'main;<img src=x onerror=window.__flamelensXss=1>;work 5',
        'main;<script>window.__flamelensXss=2</script> 3',
        'main;javascript:window.__flamelensXss=3 2',
        'main;evil\u202Etxt.exe 1',
      ].join('\n') + '\n',
    ),
  });
  await waitReady(page);
  await expect(errorBanner).toHaveCount(0);
  // hover every row of the graph so the tooltip shows each name
  const canvas = page.getByTestId('flame-area').locator('canvas');
  if ((await canvas.count()) > 0) {
    const box = (await canvas.first().boundingBox())!;
    for (let row = 0; row < 4; row++) for (const f of [0.1, 0.4, 0.7, 0.95]) await page.mouse.move(box.x + box.width * f, box.y + row * 18 + 9);
  }

  await input.setInputFiles({ name: 'broken.pb.gz', mimeType: 'application/gzip', buffer: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3]) });
  await expect(errorBanner).toBeVisible();
  await waitReady(page);

  expect(await page.evaluate(() => window.__flamelensXss ?? null)).toBeNull();
  expect(await page.locator('img[src="x"], script:not([src])').count()).toBe(0);
  expect(await violations(page)).toEqual([]);
  expect(consoleCsp).toEqual([]);
});
