// Every experiment on the given pages (default: the Speed page), with its default parameters, in a
// real Chromium: once to the end and once cancelled part-way, reporting the worker's live tensor
// count before and after, the seconds the full run took and, where a page states an accuracy
// target, the accuracy reached. Targets: zero tensors left behind in both runs; with --budget-s,
// every full run within that many seconds; test accuracies of at least MIN_ACCURACY below.
//
// Usage: npm run build && npm run -s bench:leaks -- [backend=wasm] [--pages /a/,/b/] [--budget-s N]
//   (CHROME_PATH picks the browser). Exits 1 if any run leaves a tensor behind, does not finish,
//   runs past the budget or misses its accuracy.
import { chromium, type Locator } from 'playwright-core';
import { startStaticServer } from '../scripts/static-server.ts';
import { CHROMIUM_ARGS, findChromium } from '../tests/support/browser.ts';

/** Accuracy targets an issue states for an experiment's defaults (metric name prefix -> minimum). */
const MIN_ACCURACY: Record<string, { metric: RegExp; min: number }> = {
  'model-building': { metric: /^test_accuracy_/, min: 0.95 },
};

const usage = 'usage: leak-check-defaults.ts [webgpu|webgl|wasm|cpu] [--pages /speed/,/model-building/] [--budget-s N]';
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  if (value === undefined) {
    console.error(`${name} needs a value\n${usage}`);
    process.exit(2);
  }
  return value;
};
const pages = (option('--pages') ?? '/speed/').split(',').filter(Boolean);
const budgetText = option('--budget-s');
const budget = budgetText === undefined ? Infinity : Number(budgetText);
const backend = args[0] ?? 'wasm';
if (
  !['webgpu', 'webgl', 'wasm', 'cpu'].includes(backend) ||
  args.length > 1 ||
  !(budget > 0) ||
  pages.some((p) => !p.startsWith('/'))
) {
  console.error(usage);
  process.exit(2);
}
const site = await startStaticServer('dist');
const { path, source } = await findChromium();
const browser = await chromium.launch({ executablePath: path, args: CHROMIUM_ARGS, headless: true });
const page = await browser.newPage();

const state = (panel: Locator) => panel.getAttribute('data-state');
async function waitFor(panel: Locator, states: string[], timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const s = await state(panel);
    if (s && states.includes(s)) return s;
    await page.waitForTimeout(250);
  }
  return `timeout (${await state(panel)})`;
}
const tensors = async (panel: Locator) => {
  const t = panel.locator('[data-testid="tensors"]');
  return `${await t.getAttribute('data-before')} -> ${await t.getAttribute('data-after')}`;
};

/** Metric values shown in a finished panel's result table, by metric name. */
async function shownMetrics(panel: Locator): Promise<Map<string, number>> {
  const text = await panel.locator('[data-testid="result"]').innerText();
  const out = new Map<string, number>();
  for (const m of text.matchAll(/^([a-z0-9_]+)\s+(-?[\d.]+)/gm)) out.set(m[1]!, Number(m[2]));
  return out;
}

let failed = false;
console.log(
  `browser: ${source} ${browser.version()}, backend ${backend}, default parameters${Number.isFinite(budget) ? `, budget ${budget} s` : ''}`,
);
console.log(
  ['page', 'experiment', 'full run', 'seconds', 'tensors', 'accuracy', 'cancelled run', 'tensors'].join('\t'),
);
for (const path of pages) {
  await page.goto(`${site.url}${path}`, { waitUntil: 'networkidle' });
  const ids = await page
    .locator('[data-experiment]:not([data-experiment="backend-comparison"])')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-experiment')!));
  if (ids.length === 0) {
    console.log([path, '(no experiment on this page)'].join('\t'));
    failed = true;
  }
  for (const id of ids) {
    const panel = page.locator(`[data-experiment="${id}"]`);
    await panel.scrollIntoViewIfNeeded();
    await page.waitForTimeout(1000);
    await panel.locator('select[name="backend"]').selectOption(backend);
    const t0 = Date.now();
    await panel.locator('button[type="submit"]').click();
    const full = await waitFor(panel, ['done', 'error'], 15 * 60_000);
    const seconds = (Date.now() - t0) / 1000;
    const fullTensors = await tensors(panel);
    let accuracy = '';
    const target = MIN_ACCURACY[id];
    if (target && full === 'done') {
      const reached = [...(await shownMetrics(panel))].filter(([name]) => target.metric.test(name));
      accuracy = reached.map(([name, v]) => `${name} ${v}`).join(', ');
      if (reached.length === 0 || reached.some(([, v]) => v < target.min)) {
        failed = true;
        accuracy += ` (below ${target.min} or missing)`;
      }
    }
    await panel.locator('button[type="submit"]').click();
    // Cancel once the run has reported progress, i.e. part-way through its work.
    while (
      (await panel
        .locator('progress')
        .getAttribute('value')
        .catch(() => null)) === '0'
    )
      await page.waitForTimeout(100);
    await page.waitForTimeout(300);
    await panel
      .getByRole('button', { name: 'Cancel' })
      .click()
      .catch(() => {});
    const cancelled = await waitFor(panel, ['idle', 'done', 'error'], 5 * 60_000);
    const cancelTensors = await tensors(panel);
    const leaks = [fullTensors, cancelTensors].some((t) => t.split(' -> ')[0] !== t.split(' -> ')[1]);
    const overBudget = seconds > budget;
    failed ||= full !== 'done' || leaks || overBudget;
    console.log(
      [
        path,
        id,
        full,
        `${seconds.toFixed(1)}${overBudget ? ' (over budget)' : ''}`,
        fullTensors,
        accuracy || '-',
        cancelled,
        cancelTensors,
      ].join('\t'),
    );
  }
}
await browser.close();
await site.close();
if (failed) {
  console.error('leak-check-defaults: a run failed, left tensors behind, ran past the budget or missed its accuracy');
  process.exit(1);
}
