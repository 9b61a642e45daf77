// Engine overhead: a 200-step MNIST MLP training run through the experiment engine (comlink
// worker, parameter validation, leak check, progress messages, provenance) against the identical
// loop (trainMlp) in a bare worker, in the same browser run on the same backend. Runs alternate
// engine, bare, engine, bare... after one warm-up of each, and the medians are compared.
//
// Usage: npm run -s bench:engine -- [backend=wasm] [reps=5]   (CHROME_PATH picks the browser)
// Exits 1 if the engine's training loop is more than 5% slower than the bare loop.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../scripts/static-server.ts';
import { tfjsWasmThreads } from '../src/integrations/tfjs-wasm-threads.ts';
import { getModel, getWorkload, mlpHidden } from '../src/lib/results/workloads.ts';
import { spread } from '../src/lib/runtime/stats.ts';
import { CHROMIUM_ARGS, findChromium } from '../tests/support/browser.ts';

const BUDGET = 1.05;
const backend = process.argv[2] ?? 'wasm';
const reps = Number(process.argv[3] ?? 5);
if (!['webgpu', 'webgl', 'wasm', 'cpu'].includes(backend) || !Number.isInteger(reps) || reps < 1) {
  console.error('usage: engine-overhead.ts [webgpu|webgl|wasm|cpu] [reps >= 1]');
  process.exit(2);
}
// The suite's MLP training workload (benchmarks/workloads.json), so this measures the same run the
// archived results do.
const workload = getWorkload('mnist-mlp-train', 'train');
const params = {
  steps: workload.steps,
  batchSize: workload.batch,
  hidden: mlpHidden(getModel(workload.model)),
  learningRate: workload.optimizer.learningRate,
  seed: workload.seed,
};

// Build the benchmark page with the site's worker settings; public/ brings the MNIST files and
// the tfjs .wasm binaries (run `npm run build` or `npm run data && npm run vendor` first).
const out = mkdtempSync(join(tmpdir(), 'tfc-engine-bench-'));
await build({
  root: 'benchmarks/engine-overhead',
  publicDir: join(process.cwd(), 'public'),
  logLevel: 'warn',
  build: { outDir: out, emptyOutDir: true },
  worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
});
const headers = '/*\n  Cross-Origin-Opener-Policy: same-origin\n  Cross-Origin-Embedder-Policy: require-corp\n';
(await import('node:fs')).writeFileSync(join(out, '_headers'), headers);

const site = await startStaticServer(out);
const { path, source } = await findChromium();
const browser = await chromium.launch({ executablePath: path, args: CHROMIUM_ARGS, headless: true });
const page = await browser.newPage();
page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
await page.goto(`${site.url}/`, { waitUntil: 'networkidle' });
await page.waitForFunction(() => document.body.dataset.ready === 'true');
if (!(await page.evaluate(() => crossOriginIsolated))) throw new Error('benchmark page is not cross-origin isolated');

type Kind = 'engine' | 'bare';
const run = (kind: Kind) =>
  page.evaluate(
    ([k, b, p]) =>
      (window as unknown as Record<string, (b: string, p: object) => Promise<{ loopMs: number; pageMs: number }>>)[
        k === 'engine' ? 'benchEngine' : 'benchBare'
      ]!(b, p),
    [kind, backend, params] as const,
  );

await run('engine');
await run('bare');
const times: Record<Kind, { loopMs: number[]; pageMs: number[] }> = {
  engine: { loopMs: [], pageMs: [] },
  bare: { loopMs: [], pageMs: [] },
};
for (let i = 0; i < reps; i++)
  for (const kind of i % 2 ? (['bare', 'engine'] as const) : (['engine', 'bare'] as const)) {
    const r = await run(kind);
    times[kind].loopMs.push(r.loopMs);
    times[kind].pageMs.push(r.pageMs);
  }
await browser.close();
await site.close();
rmSync(out, { recursive: true, force: true });

const med = (xs: number[]) => spread(xs).median;
const loopRatio = med(times.engine.loopMs) / med(times.bare.loopMs);
const pageRatio = med(times.engine.pageMs) / med(times.bare.pageMs);
console.log(
  `browser: ${source} ${browser.version()}, backend ${backend}, ${reps} runs each after one warm-up, ${params.steps} steps, ` +
    `batch ${params.batchSize}, hidden ${params.hidden}`,
);
console.log('          training loop ms (median, p10-p90)    whole run as the page waits ms');
for (const kind of ['engine', 'bare'] as const) {
  const l = spread(times[kind].loopMs);
  const p = spread(times[kind].pageMs);
  console.log(
    `${kind.padEnd(8)}  ${l.median.toFixed(1).padStart(8)} ` +
      `(${l.p10.toFixed(1)}-${l.p90.toFixed(1)})${''.padEnd(18)}${p.median.toFixed(1).padStart(8)} ` +
      `(${p.p10.toFixed(1)}-${p.p90.toFixed(1)})`,
  );
}
console.log(
  `engine / bare: training loop ${loopRatio.toFixed(3)}, whole run ${pageRatio.toFixed(3)} (budget ${BUDGET} for the loop)`,
);
if (loopRatio > BUDGET) {
  console.error(
    `engine-overhead: the engine's loop is ${((loopRatio - 1) * 100).toFixed(1)}% slower than the bare loop; the budget ` +
      `is ${((BUDGET - 1) * 100).toFixed(0)}%`,
  );
  process.exit(1);
}
