import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export { builtPages } from './pages-list.ts';

export async function connectBrowser(): Promise<Browser> {
  return chromium.connect(inject('wsEndpoint'));
}

/** Problems a page must never have: console errors, uncaught exceptions, requests off our origin. */
export interface PageWatch {
  page: Page;
  consoleErrors: string[];
  foreignRequests: string[];
}

export async function watchedPage(context: BrowserContext): Promise<PageWatch> {
  const page = await context.newPage();
  const origin = new URL(inject('baseUrl')).origin;
  const watch: PageWatch = { page, consoleErrors: [], foreignRequests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') watch.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => watch.consoleErrors.push(`uncaught: ${e.message}`));
  page.on('request', (r) => {
    const url = r.url();
    if (/^(data|blob):/.test(url)) return;
    if (new URL(url).origin !== origin) watch.foreignRequests.push(url);
  });
  return watch;
}

export const url = (path: string) => `${inject('baseUrl')}${path}`;

/** Scrolls an island into view and waits until Astro has hydrated it (client:visible). */
export async function hydrated(page: Page, island: Locator): Promise<void> {
  await island.scrollIntoViewIfNeeded();
  await expect
    .poll(() => page.locator('astro-island[ssr]').filter({ has: island }).count(), { timeout: 10_000 })
    .toBe(0);
}

/** axe's serious and critical findings inside `selector`, each as "rule: where", for an equality assertion. */
export async function seriousAxeViolations(page: Page, selector: string): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).include(selector).analyze();
  return axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
