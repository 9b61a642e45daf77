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

/** Types into Starlight's real search dialog and returns the result links Pagefind shows. */
async function search(term: string, { keyboard = false } = {}): Promise<string[]> {
  const context = await browser.newContext();
  const { page, consoleErrors, foreignRequests } = await watchedPage(context);
  await page.goto(url('/'), { waitUntil: 'networkidle' });
  if (keyboard) {
    await page.keyboard.press('Control+k');
    // The UI loads on this intent and takes the focus once built: type where the focus is.
    await page.getByRole('dialog').getByRole('textbox').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    await page.keyboard.type(term);
  } else {
    await page.getByRole('button', { name: 'Search' }).first().click();
    await page.getByRole('dialog').getByRole('textbox').fill(term);
  }
  const results = page.locator('.pagefind-ui__result-link');
  await results.first().waitFor({ timeout: 30_000 });
  const hrefs = await results.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
  await context.close();
  return hrefs;
}

it('finds the Choosing chapter by a term from its text', async () => {
  expect(await search('licence')).toContain('/choosing-a-framework/');
});

it('finds the claims ledger by a claim it lists', async () => {
  expect(await search('feed_dict')).toContain('/claims/');
});

it('works from the keyboard shortcut alone, loading the search UI on that intent', async () => {
  expect(await search('licence', { keyboard: true })).toContain('/choosing-a-framework/');
});

/** Runs a query through the site's own Pagefind index, as the search UI does, with filters. */
async function pagefind(term: string, filters: Record<string, string> = {}) {
  const context = await browser.newContext();
  const { page, consoleErrors } = await watchedPage(context);
  await page.goto(url('/'), { waitUntil: 'networkidle' });
  // A string, so the test runner's transform leaves the page's own dynamic import alone.
  const hits: { path: string; filters: Record<string, string[]> }[] = await page.evaluate(`(async () => {
    const pf = await import(location.origin + '/pagefind/pagefind.js');
    const { results } = await pf.search(${JSON.stringify(term)}, { filters: ${JSON.stringify(filters)} });
    const data = await Promise.all(results.map((r) => r.data()));
    return data.map((d) => ({ path: new URL(d.url, location.href).pathname, filters: d.filters }));
  })()`);
  expect(consoleErrors).toEqual([]);
  await context.close();
  return hits;
}

it('indexes the code in snippet tabs, not only the prose', async () => {
  // simple_save appears only in the TF1 tab of the Deployment chapter's code.
  expect((await pagefind('simple_save')).map((h) => h.path)).toContain('/deployment/');
});

it('filters by area, framework and kind of evidence', async () => {
  const deployment = await pagefind('onnx', { area: 'Deployment', framework: 'PyTorch' });
  expect(deployment.map((h) => h.path)).toEqual(['/deployment/']);
  const live = await pagefind('tensor', { evidence: 'live experiment' });
  expect(live.length).toBeGreaterThan(0);
  for (const hit of live) expect(hit.filters.evidence, hit.path).toContain('live experiment');
  // No chapter shows JAX code for deployment: the filter combination finds nothing.
  expect(await pagefind('onnx', { area: 'Deployment', framework: 'JAX' })).toEqual([]);
});

it('shows the filters in the search dialog', async () => {
  const context = await browser.newContext();
  const { page } = await watchedPage(context);
  await page.goto(url('/'), { waitUntil: 'networkidle' });
  await page.getByRole('button', { name: 'Search' }).first().click();
  await page.getByRole('dialog').getByRole('textbox').fill('onnx');
  await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 30_000 });
  const filterPanel = page.getByRole('dialog').locator('.pagefind-ui__filter-panel');
  await expect.poll(() => filterPanel.innerText()).toMatch(/Area[\s\S]*Evidence[\s\S]*Framework/);
  await filterPanel.getByText('Framework', { exact: true }).click();
  await expect.poll(() => filterPanel.innerText()).toMatch(/PyTorch/);
  await context.close();
});
