// Page weight: the gzip size of the JavaScript and CSS each built page loads before a reader does
// anything (scrolled through to the bottom, so islands that hydrate on view count), against the budget in
// tests/page-weight-budget.json; and no forbidden library (tfjs) before interaction.
// Run by `npm test` after the build; `npm run page-weight` alone needs a fresh `npm run build`.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../scripts/static-server.ts';
import { CHROMIUM_ARGS, findChromium } from './support/browser.ts';
import { builtPages } from './support/pages-list.ts';
import { checkPageWeight, type Budget, type LoadedAsset } from './support/page-weight.ts';

const budget = JSON.parse(readFileSync(new URL('./page-weight-budget.json', import.meta.url), 'utf8')) as Budget;
const site = await startStaticServer('dist');
const { path } = await findChromium();
const browser = await chromium.launch({ executablePath: path, args: CHROMIUM_ARGS });
let failed = false;
const rows: string[][] = [];

try {
  for (const pagePath of builtPages()) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const pending: Promise<LoadedAsset | undefined>[] = [];
    page.on('response', (response) => {
      const type = response.request().resourceType();
      if (type !== 'script' && type !== 'stylesheet') return;
      const kind: LoadedAsset['type'] = type;
      pending.push(
        response
          .body()
          .then((body) => ({
            url: response.url(),
            type: kind,
            bytes: body.length,
            gzip: gzipSync(body).length,
            text: body.toString('utf8'),
          }))
          .catch(() => undefined),
      );
    });
    await page.goto(`${site.url}${pagePath}`, { waitUntil: 'networkidle' });
    // Scroll through the page a screen at a time: an island that hydrates on view must be seen
    // to load, and a jump to the bottom would skip the ones in the middle.
    const screens = await page.evaluate(() => Math.ceil(document.body.scrollHeight / window.innerHeight));
    for (let i = 1; i <= screens; i++) {
      await page.evaluate((y) => window.scrollTo(0, y * window.innerHeight), i);
      await page.waitForTimeout(50);
    }
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    const assets = (await Promise.all(pending)).filter((a): a is LoadedAsset => a !== undefined);
    const result = checkPageWeight(pagePath, assets, budget);
    rows.push([
      pagePath,
      kb(result.jsGzip),
      kb(result.cssGzip),
      kb(result.totalGzip),
      `${result.budgetKB}`,
      result.problems.length ? 'FAIL' : 'ok',
    ]);
    for (const problem of result.problems) console.error(`page-weight: ${problem}`);
    failed ||= result.problems.length > 0;
    await context.close();
  }
} finally {
  await browser.close();
  await site.close();
}

function kb(bytes: number) {
  return (bytes / 1024).toFixed(1);
}
const header = ['page', 'JS KB gz', 'CSS KB gz', 'total KB gz', 'budget KB', ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
for (const row of [header, ...rows]) console.log(row.map((c, i) => c.padEnd(widths[i]!)).join('  '));
if (failed) {
  console.error('page-weight: over budget or forbidden code loaded (see above)');
  process.exit(1);
}
