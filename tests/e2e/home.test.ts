import { readdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chapterIdFromPath, orderedChapterFiles } from '../../src/lib/site/chapter-id.ts';
import { connectBrowser, url } from '../support/pages.ts';

/** The home page's chapter list and the sidebar, checked against the chapter files themselves. */
let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const frontmatter = (file: string) =>
  parseYaml(readFileSync(`content/chapters/${file}`, 'utf8').split(/^---$/m)[1]!) as {
    title: string;
    description: string;
  };
const chapters = orderedChapterFiles(readdirSync('content/chapters')).map((file) => ({
  href: `/${chapterIdFromPath(file)}/`,
  ...frontmatter(file),
}));

async function home(): Promise<{ page: Page; close: () => Promise<void> }> {
  // Without JavaScript: the list is built at build time and must read without it.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(url('/'));
  return { page, close: () => context.close() };
}

describe('home page', () => {
  it('lists every chapter in sidebar order, each with its title and description', async () => {
    const { page, close } = await home();
    expect(chapters.length).toBeGreaterThan(10);
    const listed = await page.locator('main .tfc-chapter-list > li').evaluateAll((lis) =>
      lis.map((li) => ({
        href: li.querySelector('a')?.getAttribute('href'),
        title: li.querySelector('a')?.textContent?.trim(),
        description: li.querySelector('.tfc-chapter-list__description')?.textContent?.trim(),
      })),
    );
    expect(listed).toEqual(chapters.map(({ href, title, description }) => ({ href, title, description })));
    // The sidebar's Chapters group, in the same order.
    const sidebar = await page
      .locator('nav[aria-label="Main"] details', { hasText: 'Chapters' })
      .locator('a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(sidebar).toEqual(chapters.map((c) => c.href));
    await close();
  });

  it('has the reference pages in the sidebar: the claims ledger and the benchmark results', async () => {
    const { page, close } = await home();
    const reference = page.locator('nav[aria-label="Main"] details', { hasText: 'Reference' }).locator('a');
    expect(await reference.evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent?.trim()]))).toEqual(
      [
        ['/claims/', 'Claims ledger'],
        ['/results/', 'Benchmark results'],
      ],
    );
    await close();
  });
});
