import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectRecordOf } from '../../results/record-test-helpers.ts';
import { ParamsError } from '../../runtime/experiment.ts';
import { runExperiment } from '../../runtime/run.ts';
import { newtonSqrtEager } from './shown/while-loop.eager.ts';
import { metricLabel } from './labels.ts';
import { dataDependentLoop } from './run.ts';
import { expectCancelFreesEverything } from '../../../../tests/support/cancel.ts';

const environment = { runner: 'node' as const, versions: { tfjs: tf.version.tfjs } };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the eager Newton loop', () => {
  it('converges to the square roots, one read-back per iteration', async () => {
    const a = tf.tensor1d([2, 9, 1e4]);
    const { x, iterations, reads } = await newtonSqrtEager(tf, a, { tolerance: 1e-6, maxIterations: 100 });
    const roots = Array.from(await x.data());
    expect(roots[0]).toBeCloseTo(Math.SQRT2, 5);
    expect(roots[1]).toBeCloseTo(3, 5);
    expect(roots[2]).toBeCloseTo(100, 3);
    expect(reads).toBe(iterations);
    x.dispose();
    a.dispose();
  });
  it('runs longer for larger values, and stops at maxIterations', async () => {
    const small = tf.tensor1d([2]);
    const large = tf.tensor1d([1e10]);
    const s = await newtonSqrtEager(tf, small, { tolerance: 1e-5, maxIterations: 100 });
    const l = await newtonSqrtEager(tf, large, { tolerance: 1e-5, maxIterations: 100 });
    const capped = await newtonSqrtEager(tf, large, { tolerance: 1e-5, maxIterations: 3 });
    expect(l.iterations).toBeGreaterThan(s.iterations + 10);
    expect(capped.iterations).toBe(3);
    [s.x, l.x, capped.x, small, large].forEach((t) => t.dispose());
  });
});

describe('data-dependent-loop experiment', () => {
  it('reports iterations, read-backs, kernels and the error against Math.sqrt, leaking nothing', async () => {
    const result = await runExperiment(
      dataDependentLoop,
      { count: 50, maxValue: 1e6, runs: 2, warmups: 0 },
      { tf, backend: 'cpu', environment },
    );
    expectRecordOf(result);
    const m = result.metrics;
    expect(m.max_rel_error_vs_sqrt).toBeLessThan(1e-4);
    expect(m.reads_eager).toBe(m.iterations_eager);
    expect(m.iterations_eager).toBe(Math.max(m.iterations_largest!, m.iterations_smallest!));
    expect(m.iterations_largest).toBeGreaterThan(m.iterations_smallest!);
    expect(m.kernels_eager).toBeGreaterThanOrEqual(m.iterations_eager! * 5);
    // The graph whileLoop gives the same roots in the same number of iterations, in one run.
    expect(m.iterations_graph).toBe(m.iterations_eager);
    expect(m.max_rel_diff_eager_graph).toBeLessThan(1e-6);
    expect(m.session_runs_graph).toBe(1);
    expect(m.ops_graph).toBeGreaterThan(m.iterations_graph!);
    // The host loop over a node never ran, so its "roots" are the inputs.
    expect(m.iterations_host_loop).toBe(0);
    expect(m.host_loop_max_rel_error).toBeGreaterThan(1);
    expect(result.notes?.host_loop).toMatch(/ran 0 times: Number\(change\) is NaN/);
    for (const name of Object.keys(m)) expect(metricLabel(name), name).toBeDefined();
    expect(result.memory?.leakedTensors).toBe(0);
  });
  it('rejects out-of-range parameters with the field name', async () => {
    await expect(
      runExperiment(dataDependentLoop, { tolerance: 1e-9 }, { tf, backend: 'cpu', environment }),
    ).rejects.toBeInstanceOf(ParamsError);
    await expect(runExperiment(dataDependentLoop, { count: 0 }, { tf, backend: 'cpu', environment })).rejects.toThrow(
      /count/,
    );
  });
  it('frees everything when cancelled', async () => {
    await expectCancelFreesEverything(dataDependentLoop, { count: 50, runs: 50 }, { tf, backend: 'cpu', environment });
  });
});
