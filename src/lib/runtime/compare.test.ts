import { describe, expect, it } from 'vitest';
import type { RunOutput } from './output.ts';
import { compareBackends, ratios, type ComparisonRunner } from './compare.ts';

const run = (backend: string, firstMs: number, median: number): RunOutput => ({
  experiment: 'matmul',
  params: {},
  provenance: { date: '2026-11-25T00:00:00Z', runner: 'browser', backend, versions: {}, seed: 1 },
  metrics: {},
  timings: {
    n256: {
      protocol: { warmups: 1, runs: 1, readback: true },
      firstMs,
      timesMs: [median],
      wall: { n: 1, median, p10: median, p90: median, min: median, max: median },
    },
  },
});

describe('backend comparison ratios', () => {
  it('divides the slower median by the faster and compares first run with steady state', () => {
    const r = ratios(
      {
        cpu: { ok: true, result: run('cpu', 40, 20) },
        wasm: { ok: true, result: run('wasm', 10, 2) },
        'wasm-1thread': { ok: true, result: run('wasm', 12, 5) },
        webgl: { ok: true, result: run('webgl', 300, 1) },
        webgpu: { ok: false, reason: 'WebGPU is present but offers no adapter' },
      },
      'n256',
    );
    const byId = Object.fromEntries(r.map((x) => [x.id, x]));
    expect(byId['wasm-over-cpu']?.speedup).toBe(10);
    expect(byId['threads-on-over-off']?.speedup).toBe(2.5);
    expect(byId['webgl-over-wasm']?.speedup).toBe(2);
    expect(byId['webgpu-over-webgl']?.speedup).toBeUndefined();
    expect(byId['webgpu-over-webgl']?.missing).toMatch(/not measured.*no adapter/);
    expect(byId['first-webgl']?.speedup).toBe(300);
    expect(byId['first-webgpu']?.missing).toMatch(/not measured/);
  });
  it('says which configuration was not run', () => {
    const r = ratios({ cpu: { ok: true, result: run('cpu', 1, 1) } }, 'n256');
    expect(r.find((x) => x.id === 'wasm-over-cpu')?.missing).toMatch(/WASM \(SIMD, threads\) was not run/);
  });
  it('fails loudly on a timing the results lack', () => {
    expect(() =>
      ratios({ cpu: { ok: true, result: run('cpu', 1, 1) }, wasm: { ok: true, result: run('wasm', 1, 1) } }, 'n512'),
    ).toThrow(/no timing "n512"/);
  });
});

describe('running the comparison', () => {
  const params = { size: 32, warmups: 0, runs: 2 };
  const noop = { onStart: () => {} };

  it('runs every configuration in its own worker kind and keeps a failure with its reason', async () => {
    const calls: string[] = [];
    const runnerFor = ({ wasmThreads }: { wasmThreads: boolean }): ComparisonRunner => ({
      run: async (id, p, backend) => {
        calls.push(`${id} ${backend} threads=${wasmThreads} ${JSON.stringify(p)}`);
        if (backend === 'webgpu') throw new Error('WebGPU is present but offers no adapter');
        return run(backend!, 2, 1);
      },
      cancel: async () => {},
    });
    const seen: number[] = [];
    const onOutcome = (o: object) => seen.push(Object.keys(o).length);
    const outcomes = await compareBackends(params, runnerFor, {
      ...noop,
      signal: new AbortController().signal,
      onOutcome,
    });
    expect(calls).toHaveLength(5);
    expect(calls[0]).toBe('matmul webgpu threads=true {"sizes":[32],"warmups":0,"runs":2}');
    expect(calls[3]).toMatch(/^matmul wasm threads=false/);
    expect(outcomes.webgpu).toEqual({ ok: false, reason: 'WebGPU is present but offers no adapter' });
    expect(outcomes.cpu?.ok).toBe(true);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it('cancels the running configuration on abort and stops with "cancelled", keeping those done', async () => {
    const controller = new AbortController();
    let cancelled = 0;
    const runnerFor = (): ComparisonRunner => ({
      run: (_id, _p, backend) =>
        backend === 'webgl'
          ? new Promise((_, reject) => {
              controller.abort();
              // The worker answers a cancel by rejecting the run it stopped.
              setTimeout(() => reject(new Error(cancelled ? 'cancelled' : 'not cancelled')), 0);
            })
          : Promise.resolve(run(backend!, 2, 1)),
      cancel: async () => {
        cancelled++;
      },
    });
    let last = {};
    await expect(
      compareBackends(params, runnerFor, { ...noop, signal: controller.signal, onOutcome: (o) => (last = o) }),
    ).rejects.toThrow('cancelled');
    expect(cancelled).toBe(1);
    expect(Object.keys(last)).toEqual(['webgpu']);
  });
});
