import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectBrowser, url, watchedPage } from '../support/pages.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

it('keeps every framework tab set on a page, and the next visit, on the reader’s pick', async () => {
  const context = await browser.newContext();
  const { page, consoleErrors } = await watchedPage(context);
  await page.goto(url('/choosing-a-framework/'), { waitUntil: 'networkidle' });
  const sets = page.locator('starlight-tabs[data-sync-key="framework"]');
  expect(await sets.count()).toBeGreaterThanOrEqual(2);
  const selected = () =>
    sets.evaluateAll((els) =>
      els.map((el) => el.querySelector('[role="tab"][aria-selected="true"]')?.textContent?.trim()),
    );

  expect(new Set(await selected())).toEqual(new Set(['TF 1.x']));
  await sets.first().getByRole('tab', { name: 'PyTorch' }).click();
  expect(new Set(await selected())).toEqual(new Set(['PyTorch']));
  await page.reload({ waitUntil: 'networkidle' });
  expect(new Set(await selected())).toEqual(new Set(['PyTorch']));
  expect(consoleErrors).toEqual([]);
  await context.close();
});
