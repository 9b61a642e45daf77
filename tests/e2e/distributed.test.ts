import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBrowser, hydrated, url, watchedPage } from '../support/pages.ts';

/**
 * The data-parallel experiment in Chromium: real Web Workers started from the experiment's worker,
 * which Node unit tests cannot have. Two workers must end with identical weights, under both
 * all-reduce transports and the parameter server, and a worker that crashes mid-run must stop the
 * run cleanly: a clear error, every worker gone, no tensor left in the experiment's worker.
 */
const PAGE = '/distributed-training/';
const SMALL = { workers: '2', steps: '6', globalBatch: '16', hidden: '8', warmups: '1' };

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function open() {
  const context = await browser.newContext();
  const watch = await watchedPage(context);
  await watch.page.goto(url(PAGE), { waitUntil: 'networkidle' });
  const panel = watch.page.locator('[data-experiment="data-parallel"]');
  await hydrated(watch.page, panel);
  return { ...watch, context, panel };
}

async function run(panel: Locator, params: Record<string, string>, backend = 'wasm') {
  for (const [name, value] of Object.entries(params)) {
    const field = panel.locator(`[name="${name}"]`);
    if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await panel.locator('select[name="backend"]').selectOption(backend);
  await panel.locator('button[type="submit"]').click();
  await expect
    .poll(() => panel.getAttribute('data-state'), { timeout: 120_000, interval: 250 })
    .toMatch(/^(done|error)$/);
}

const metric = async (panel: Locator, name: string) =>
  Number(await panel.locator(`tr[data-metric="${name}"] td`).first().innerText());

/** Workers the page has alive, counted by the browser's own target list (dedicated workers included). */
async function workerCount(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: { type: string; title: string; url: string }[];
    };
    return targetInfos.filter((t) => t.type === 'worker' && /replica/.test(t.url + t.title)).length;
  } finally {
    await cdp.detach();
  }
}

describe('data-parallel training across Web Workers', () => {
  it.each([
    ['all-reduce', 'auto'],
    ['all-reduce', 'messages'],
    ['parameter-server', 'auto'],
  ])('ends with identical weights in 2 workers (%s, %s), leaking nothing', async (mode, transport) => {
    const { page, context, panel, consoleErrors } = await open();
    await run(panel, { ...SMALL, mode, transport });
    expect(await panel.getAttribute('data-state'), await panel.innerText()).toBe('done');
    expect(await metric(panel, 'workers')).toBe(2);
    expect(await metric(panel, 'max_weight_diff')).toBe(0);
    // The site is cross-origin isolated, so "auto" must have used shared memory.
    if (mode === 'all-reduce') expect(await metric(panel, 'shared_memory')).toBe(transport === 'auto' ? 1 : 0);
    expect(await metric(panel, 'scaling_efficiency')).toBeGreaterThan(0);
    expect(await metric(panel, 'test_accuracy')).toBeGreaterThan(0);
    expect(await metric(panel, 'worker_tensors_left')).toBe(0);
    expect(await panel.locator('[data-testid="result"]').innerText()).toMatch(/tensors leaked: 0/);
    expect(await workerCount(page)).toBe(0);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('stops cleanly when a worker crashes mid-run: a clear error, every worker terminated, no tensor left', async () => {
    const { page, context, panel } = await open();
    await run(panel, { ...SMALL, crashWorkerAtStep: '3' });
    expect(await panel.getAttribute('data-state')).toBe('error');
    expect(await panel.getByRole('alert').innerText()).toMatch(
      /worker 2 of 2 failed: .*crashed at step 3.*all 2 workers terminated/s,
    );
    expect(await workerCount(page)).toBe(0);
    const tensors = panel.locator('[data-testid="tensors"]');
    if (await tensors.count())
      expect(await tensors.getAttribute('data-after')).toBe(await tensors.getAttribute('data-before'));
    // The panel still works after the failure.
    await run(panel, { ...SMALL, crashWorkerAtStep: '0' });
    expect(await panel.getAttribute('data-state'), await panel.innerText()).toBe('done');
    await context.close();
  });

  it('terminates every worker on Cancel mid-run, leaving no tensor', async () => {
    const { page, context, panel, consoleErrors } = await open();
    await panel.locator('[name="steps"]').fill('2000');
    await panel.locator('select[name="backend"]').selectOption('wasm');
    await panel.locator('button[type="submit"]').click();
    // Seeing both replicas here is also what makes the zero counts in the other tests meaningful.
    await expect.poll(() => workerCount(page), { timeout: 60_000, interval: 250 }).toBe(2);
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => panel.getAttribute('data-state'), { timeout: 60_000 }).toBe('idle');
    await expect(panel.getByRole('status').innerText()).resolves.toMatch(/Cancelled/);
    // terminate() is called before the run settles, but DevTools drops a worker's target a moment
    // later, and on a loaded machine that moment can outlast the panel's switch to idle.
    await expect.poll(() => workerCount(page), { timeout: 10_000, interval: 250 }).toBe(0);
    const tensors = panel.locator('[data-testid="tensors"]');
    await expect.poll(() => tensors.getAttribute('data-after')).toBe(await tensors.getAttribute('data-before'));
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('refuses more workers than cores unless asked to oversubscribe, saying so', async () => {
    const { page, context, panel } = await open();
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    if (cores < 8) {
      await run(panel, { ...SMALL, workers: String(cores + 1), globalBatch: '32' });
      expect(await panel.getByRole('alert').innerText()).toMatch(
        new RegExp(`more than this machine's ${cores} CPU cores`),
      );
    }
    await context.close();
  });
});
