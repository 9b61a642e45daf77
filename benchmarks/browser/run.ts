// tfjs in headless Chromium on the shared workloads (benchmarks/workloads.json), through the
// site's own experiment engine (worker, backend choice, leak check): the page a reader opens runs
// the same code. Writes one result file per workload and backend to benchmarks/results/.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import type { RunOutput } from '../../src/lib/runtime/output.ts';
import { tfjsWasmThreads } from '../../src/integrations/tfjs-wasm-threads.ts';
import { experimentCall, settingsFor } from '../../src/lib/results/workload-runs.ts';
import { runRecord } from '../../src/lib/results/run-record.ts';
import { commandLine, hostProvenance, RESULTS_DIR, writeResult } from '../../src/lib/results/files.ts';
import { getWorkload, workloadIds } from '../../src/lib/results/workloads.ts';
import { parseRunnerArgs } from '../runner-args.ts';
import { startStaticServer } from '../../scripts/static-server.ts';
import { CHROMIUM_ARGS, findChromium } from '../../tests/support/browser.ts';

const BACKENDS = ['wasm', 'webgpu', 'webgl', 'cpu'] as const;
type Backend = (typeof BACKENDS)[number];

const HELP = `Usage: node --experimental-transform-types benchmarks/browser/run.ts --workload <id|all> [--backend <name> ...] [options]

Runs benchmark workloads with TensorFlow.js in headless Chromium through the site's experiment
engine and writes one result JSON per workload and backend (validated against
src/lib/results/schema.ts). Builds a small page with Vite from public/ (run \`npm run data\` and
\`npm run vendor\`, or \`npm run build\`, first). CHROME_PATH picks the browser.

  --workload <id|all>  ${workloadIds.join(', ')}, or all (repeatable)
  --backend <name>     ${BACKENDS.join(', ')} (repeatable; default: wasm). WebGPU on a machine
                       without a GPU is SwiftShader, a software rasteriser: results say so.
  --wasm-threads <on|off>  WASM threads on (default: the page is cross-origin isolated, tfjs picks
                       the count) or off (one thread, as a page without isolation gets)
  --steps <n>          override the workload's steps (recorded as a deviation)
  --warmup <n>         override the workload's warm-ups (recorded as a deviation)
  --out <dir>          where result files go (default: ${RESULTS_DIR})
  --dry-run            run and validate, write nothing
  --help               this text`;

const args = parseRunnerArgs(
  'browser/run.ts',
  HELP,
  { allowed: BACKENDS, default: ['wasm'] },
  { 'wasm-threads': { type: 'string', default: 'on' } },
);
const { ids, override, out, dryRun } = args;
const threadsArg = args.extra('wasm-threads');
if (threadsArg !== 'on' && threadsArg !== 'off') args.fail(`--wasm-threads must be on or off, got "${threadsArg}"`);
const wasmThreads = threadsArg === 'on';
const backends = args.backends as Backend[];
const command = commandLine('benchmarks/browser/run.ts', process.argv.slice(2)).replace(
  /^node /,
  'node --experimental-transform-types ',
);

// The page is built with the site's worker settings; public/ brings the MNIST files and the tfjs
// .wasm binaries; COOP/COEP make it cross-origin isolated, so WASM threads run as on the site.
const outDir = mkdtempSync(join(tmpdir(), 'tfc-browser-bench-'));
await build({
  root: 'benchmarks/browser/page',
  publicDir: join(process.cwd(), 'public'),
  logLevel: 'warn',
  build: { outDir, emptyOutDir: true },
  worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
});
writeFileSync(
  join(outDir, '_headers'),
  '/*\n  Cross-Origin-Opener-Policy: same-origin\n  Cross-Origin-Embedder-Policy: require-corp\n',
);

const site = await startStaticServer(outDir);
const { path } = await findChromium();
const browser = await chromium.launch({ executablePath: path, args: CHROMIUM_ARGS, headless: true });
let failed = false;
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(`${site.url}/`, { waitUntil: 'networkidle' });
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  const userAgent = await page.evaluate(() => navigator.userAgent);
  for (const backend of backends) {
    for (const id of ids) {
      const workload = getWorkload(id);
      const settings = settingsFor(workload, override);
      const call = experimentCall(workload, settings);
      const date = new Date().toISOString();
      const host = hostProvenance(command);
      const result = await page.evaluate(
        ([exp, params, b, threads]) =>
          (
            window as unknown as {
              benchRun: (id: string, p: unknown, b: string, threads: boolean) => Promise<RunOutput>;
            }
          ).benchRun(exp, params, b, threads),
        [call.experiment, call.params, backend, wasmThreads] as const,
      );
      if (result.provenance.backend !== backend) {
        // The engine fell back (e.g. no WebGPU adapter): a result under the wrong name would mislead.
        const why = result.provenance.skippedBackends?.map((s) => `${s.name}: ${s.reason}`).join('; ');
        console.error(
          `${id}: asked for ${backend}, the engine ran ${result.provenance.backend} (${why ?? 'no reason given'}); nothing written`,
        );
        failed = true;
        continue;
      }
      const adapter = result.provenance.adapter;
      const adapterText = adapter
        ? [adapter.vendor, adapter.architecture, adapter.description, adapter.renderer].filter(Boolean).join(' ')
        : '';
      const software = /swiftshader/i.test(JSON.stringify(adapter ?? {}));
      const gpu =
        backend === 'webgpu' || backend === 'webgl'
          ? `${adapterText || 'unknown adapter'}${software ? ' (software)' : ''}`
          : undefined;
      const file = runRecord(
        result,
        {
          origin: 'server',
          device: gpu ? `GPU: ${gpu}` : `CPU: ${host.cpu.model}`,
          ...(result.provenance.backendDetails
            ? {
                details: {
                  ...result.provenance.backendDetails,
                  ...(backend === 'wasm' ? { threadsAllowed: wasmThreads } : {}),
                },
              }
            : {}),
          provenance: {
            date,
            ...host,
            ...(gpu ? { gpu } : {}),
            runtime: { name: 'chromium', version: browser.version() },
            libraries: Object.fromEntries(
              Object.entries(result.provenance.versions).map(([k, v]) => [
                k === 'tfjs' ? '@tensorflow/tfjs-core' : k,
                v,
              ]),
            ),
            browser: { name: 'chromium', version: browser.version(), userAgent },
          },
          ...(software
            ? { notes: 'WebGPU on SwiftShader, a CPU emulation of a GPU: not a measure of any real GPU.' }
            : {}),
        },
        { workload, settings },
      );
      const summary = file.measurements.map((m) => `${m.name} ${m.median.toFixed(3)} ms`).join(', ');
      const where = dryRun ? '(not written)' : writeResult(out, file);
      console.log(
        `${id} tfjs-${backend}: ${summary}${file.finalLoss !== undefined ? `, final loss ${file.finalLoss.toFixed(4)}` : ''} -> ${where}`,
      );
    }
  }
} finally {
  await browser.close();
  await site.close();
  rmSync(outDir, { recursive: true, force: true });
}
if (failed) process.exit(1);
