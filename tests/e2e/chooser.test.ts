import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACTOR_IDS, FACTORS, frameworkEntrySchema } from '../../src/schemas/frameworks.ts';
import { connectBrowser, url, watchedPage } from '../support/pages.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const CHAPTER = '/choosing-a-framework/';

async function open(search = '') {
  const context = await browser.newContext();
  const watch = await watchedPage(context);
  await watch.page.goto(url(`${CHAPTER}${search}`), { waitUntil: 'networkidle' });
  const island = watch.page.locator('[data-island="chooser"]');
  await island.scrollIntoViewIfNeeded();
  // Hydrated once the island's astro-island wrapper drops its ssr marker.
  await watch.page.waitForFunction(() => !document.querySelector('astro-island[ssr]'));
  return { ...watch, island, context };
}

const order = (island: import('playwright-core').Locator) =>
  island
    .locator('[data-testid="chooser-ranking"] > li')
    .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-framework')));

describe('framework chooser', () => {
  it('re-ranks when a weight changes and keeps the weights in the URL', async () => {
    const { page, island, context, consoleErrors } = await open();
    const before = await order(island);
    expect(before).toHaveLength(3);
    // Put all weight on one factor at a time until the leader changes: the ranking must follow.
    const factors = await island
      .locator('input[type=range]')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).name));
    const leaders = new Set<string | null>();
    for (const only of factors) {
      const search = `?${factors.map((f) => `choose.${f}=${f === only ? 5 : 0}`).join('&')}`;
      await page.goto(url(`${CHAPTER}${search}`), { waitUntil: 'networkidle' });
      await island.scrollIntoViewIfNeeded();
      await page.waitForFunction(() => !document.querySelector('astro-island[ssr]'));
      await expect.poll(() => island.locator(`input[name="${only}"]`).inputValue()).toBe('5');
      leaders.add((await order(island))[0] ?? null);
    }
    expect(leaders.size).toBeGreaterThan(1);

    const slider = island.locator('input[name="speed"]');
    await slider.fill('0');
    await expect.poll(() => page.evaluate(() => location.search)).toContain('choose.speed=0');
    await island.getByRole('button', { name: 'Reset weights' }).click();
    await expect.poll(() => page.evaluate(() => location.search)).toBe('');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('restores shared weights from the link', async () => {
    const { island, context } = await open('?choose.licence=0&choose.pretrained=5');
    // The weights are read from the URL in an effect after hydration, so poll for them.
    await expect.poll(() => island.locator('input[name="pretrained"]').inputValue()).toBe('5');
    await expect.poll(() => island.locator('input[name="licence"]').inputValue()).toBe('0');
    await context.close();
  });

  it('ignores bad URL state with a visible note instead of crashing', async () => {
    const { island, context, consoleErrors } = await open('?choose.speed=NaN&choose.licence=99&choose.nope=1');
    const note = island.getByTestId('chooser-ignored');
    await expect.poll(() => note.isVisible()).toBe(true);
    expect(await note.innerText()).toMatch(/choose\.speed=NaN/);
    expect(await island.locator('input[name="speed"]').inputValue()).toBe('3');
    expect(await island.locator('[data-testid="chooser-ranking"] > li').count()).toBe(3);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

describe('every fact behind the ratings', () => {
  it('lists each fact of frameworks.yaml under its factor, with its rating, sources and date, without JavaScript', async () => {
    const frameworks = (parseYaml(readFileSync('content/frameworks.yaml', 'utf8')) as unknown[]).map((f) =>
      frameworkEntrySchema.parse(f),
    );
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url(CHAPTER));
    const sections = page.locator('.tfc-facts-by-factor > details');
    expect(await sections.evaluateAll((ds) => ds.map((d) => d.getAttribute('data-factor')))).toEqual(FACTOR_IDS);
    for (const factor of FACTOR_IDS) {
      const section = page.locator(`details#factor-${factor}`);
      expect((await section.locator('summary').innerText()).trim()).toBe(
        `${FACTORS[factor]} (${frameworks.length} facts)`,
      );
      const facts = section.locator('li[data-framework]');
      expect(await facts.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-framework')))).toEqual(
        frameworks.map((f) => f.id),
      );
      for (const f of frameworks) {
        const fact = f.facts[factor];
        const item = section.locator(`li[data-framework="${f.id}"]`);
        const text = await item.textContent();
        expect(text).toContain(`${f.name} ${f.version}, rated ${fact.rating}/5`);
        expect(text).toContain(fact.summary);
        expect(text).toContain(`As of ${fact.asOf.toISOString().slice(0, 10)}`);
        const links = await item
          .locator('a')
          .evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent]));
        expect(links).toEqual(fact.sources.map((s) => [s.url, s.title]));
      }
    }
    await context.close();
  });
});

describe('claims ledger filter', () => {
  it('filters by verdict and section, and reads a shared filter back', async () => {
    const context = await browser.newContext();
    const { page, consoleErrors } = await watchedPage(context);
    await page.goto(url('/claims/?section=1'), { waitUntil: 'networkidle' });
    const visible = () => page.locator('.tfc-claim:visible').evaluateAll((els) => els.map((e) => e.id));
    expect(await visible()).toEqual(['sf-1', 'sf-2']);
    await page.getByLabel('Section').selectOption('');
    await page.getByLabel('Verdict').selectOption('wrong');
    const wrong = await visible();
    expect(wrong.length).toBeGreaterThan(0);
    for (const id of wrong) expect(await page.locator(`#${id}`).getAttribute('data-verdict')).toBe('wrong');
    expect(wrong).not.toContain('co-1');
    expect(await page.evaluate(() => location.search)).toBe('?verdict=wrong');
    // Every area has its chapter now, so no claim may be left unreviewed.
    await page.getByLabel('Verdict').selectOption('unreviewed');
    expect(await visible()).toEqual([]);
    await page.goto(url('/claims/?verdict=sure'), { waitUntil: 'networkidle' });
    expect(await page.locator('[data-ledger-note]').innerText()).toMatch(/verdict="sure"/);
    expect(await page.locator('.tfc-claim:visible').count()).toBe(36);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
