import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBrowser, seriousAxeViolations, url, watchedPage } from '../support/pages.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await connectBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const CHAPTER = '/migrating-tf1-to-tf2/';

async function open() {
  const context = await browser.newContext();
  const watch = await watchedPage(context);
  const scripts: Promise<string>[] = [];
  watch.page.on('response', (r) => {
    if (r.request().resourceType() === 'script') scripts.push(r.text().catch(() => ''));
  });
  await watch.page.goto(url(CHAPTER), { waitUntil: 'networkidle' });
  const island = watch.page.locator('[data-island="migrate"]');
  await island.scrollIntoViewIfNeeded();
  await watch.page.waitForFunction(() => !document.querySelector('astro-island[ssr]'));
  await watch.page.waitForLoadState('networkidle');
  return { ...watch, island, context, loadedScripts: () => Promise.all(scripts) };
}

/** Types code into the CodeMirror editor, which loads on the first click into the code box. */
async function typeCode(page: Page, island: Locator, code: string) {
  const editor = island.locator('.cm-content');
  if (!(await editor.isVisible())) {
    await island.locator('textarea').click();
    await editor.waitFor({ state: 'visible' });
  }
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

const TF1 = [
  'import tensorflow as tf',
  'x = tf.placeholder(tf.float32, [None, 2])',
  'y = x * 2.0',
  'with tf.Session() as sess:',
  '    print(sess.run(y, feed_dict={x: [[1.0, 2.0]]}))',
  '',
].join('\n');

describe('migration assistant', () => {
  it('shows a real conversion before any interaction, without loading the editor', async () => {
    const { page, island, context, consoleErrors, loadedScripts } = await open();
    expect(await island.locator('tr[data-kind="added"]').count()).toBeGreaterThan(3);
    // Neither CodeMirror (its scroller class) nor the engine (its rename table) came with the page.
    const early = await loadedScripts();
    expect(early.length).toBeGreaterThan(0);
    expect(early.filter((js) => js.includes('cm-scroller'))).toEqual([]);
    expect(early.filter((js) => js.includes('tf.compat.v1.placeholder'))).toEqual([]);
    expect(await island.locator('[data-rule="session-run-to-call"]').count()).toBeGreaterThan(0);
    expect(await island.locator('.cm-editor').count()).toBe(0);
    // The measured table is built with the page: one row per corpus program.
    expect(await page.locator('[data-testid="migrate-corpus-table"] tbody tr').count()).toBeGreaterThanOrEqual(10);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('converts pasted TF1 code: the diff and a report note beside its line, then a download of the result', async () => {
    const { page, island, context, consoleErrors, foreignRequests } = await open();
    await typeCode(page, island, TF1);
    await island.getByRole('button', { name: 'Convert' }).click();
    const added = island.locator('tr[data-kind="added"] code');
    await expect.poll(() => added.allTextContents()).toContain('def y(x):');
    expect(await added.allTextContents()).toContain('print(y(x=[[1.0, 2.0]]).numpy())');
    // The note about the Session.run sits on the row of input line 5, where that call was.
    const row = island.locator('tr', { has: page.locator('[data-rule="session-run-to-call"]') });
    expect(await row.locator('td').first().textContent()).toBe('5');
    expect(await row.locator('[data-rule="session-run-to-call"]').textContent()).toContain('5:11 info');
    expect(await island.getAttribute('data-state')).toBe('done');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      island.getByRole('button', { name: 'Download TF2 code' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('converted_tf2.py');
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const saved = Buffer.concat(chunks).toString('utf8');
    expect(saved).toContain('def y(x):');
    expect(saved).not.toContain('Session');

    // With the editor loaded and a result shown, the island is still accessible.
    expect(await seriousAxeViolations(page, '[data-island="migrate"]')).toEqual([]);

    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('reports where unparsable input breaks, converts the rest, and stays usable', async () => {
    const { page, island, context, consoleErrors } = await open();
    await typeCode(page, island, 'import tensorflow as tf\nprint "old"\nz = tf.log(x)\n');
    await island.getByRole('button', { name: 'Convert' }).click();
    const error = island.getByTestId('migrate-syntax-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('line 2, column 1');
    expect(await island.getAttribute('data-state')).toBe('error');
    expect(await island.locator('tr[data-kind="added"] code').allTextContents()).toContain('z = tf.math.log(x)');

    await typeCode(page, island, TF1);
    await island.getByRole('button', { name: 'Convert' }).click();
    await expect.poll(() => island.getAttribute('data-state')).toBe('done');
    expect(await island.getByTestId('migrate-syntax-error').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('treats pasted markup as text: nothing is injected into the page', async () => {
    const { page, island, context, consoleErrors } = await open();
    await typeCode(page, island, 's = "<img src=x onerror=window.__pwned=1>"\nt = tf.log(s)  # <b>bold</b>\n');
    await island.getByRole('button', { name: 'Convert' }).click();
    await expect
      .poll(() => island.locator('tr[data-kind="added"] code').allTextContents())
      .toContain('t = tf.math.log(s)  # <b>bold</b>');
    expect(await island.locator('.tfc-migrate-diff img, .tfc-migrate-diff b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('takes an uploaded .py file, and refuses one too big for a page with a message', async () => {
    const { island, context, consoleErrors } = await open();
    const input = island.locator('input[type="file"]');
    await input.setInputFiles({ name: 'model.py', mimeType: 'text/x-python', buffer: Buffer.from(TF1) });
    await expect.poll(() => island.locator('[role="status"]').textContent()).toContain('Loaded model.py');
    expect(await island.locator('textarea').inputValue()).toBe(TF1);
    await island.getByRole('button', { name: 'Convert' }).click();
    await expect.poll(() => island.locator('tr[data-kind="added"] code').allTextContents()).toContain('def y(x):');

    await input.setInputFiles({ name: 'huge.py', mimeType: 'text/x-python', buffer: Buffer.alloc(600 * 1024, 'x') });
    await expect.poll(() => island.locator('[role="status"]').textContent()).toContain('huge.py is 600 KB');
    expect(await island.locator('textarea').inputValue()).toBe(TF1);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
