import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { validateResultsDir } from '../../src/lib/results/files.ts';
import { validateResultText } from '../../src/lib/results/schema.ts';

/**
 * The browser benchmark runner (benchmarks/browser/run.ts) on tiny steps: it builds its own page
 * with Vite from public/ and drives its own Chromium through the site's engine, so it lives in
 * the e2e project, which runs under the build lock.
 */
const out = mkdtempSync(join(tmpdir(), 'tfc-browser-runner-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('runs workloads in Chromium on wasm and writes results that validate', { timeout: 300_000 }, () => {
  execFileSync(process.execPath, ['scripts/build-data.ts'], { stdio: 'ignore' });
  const r = spawnSync(
    process.execPath,
    [
      '--experimental-transform-types',
      '--no-warnings',
      'benchmarks/browser/run.ts',
      '--workload',
      'mnist-mlp-train',
      '--workload',
      'cnn-infer-b1',
      '--workload',
      'op-overhead',
      '--backend',
      'wasm',
      '--steps',
      '3',
      '--warmup',
      '0',
      '--out',
      out,
    ],
    { encoding: 'utf8', timeout: 300_000 },
  );
  expect(r.status, r.stderr).toBe(0);
  const { files, errors } = validateResultsDir(out);
  expect(errors).toEqual([]);
  const runs = files.map((f) => validateResultText(readFileSync(join(out, f), 'utf8'), f));
  expect(runs.map((x) => x.workload).sort()).toEqual(['cnn-infer-b1', 'mnist-mlp-train', 'op-overhead']);
  for (const x of runs) {
    expect(x.runner).toBe('browser');
    expect(x.mode).toBe('tfjs-wasm');
    expect(x.provenance.browser?.userAgent).toMatch(/Chrome/);
    // The page is cross-origin isolated, so tfjs loads its threaded build, whose memory is shared:
    // the site's SIMD kernels must instantiate on that memory, not fall back to JavaScript.
    expect(x.backend.details).toMatchObject({ threadedBuild: true, simdKernels: true });
  }
  expect(runs.find((x) => x.workload === 'op-overhead')!.measurements).toHaveLength(10);
});
