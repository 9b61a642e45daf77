import { readdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArchive } from '../../src/lib/results/archive.ts';
import { getWorkload } from '../../src/lib/results/workloads.ts';
import { connectBrowser, hydrated, seriousAxeViolations, url, watchedPage } from '../support/pages.ts';

/** The archive on the site: the results page and the Speed chapter's build-time charts. */
let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const archived = readdirSync('benchmarks/results').filter((f) => f.endsWith('.json'));

describe('results page', () => {
  it('lists every archived file, and filters by workload and mode from the link', async () => {
    const context = await browser.newContext();
    const { page, consoleErrors } = await watchedPage(context);
    await page.goto(url('/results/'), { waitUntil: 'networkidle' });
    const files = await page
      .locator('tr[data-file]')
      .evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-file')))]);
    expect(files.sort()).toEqual([...archived].sort());
    expect(await page.locator('.tfc-results__workload').first().innerText()).toMatch(/Not measured: .*JAX jit/);

    await page.goto(url('/results/?results.workload=matmul-sweep&results.mode=PyTorch%20eager'), {
      waitUntil: 'networkidle',
    });
    const shown = await page
      .locator('tr[data-file]:not([hidden])')
      .evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-file')))]);
    expect(shown.length).toBeGreaterThan(0);
    for (const f of shown) expect(f).toMatch(/^matmul-sweep--python--eager--/);
    expect(await page.locator('[data-results-count]').innerText()).toBe(`${shown.length} runs shown`);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

describe('archive charts on the Speed chapter', () => {
  it('are SVG drawn at build time, readable without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url('/speed/'));
    const charts = page.locator('figure.tfc-archive-chart');
    expect(await charts.count()).toBe(5);
    for (const chart of await charts.all()) {
      expect(await chart.locator('svg[aria-label]').count()).toBe(1);
      expect(await chart.locator('figcaption').innerText()).toMatch(/Archived runs on .*Not measured:/s);
    }
    await context.close();
  });

  it('leave superseded runs out of the figure, say so, and list them on the results page', async () => {
    const superseded = parseArchive(
      Object.fromEntries(archived.map((f) => [f, readFileSync(`benchmarks/results/${f}`, 'utf8')])),
    ).filter((r) => r.supersededBy);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url('/speed/'));
    for (const workload of new Set(superseded.map((r) => r.workload))) {
      const caption = page.locator(`figure.tfc-archive-chart[data-workload="${workload}"] figcaption`);
      const count = superseded.filter((r) => r.workload === workload).length;
      if ((await caption.count()) === 0) continue; // a workload the chapter does not chart
      expect(await caption.innerText()).toMatch(new RegExp(`Not drawn: ${count} older runs? superseded`));
    }
    await page.goto(url('/results/'));
    const rows = await page
      .locator('tr[data-superseded]')
      .evaluateAll((trs) => trs.map((r) => r.getAttribute('data-file')));
    expect(rows.sort()).toEqual(superseded.map((r) => r.file).sort());
    await context.close();
  });
});

/** Runs the Speed chapter's matmul panel on WASM with these fields and waits for it to finish. */
async function runSpeedMatmul(page: Page, fields: Record<string, string>) {
  await page.goto(url('/speed/'), { waitUntil: 'networkidle' });
  const panel = page.locator('[data-experiment="matmul"]');
  await hydrated(page, panel);
  for (const [name, value] of Object.entries(fields)) await panel.locator(`[name="${name}"]`).fill(value);
  await panel.locator('select[name="backend"]').selectOption('wasm');
  await panel.locator('button[type="submit"]').click();
  await expect.poll(() => panel.getAttribute('data-state'), { timeout: 120_000 }).toBe('done');
  return panel;
}

describe("the reader's run against the archive", () => {
  it('draws the archived matmul runs beside the live one, for the sizes both have', async () => {
    const context = await browser.newContext();
    const { page, consoleErrors } = await watchedPage(context);
    const panel = await runSpeedMatmul(page, { sizes: '64, 128', warmups: '0', runs: '2' });
    const chart = panel.getByTestId('live-chart');
    await expect.poll(() => chart.innerText(), { timeout: 20_000 }).toMatch(/archived: PyTorch eager/);
    expect(await chart.innerText()).toMatch(/archived: tfjs wasm \(Node\)/);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('loads a run downloaded from a Speed panel on the results page, beside every archived run of its workload', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const { page, consoleErrors } = await watchedPage(context);
    // The workload's sizes (the panel's default), with fewer runs than the archive's: a deviation.
    const panel = await runSpeedMatmul(page, { warmups: '0', runs: '2' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Download JSON' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^matmul--live--tfjs-wasm--\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.json$/);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');

    await page.goto(url('/results/'), { waitUntil: 'networkidle' });
    const compare = page.getByTestId('compare-your-run');
    await hydrated(page, compare);
    const input = compare.locator('input[type="file"]');
    await input.setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format": '),
    });
    await expect
      .poll(() => compare.getByRole('alert').innerText())
      .toMatch(/Could not compare that file\. broken\.json: not valid JSON/);
    await input.setInputFiles({ name: 'my run (1).json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect
      .poll(() => compare.getByRole('status').innerText())
      .toMatch(/a live tfjs-wasm run .*measuring Square matrix multiply sweep/);
    const table = compare.getByTestId('compare-table');
    const archivedCurrent = parseArchive(
      Object.fromEntries(archived.map((f) => [f, readFileSync(`benchmarks/results/${f}`, 'utf8')])),
    ).filter((r) => r.workload === 'matmul-sweep' && !r.supersededBy);
    const rows = await table.locator('tr[data-file]').evaluateAll((trs) => trs.map((r) => r.getAttribute('data-file')));
    expect(rows.sort()).toEqual(archivedCurrent.map((r) => r.file).sort());
    const sweep = getWorkload('matmul-sweep', 'matmul');
    expect(await table.locator('thead th').allInnerTexts()).toEqual([
      'run',
      'device',
      ...sweep.sizes.map((n) => `n${n} ms`),
    ]);
    expect(await table.locator('tr[data-yours] td').last().innerText()).toMatch(/^\d+(\.\d+)?$/);
    expect(await table.locator('tr[data-file] td').last().innerText()).toMatch(/^\d+(\.\d+)? · ×\d+(\.\d+)?$/);
    expect(await compare.getByTestId('compare-deviations').innerText()).toContain(
      `steps 2 instead of ${sweep.steps}; warmup 0 instead of ${sweep.warmup}`,
    );
    expect(await seriousAxeViolations(page, '[data-testid="compare-your-run"]')).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
