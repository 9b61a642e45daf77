import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectRecordOf } from '../../results/record-test-helpers.ts';
import { ParamsError } from '../../runtime/experiment.ts';
import { createRng } from '../../runtime/rng.ts';
import { runExperiment } from '../../runtime/run.ts';
import { metricLabel } from './labels.ts';
import { dispatch, makeVariants } from './run.ts';
import { expectCancelFreesEverything } from '../../../../tests/support/cancel.ts';

const environment = { runner: 'node' as const, versions: { tfjs: tf.version.tfjs, node: process.versions.node } };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('dispatch experiment', () => {
  it('many small ops and the one fused op compute the same numbers, and launch k ops vs 1', async () => {
    const rng = createRng(7);
    const [k, n] = [5, 13];
    const values = Float32Array.from({ length: k * n }, () => rng.normal());
    const v = makeVariants(tf, values, k, n, 1.37);
    try {
      const before = tf.memory().numTensors;
      const many = v.many();
      const fused = v.fused();
      // Each launched op makes one tensor: k for "many", 1 for "fused".
      expect(tf.memory().numTensors - before).toBe(k + 1);
      const fusedValues = await fused.data();
      const manyValues = (await Promise.all(many.map((t) => t.data()))).flatMap((d) => Array.from(d));
      expect(manyValues).toEqual(Array.from(fusedValues));
      // And they are the product, not e.g. the input passed through.
      expect(fusedValues[3]).toBeCloseTo(values[3]! * 1.37, 5);
      [...many, fused].forEach((t) => t.dispose());
    } finally {
      v.dispose();
    }
  });

  it('measures both variants per size, leaks nothing, and derives ratio and per-op overhead from the medians', async () => {
    const points: Record<string, number>[] = [];
    const result = await runExperiment(
      dispatch,
      { sizes: [16, 4096], ops: 8, runs: 5, warmups: 1 },
      {
        tf,
        backend: 'cpu',
        environment,
        onProgress: (_, m) => m && points.push(m),
      },
    );
    expectRecordOf(result);
    expect(result.memory?.leakedTensors).toBe(0);
    expect(Object.keys(result.timings)).toEqual(['many_n16', 'fused_n16', 'many_n4096', 'fused_n4096']);
    const { metrics, timings } = result;
    expect(metrics.ms_many_16).toBe(timings.many_n16!.wall.median);
    expect(metrics.ms_fused_4096).toBe(timings.fused_n4096!.wall.median);
    expect(metrics.ratio_4096).toBeCloseTo(metrics.ms_many_4096! / metrics.ms_fused_4096!, 12);
    expect(metrics.overhead_us_per_op_16).toBeCloseTo(((metrics.ms_many_16! - metrics.ms_fused_16!) / 7) * 1000, 9);
    // At 16 elements the work is nothing and 8 launches cost more than 1, even on tfjs's cpu backend.
    expect(metrics.ratio_16).toBeGreaterThan(1.5);
    expect(points.map((p) => Object.keys(p).sort())).toEqual(
      [16, 4096].map((n) => [`ms_fused_${n}`, `ms_many_${n}`, `overhead_us_per_op_${n}`, `ratio_${n}`]),
    );
    expect(metricLabel('overhead_us_per_op_16')).toEqual({
      label: 'overhead per extra op, 16 elements per op',
      unit: 'µs',
    });
    expect(metricLabel('ratio_4096')?.unit).toBe('×');
  });

  it('rejects out-of-range parameters with the field name', async () => {
    const run = (p: unknown) => runExperiment(dispatch, p, { tf, backend: 'cpu', environment });
    await expect(run({ ops: 1 })).rejects.toBeInstanceOf(ParamsError);
    await expect(run({ ops: 1 })).rejects.toThrow(/^ops:/);
    await expect(run({ sizes: [0] })).rejects.toThrow(/sizes\.0/);
    await expect(run({ sizes: [16, 2 ** 20], ops: 32 })).rejects.toThrow(/sizes\.1: .*the limit is 16777216/);
    await expect(run({ sizes: [16, 16] })).rejects.toThrow(/sizes\.1: size 16 is listed twice/);
    expect(dispatch.params.parse({}).sizes.at(-1)).toBe(2 ** 20);
  });

  it('stops on cancel and frees every tensor', async () => {
    await expectCancelFreesEverything(
      dispatch,
      { sizes: [16, 256, 4096], ops: 4, runs: 50 },
      { tf, backend: 'cpu', environment },
    );
  });
});
