// What a reader downloads when they press Run, per backend: the JavaScript of the worker,
// TensorFlow.js core, one backend and the experiment (gzip), the chart library loaded with the
// first figures, and the WASM binary where the backend has one. Measured in a real Chromium
// against the built site, by recording every response after the click.
//
// Usage: npm run build && npm run -s bench:run-chunk   (CHROME_PATH picks the browser)
// Exits 1 if the JavaScript loaded on Run, chart excluded, is over the budget below.
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../scripts/static-server.ts';
import { CHROMIUM_ARGS, findChromium } from '../tests/support/browser.ts';

/** Issue 4's budget for the chunk loaded on Run: one backend plus the model code. */
const BUDGET_KB = 300;
const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
const PLOT_MARKER = 'plot-d6a7b5';

const site = await startStaticServer('dist');
const { path, source } = await findChromium();
const browser = await chromium.launch({ executablePath: path, args: CHROMIUM_ARGS, headless: true });
const kb = (b: number) => (b / 1024).toFixed(1);
let failed = false;

console.log(`browser: ${source} (${browser.version()}); page /speed/, experiment matmul, sizes 16`);
console.log(['backend', 'run JS KB gz', 'chart JS KB gz', 'wasm KB gz', 'files'].join('\t'));
for (const backend of BACKENDS) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${site.url}/speed/`, { waitUntil: 'networkidle' });
  const panel = page.locator('[data-experiment="matmul"]');
  await panel.scrollIntoViewIfNeeded();
  await page.waitForFunction(
    () =>
      !document.querySelector('astro-island[ssr] [data-experiment="matmul"]') &&
      !!document.querySelector('[data-experiment="matmul"] button[type="submit"]:not([disabled])'),
  );
  await page.waitForTimeout(500);
  const bodies: Promise<{ url: string; gzip: number; text: string }>[] = [];
  const record = (r: import('playwright-core').Response) => {
    const url = new URL(r.url()).pathname;
    if (!/\.(js|wasm)$/.test(url)) return;
    bodies.push(
      r.body().then((b) => ({ url, gzip: gzipSync(b).length, text: url.endsWith('.js') ? b.toString('utf8') : '' })),
    );
  };
  // Workers fetch through the page's context too; listen at the context level to see their requests.
  context.on('response', record);
  await panel.locator('[name="sizes"]').fill('16');
  await panel.locator('[name="runs"]').fill('1');
  await panel.locator('select[name="backend"]').selectOption(backend);
  await panel.locator('button[type="submit"]').click();
  await page.waitForFunction(
    () => /done|error/.test(document.querySelector('[data-experiment="matmul"]')!.getAttribute('data-state') ?? ''),
    null,
    { timeout: 120_000 },
  );
  await page.waitForTimeout(500);
  const state = await panel.getAttribute('data-state');
  const files = await Promise.all(bodies);
  const chart = files.filter((f) => f.text.includes(PLOT_MARKER));
  const js = files.filter((f) => f.url.endsWith('.js') && !chart.includes(f));
  const wasm = files.filter((f) => f.url.endsWith('.wasm'));
  const sum = (fs: typeof files) => fs.reduce((s, f) => s + f.gzip, 0);
  const over = sum(js) > BUDGET_KB * 1024;
  failed ||= over || state !== 'done';
  console.log(
    [
      backend,
      kb(sum(js)),
      kb(sum(chart)),
      kb(sum(wasm)),
      `${files.length}${state === 'done' ? '' : ` (run ended ${state})`}${over ? ` OVER ${BUDGET_KB} KB` : ''}`,
    ].join('\t'),
  );
  await context.close();
}
await browser.close();
await site.close();
if (failed) {
  console.error(`run-chunk-size: a backend's Run chunk is over ${BUDGET_KB} KB gzip, or a run failed`);
  process.exit(1);
}
