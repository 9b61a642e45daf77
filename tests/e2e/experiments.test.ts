import { chromium, type Browser, type Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, NO_GPU_ARGS } from '../support/browser.ts';
import { connectBrowser, hydrated, seriousAxeViolations, url, watchedPage } from '../support/pages.ts';

/**
 * Every live experiment panel on every chapter in PAGES, in a real browser: it runs to the end on
 * WebGPU (SwiftShader here) leaking nothing. On the Speed page the shared behaviour is tested once:
 * falling back to WASM where there is no GPU (and saying why), freeing every tensor on Cancel,
 * surviving a malformed results file. Parameters are kept tiny: SwiftShader is a software GPU.
 */
const PAGE = '/speed/';
/** Chapters with experiment panels; a chapter that adds panels adds itself here. */
const PAGES = [
  '/speed/',
  '/deployment/',
  '/data-pipelines/',
  '/distributed-training/',
  '/debugging/',
  '/model-building/',
  '/symbolic-vs-imperative-and-autodiff/',
  '/sessions-and-variable-scoping/',
];
const RUN_TIMEOUT = 120_000;

/** Small parameters for each panel; a new panel must add its own here or the test fails. */
const SMALL: Record<string, Record<string, string>> = {
  matmul: { sizes: '16, 32', warmups: '0', runs: '2' },
  conv2d: { sizes: '8, 12', batch: '1', channelsIn: '2', channelsOut: '2', warmups: '0', runs: '2' },
  dispatch: { sizes: '16, 1024', ops: '4', warmups: '0', runs: '2' },
  'mnist-cnn': {
    steps: '4',
    batchSize: '8',
    filters1: '2',
    filters2: '2',
    warmups: '1',
    inferBatch: '4',
    inferRuns: '2',
    evalExamples: '100',
  },
  'backend-comparison': { size: '32', warmups: '0', runs: '2' },
  'onnx-parity': { testImages: '64', batch: '4', warmups: '0', runs: '2' },
  'model-building': { epochs: '2', batchSize: '50', hidden: '8', trainExamples: '100', testExamples: '100' },
  'model-styles': { hidden: '4', batch: '2', warmups: '0', runs: '2' },
  'gradient-check': { batch: '4', inputs: '3', hidden: '3', checks: '3' },
  'data-dependent-loop': { count: '16', maxValue: '100', warmups: '0', runs: '2' },
  'save-load-quantize': { steps: '4', batchSize: '8', hidden: '8', evalExamples: '50' },
  'variable-scopes': { pairs: '4', hidden: '4', embed: '2', warmups: '0', runs: '2' },
  'tensor-lifetime': { steps: '4', size: '64' },
  'input-pipelines': { steps: '4', batchSize: '8', hidden: '8', examples: '64', shuffleBuffer: '16', prefetch: '2' },
  'data-parallel': { workers: '2', steps: '6', globalBatch: '16', hidden: '8', warmups: '1' },
  'two-bugs': { hidden: '8', batch: '4', steps: '3' },
  'kernel-profile': { hidden: '8', batch: '4', profiledSteps: '2', debugSteps: '2' },
};

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openSpeed(b: Browser, path = PAGE) {
  const context = await b.newContext();
  const watch = await watchedPage(context);
  await watch.page.goto(url(path), { waitUntil: 'networkidle' });
  return { ...watch, context };
}

async function fill(panel: Locator, params: Record<string, string>) {
  for (const [name, value] of Object.entries(params)) await panel.locator(`[name="${name}"]`).fill(value);
}

const finished = (panel: Locator) =>
  expect
    .poll(() => panel.getAttribute('data-state'), { timeout: RUN_TIMEOUT, interval: 250 })
    .toMatch(/^(done|error)$/);

describe.each(PAGES)('live experiments on %s', (path) => {
  it('has small test parameters for every panel on the page', async () => {
    const { page, context } = await openSpeed(browser, path);
    const ids = await page
      .locator('[data-experiment]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-experiment')));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(Object.keys(SMALL), `no small params for ${id}`).toContain(id);
    await context.close();
  });

  it('runs each experiment panel to the end on WebGPU, leaking nothing', async () => {
    const { page, context, consoleErrors, foreignRequests } = await openSpeed(browser, path);
    const ids = await page
      .locator('[data-experiment]:not([data-experiment="backend-comparison"])')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-experiment')!));
    for (const id of ids) {
      const panel = page.locator(`[data-experiment="${id}"]`);
      await hydrated(page, panel);
      await fill(panel, SMALL[id]!);
      await panel.locator('select[name="backend"]').selectOption('webgpu');
      await panel.locator('button[type="submit"]').click();
      await finished(panel);
      expect(await panel.getAttribute('data-state'), `${id}: ${await panel.innerText()}`).toBe('done');
      await expect.poll(() => panel.locator('[data-testid="result"] caption').innerText()).toMatch(/Run on webgpu/);
      const tensors = panel.locator('[data-testid="tensors"]');
      expect(await tensors.getAttribute('data-after'), id).toBe(await tensors.getAttribute('data-before'));
      const result = await panel.locator('[data-testid="result"]').innerText();
      expect(result).toMatch(/tensors leaked: 0/);
      // tf1 reads what steers a run with data(), never dataSync, so its graphs run on WebGPU too.
      if (id === 'data-dependent-loop') expect(result).toMatch(/graph Session\.run \(median\)/);
      if (id === 'two-bugs') expect(result).toMatch(/NaN from log\(0\), tf1 graph with checkNumerics: surfaced/);
      // The chapter hands the Python tabs' text to the run (ctx.texts), which counts their lines.
      if (id === 'model-building')
        expect(result).toMatch(/lines of code, JAX \+ Flax NNX Python snippet\s+loc_py_jax\s+\d+/);
    }
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });
});

describe('panel behaviour shared by every chapter, tested on the Speed page', () => {
  it('compares every backend configuration and prints the ratios', async () => {
    const { page, context, consoleErrors } = await openSpeed(browser);
    const panel = page.locator('[data-experiment="backend-comparison"]');
    await hydrated(page, panel);
    await fill(panel, SMALL['backend-comparison']!);
    await panel.locator('button[type="submit"]').click();
    await finished(panel);
    expect(await panel.getAttribute('data-state')).toBe('done');
    // Every configuration runs here: SwiftShader gives WebGPU and WebGL, the page is isolated.
    expect(await panel.locator('[data-testid="comparison-runs"] tr[data-ok="true"]').count()).toBe(5);
    const ratios = await panel.locator('[data-testid="comparison-ratios"] td').allInnerTexts();
    expect(ratios.length).toBe(9);
    for (const r of ratios) expect(r).toMatch(/^\d+(\.\d+)?×$/);
    // tfjs sizes its thread pool from the core count (half the logical cores, 1 to 8), so a 2-core
    // machine gets one thread either way; the one-thread worker must report exactly one. Each
    // count is followed by why, from the facts this browser gave.
    const details = await panel
      .locator('[data-testid="comparison-runs"] tr[data-config^="wasm"] td:last-child')
      .allInnerTexts();
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const threads = Math.min(Math.max(Math.floor(cores / 2), 1), 8);
    const why = `tfjs takes half of the ${cores} logical cores? this browser reports`;
    expect(details[0]).toMatch(new RegExp(`simd: true, threads: ${threads} \\(${why}`));
    expect(details[1]).toMatch(
      /simd: true, threads: 1 \(this worker turned tfjs threads off, so tfjs loaded its single-threaded build\)$/,
    );
    expect(await seriousAxeViolations(page, '[data-experiment="backend-comparison"]')).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('frees every tensor when a run is cancelled mid-way', async () => {
    const { page, context, consoleErrors } = await openSpeed(browser);
    const panel = page.locator('[data-experiment="matmul"]');
    await hydrated(page, panel);
    await fill(panel, { sizes: '64, 128, 256, 512', warmups: '0', runs: '100' });
    await panel.locator('select[name="backend"]').selectOption('cpu');
    await panel.locator('button[type="submit"]').click();
    await expect
      .poll(() => panel.locator('progress').getAttribute('value'), { timeout: RUN_TIMEOUT })
      .not.toMatch(/^0?$/);
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => panel.getAttribute('data-state'), { timeout: RUN_TIMEOUT }).toBe('idle');
    await expect(panel.getByRole('status').innerText()).resolves.toMatch(/Cancelled/);
    const tensors = panel.locator('[data-testid="tensors"]');
    await expect.poll(() => tensors.getAttribute('data-after')).toBe(await tensors.getAttribute('data-before'));
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('rejects a malformed results file with a message and keeps working', async () => {
    const { page, context, consoleErrors } = await openSpeed(browser);
    const panel = page.locator('[data-experiment="matmul"]');
    await hydrated(page, panel);
    const input = panel.locator('input[type="file"]');
    await input.setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format": "tfc-result-v2", '),
    });
    await expect
      .poll(() => panel.getByRole('alert').innerText())
      .toMatch(/Could not load that file\. broken\.json: not valid JSON/);
    await input.setInputFiles({
      name: 'wrong.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format": "tfc-result-v2", "experiment": "matmul"}'),
    });
    await expect
      .poll(() => panel.getByRole('alert').innerText())
      .toMatch(/wrong\.json: (origin|runner|framework|mode|backend|provenance|measurements): /);
    // The panel still runs after both errors.
    await fill(panel, SMALL.matmul!);
    await panel.locator('select[name="backend"]').selectOption('cpu');
    await panel.locator('button[type="submit"]').click();
    await finished(panel);
    expect(await panel.getAttribute('data-state')).toBe('done');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it("after a run: a full-width chart naming the reader's run, log ticks, keyboard and axe clean", async () => {
    const { page, context, consoleErrors } = await openSpeed(browser);
    const panel = page.locator('[data-experiment="matmul"]');
    await hydrated(page, panel);
    // 16 to 256 spans far more than 100× in GFLOP/s against the archive, so the axis is logarithmic.
    await fill(panel, { sizes: '16, 64, 256', warmups: '0', runs: '2' });
    await panel.locator('select[name="backend"]').selectOption('wasm');
    await panel.locator('button[type="submit"]').click();
    await finished(panel);
    expect(await panel.getAttribute('data-state')).toBe('done');
    const chart = panel.getByTestId('live-chart');
    await expect.poll(() => chart.locator('svg').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await chart.innerText()).toMatch(/your run/);
    expect(await chart.innerText()).toMatch(/archived: /);
    // The widest SVG is the plot itself (the legend's swatches are SVGs too).
    const [chartWidth, svgWidth] = await chart.evaluate((el) => [
      el.clientWidth,
      Math.max(...[...el.querySelectorAll('svg')].map((svg) => svg.getBoundingClientRect().width)),
    ]);
    expect(svgWidth).toBeGreaterThan(chartWidth - 2);
    // The archive alone spans more than 100× here (software WebGPU to PyTorch), so the axis is log.
    expect(await chart.innerText()).toMatch(/gflops \(log scale\)/);
    const ticks = await chart.locator('svg text').allTextContents();
    expect(ticks.filter((t) => /^(10|100|1k|10k)$/.test(t)).length, ticks.join(' ')).toBeGreaterThan(0);
    // The file input is hidden from sight but is the next stop after Download JSON.
    await panel.getByRole('button', { name: 'Download JSON' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('file');
    const hidden = await panel.getByLabel('Load JSON').boundingBox();
    expect(Math.max(hidden!.width, hidden!.height)).toBeLessThanOrEqual(1);
    expect(await panel.locator('label.tfc-file-button').isVisible()).toBe(true);
    expect(await seriousAxeViolations(page, '[data-experiment="matmul"]')).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('keeps Run disabled and says why while a parameter is out of range', async () => {
    const { page, context } = await openSpeed(browser);
    const panel = page.locator('[data-experiment="matmul"]');
    await hydrated(page, panel);
    await fill(panel, { runs: '0' });
    expect(await panel.locator('button[type="submit"]').isDisabled()).toBe(true);
    expect(await panel.locator('#matmul-runs-hint').innerText()).toMatch(/0 is below the minimum, 1/);
    await fill(panel, { runs: '3' });
    expect(await panel.locator('button[type="submit"]').isDisabled()).toBe(false);
    await context.close();
  });
});

describe('a browser with no GPU', () => {
  let plain: Browser;
  beforeAll(async () => {
    plain = await chromium.launch({ executablePath: (await findChromium()).path, args: NO_GPU_ARGS, headless: true });
  });
  afterAll(async () => {
    await plain?.close();
  });

  it(
    'falls back to WASM and says why WebGPU and WebGL were skipped',
    async () => {
      const { page, context, consoleErrors } = await openSpeed(plain);
      const panel = page.locator('[data-experiment="matmul"]');
      await hydrated(page, panel);
      await fill(panel, SMALL.matmul!);
      await panel.locator('button[type="submit"]').click();
      await finished(panel);
      expect(await panel.getAttribute('data-state'), await panel.innerText()).toBe('done');
      const caption = await panel.locator('[data-testid="result"] caption').innerText();
      expect(caption).toMatch(/Run on wasm/);
      expect(caption).toMatch(/webgpu: (WebGPU is present but offers no adapter|this browser has no WebGPU)/);
      expect(caption).toMatch(/webgl: /);
      expect(consoleErrors).toEqual([]);
      await context.close();
    },
    RUN_TIMEOUT,
  );
});
