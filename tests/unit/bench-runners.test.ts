import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateResultsDir } from '../../src/lib/results/files.ts';
import { validateResultText } from '../../src/lib/results/schema.ts';
import { workloadIds } from '../../src/lib/results/workloads.ts';
import { findPython } from '../support/python.ts';

/**
 * Each benchmark runner on tiny steps, its output checked against the result schema. The browser
 * runner builds a page and drives Chromium, so it is tested in the e2e project
 * (tests/e2e/bench-browser.test.ts), which runs under the build lock.
 */
const tmp = mkdtempSync(join(tmpdir(), 'tfc-runners-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(() => {
  // The MNIST subset the runners read (public/data/mnist), written by the same script as the build.
  execFileSync(process.execPath, ['scripts/build-data.ts'], { stdio: 'ignore' });
});

const node = (script: string, args: string[]) =>
  spawnSync(process.execPath, ['--experimental-transform-types', '--no-warnings', script, ...args], {
    encoding: 'utf8',
    timeout: 300_000,
  });

const results = (dir: string) => {
  const { files, errors } = validateResultsDir(dir);
  expect(errors).toEqual([]);
  return files.map((f) => validateResultText(readFileSync(join(dir, f), 'utf8'), f));
};

describe('Node runner (benchmarks/node/run.ts)', () => {
  // Two Node processes that load tfjs: seconds each, more on a busy machine.
  it('explains itself with --help and rejects an unknown workload by name', { timeout: 60_000 }, () => {
    const help = node('benchmarks/node/run.ts', ['--help']);
    expect(help.status).toBe(0);
    for (const id of workloadIds) expect(help.stdout).toContain(id);
    const bad = node('benchmarks/node/run.ts', ['--workload', 'nope']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown workload "nope"');
  });

  it('runs every workload on cpu and wasm in tiny steps and writes valid results', { timeout: 300_000 }, () => {
    const out = join(tmp, 'node');
    // The CNN training step is seconds on tfjs's cpu backend (a naive filter gradient); wasm only.
    const quick = workloadIds.filter((w) => w !== 'mnist-cnn-train').flatMap((w) => ['--workload', w]);
    const a = node('benchmarks/node/run.ts', [
      ...quick,
      '--backend',
      'cpu',
      '--backend',
      'wasm',
      '--steps',
      '3',
      '--warmup',
      '0',
      '--out',
      out,
    ]);
    expect(a.status, a.stderr).toBe(0);
    const b = node('benchmarks/node/run.ts', [
      '--workload',
      'mnist-cnn-train',
      '--backend',
      'wasm',
      '--steps',
      '3',
      '--warmup',
      '0',
      '--out',
      out,
    ]);
    expect(b.status, b.stderr).toBe(0);
    const runs = results(out);
    expect(runs).toHaveLength(2 * (workloadIds.length - 1) + 1);
    for (const r of runs) {
      expect(r.runner).toBe('node');
      expect(r.settings.deviations).toEqual([
        expect.stringMatching(/^steps 3 instead of \d+$/),
        expect.stringMatching(/^warmup 0 instead of \d+$/),
      ]);
    }
    const mlp = runs.find((r) => r.workload === 'mnist-mlp-train' && r.mode === 'tfjs-wasm')!;
    // 3 steps: the first is timed apart, no warm-ups, two timed steps.
    expect(mlp.measurements[0]!.timesMs).toHaveLength(2);
    expect(mlp.finalLoss).toBeGreaterThan(0);
    const mm = runs.find((r) => r.workload === 'matmul-sweep' && r.mode === 'tfjs-cpu')!;
    expect(mm.measurements.map((m) => m.name)).toEqual(['n64', 'n128', 'n256', 'n512']);
    expect(mm.measurements.every((m) => m.timesMs.length === 3)).toBe(true);
  });
});

const torchPython = findPython({ needs: 'torch' });
const anyPython = findPython();
const torchHasCompile = torchPython
  ? spawnSync(torchPython, ['-c', 'import torch,sys; sys.exit(0 if hasattr(torch, "compile") else 1)']).status === 0
  : false;

describe('PyTorch runner (benchmarks/python/torch_bench.py)', () => {
  it.skipIf(!torchPython)(
    torchPython
      ? `runs every workload in eager and TorchScript modes, and compile where torch has it, on tiny steps (${torchPython})`
      : 'runs every workload (skipped: no Python here can import torch; apt-get install python3-torch or set PYTHON)',
    { timeout: 300_000 },
    () => {
      const out = join(tmp, 'torch');
      const r = spawnSync(
        torchPython!,
        ['benchmarks/python/torch_bench.py', '--workload', 'all', '--steps', '3', '--warmup', '0', '--out', out],
        { encoding: 'utf8', timeout: 300_000 },
      );
      expect(r.status, r.stderr).toBe(0);
      const runs = results(out);
      const modes = torchHasCompile ? ['compile', 'eager', 'torchscript'] : ['eager', 'torchscript'];
      // Without torch.compile the runner says so and writes nothing for that mode.
      if (!torchHasCompile)
        expect(r.stdout).toMatch(/compile: torch \S+ has no torch.compile \(added in 2.0\); no result written/);
      expect(runs).toHaveLength(workloadIds.length * modes.length);
      expect([...new Set(runs.map((x) => x.mode))].sort()).toEqual(modes);
      for (const x of runs) expect(x.framework.name).toBe('pytorch');
      const train = runs.filter((x) => x.workload.endsWith('-train'));
      expect(train.every((x) => x.finalLoss !== undefined && x.finalLoss > 0)).toBe(true);
    },
  );
});

describe.each([
  ['jax_bench.py', 'jax'],
  ['tf1_bench.py', 'tensorflow'],
  ['tf2_bench.py', 'tensorflow'],
])('%s (written for machines with %s)', (script, module) => {
  const withModule = findPython({ needs: module });
  it.skipIf(!anyPython)('explains itself with --help', () => {
    const r = spawnSync(anyPython!, [`benchmarks/python/${script}`, '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--workload');
  });
  it.skipIf(!anyPython || !!withModule)(
    withModule
      ? `says it cannot run without ${module} (skipped: ${withModule} has ${module})`
      : `says it cannot run without ${module}, and writes nothing`,
    () => {
      const out = join(tmp, script);
      const r = spawnSync(anyPython!, [`benchmarks/python/${script}`, '--workload', 'all', '--out', out], {
        encoding: 'utf8',
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`cannot import ${module}`);
      expect(() => readdirSync(out)).toThrow();
    },
  );
});
