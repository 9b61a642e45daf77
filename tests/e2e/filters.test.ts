import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBrowser, url } from '../support/pages.ts';

/** The filter selects of the claims ledger and the results page: named, reachable by Tab, focus shown. */
let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const FILTERS = [
  { path: '/results/', labels: ['Workload', 'Framework and mode'] },
  { path: '/claims/', labels: ['Section', 'Verdict'] },
];

describe.each(FILTERS)('filters on $path', ({ path, labels }) => {
  it('are selects named by their labels, reached with Tab, with a visible focus ring', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url(path), { waitUntil: 'networkidle' });
    for (const label of labels) {
      const select = page.getByRole('combobox', { name: label, exact: true });
      expect(await select.count()).toBe(1);
      // Tab from the top of the page until the select has focus: it must be in the tab order.
      const name = await select.getAttribute('name');
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      let presses = 0;
      while (presses < 80 && !(await page.evaluate((n) => document.activeElement?.getAttribute('name') === n, name))) {
        await page.keyboard.press('Tab');
        presses++;
      }
      expect(presses).toBeLessThan(80);
      const ring = await select.evaluate((el) => {
        const s = getComputedStyle(el);
        return { focusVisible: el.matches(':focus-visible'), style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
      });
      // Our own ring, not the browser's thin default (outline-style `auto`, 1px).
      expect(ring.focusVisible).toBe(true);
      expect(ring.style).toBe('solid');
      expect(ring.width).toBeGreaterThanOrEqual(2);
    }
    await context.close();
  });
});
