import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBrowser, hydrated, url, watchedPage } from '../support/pages.ts';

/** The ONNX check on the Deployment page: real files in, ONNX Runtime Web in a real Chromium. */
let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openInspector() {
  const context = await browser.newContext();
  const watch = await watchedPage(context);
  await watch.page.goto(url('/deployment/'), { waitUntil: 'networkidle' });
  const island = watch.page.locator('[data-island="onnx-inspector"]');
  await hydrated(watch.page, island);
  return { ...watch, island, context };
}

describe('ONNX model check', () => {
  it("reads the page's own PyTorch export and lists its input and output", async () => {
    const { island, context, consoleErrors, foreignRequests } = await openInspector();
    await island.getByRole('button', { name: "Check this page's model" }).click();
    await expect.poll(() => island.getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
    const table = await island.getByTestId('inspector-result').innerText();
    expect(table).toMatch(/input\s+image\s+float32 \[batch, 1, 28, 28\]/);
    expect(table).toMatch(/output\s+logits\s+float32 \[batch, 10\]/);
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('says clearly why a damaged or wrong file is not a model, and the page carries on', async () => {
    const { page, island, context } = await openInspector();
    const input = island.locator('input[type="file"]');
    const files: [string, Buffer, RegExp][] = [
      [
        'broken.onnx',
        Buffer.from('this is not a protobuf at all, just text pretending to be a model'),
        /broken\.onnx: ONNX Runtime could not read this file as an ONNX model/,
      ],
      [
        'model.json',
        Buffer.from('{"modelTopology": {}, "weightsManifest": []}'),
        /model\.json: This is a JSON file .*not an ONNX model/,
      ],
      ['empty.onnx', Buffer.alloc(0), /empty\.onnx: The file is empty/],
    ];
    for (const [name, buffer, message] of files) {
      await input.setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
      await expect.poll(() => island.getAttribute('data-state'), { timeout: 60_000 }).toBe('error');
      expect(await island.getByRole('alert').innerText()).toMatch(message);
    }
    // The rest of the page still works: a live panel hydrates and its Run button is enabled.
    const panel = page.locator('[data-experiment="onnx-parity"]');
    await panel.scrollIntoViewIfNeeded();
    await expect.poll(() => panel.getByRole('button', { name: 'Run' }).isEnabled(), { timeout: 10_000 }).toBe(true);
    await context.close();
  });
});

describe('saving a model trained in the page', () => {
  it('offers the saved model as files, and model.json points at its weights', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const { page, consoleErrors } = await watchedPage(context);
    await page.goto(url('/deployment/'), { waitUntil: 'networkidle' });
    const panel = page.locator('[data-experiment="save-load-quantize"]');
    await hydrated(page, panel);
    for (const [name, value] of Object.entries({ steps: '4', batchSize: '8', hidden: '8', evalExamples: '50' }))
      await panel.locator(`[name="${name}"]`).fill(value);
    await panel.locator('select[name="backend"]').selectOption('wasm');
    await panel.locator('button[type="submit"]').click();
    await expect.poll(() => panel.getAttribute('data-state'), { timeout: 120_000 }).toBe('done');
    expect(await panel.locator('[data-testid="result"]').innerText()).toMatch(/indexeddb_tested\s+1\.000/);
    const buttons = await panel.getByTestId('output-files').getByRole('button').allInnerTexts();
    expect(buttons).toEqual([
      'Download model.json',
      'Download weights.bin',
      'Download model-uint8.json',
      'Download weights-uint8.bin',
    ]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Download model.json' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('model.json');
    const { mkdtemp, readFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(`${tmpdir()}/tfc-download-`);
    // The browser may run as a separate process: save a local copy rather than read its path.
    await download.saveAs(`${dir}/model.json`);
    const modelJson = JSON.parse(await readFile(`${dir}/model.json`, 'utf8'));
    await rm(dir, { recursive: true, force: true });
    expect(modelJson.weightsManifest[0].paths).toEqual(['weights.bin']);
    expect(modelJson.modelTopology.config.layers.length).toBeGreaterThan(0);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
