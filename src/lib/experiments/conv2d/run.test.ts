import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectRecordOf } from '../../results/record-test-helpers.ts';
import { ParamsError } from '../../runtime/experiment.ts';
import { runExperiment } from '../../runtime/run.ts';
import { metricLabel } from './labels.ts';
import { conv2d, conv2dFlops } from './run.ts';
import { expectCancelFreesEverything } from '../../../../tests/support/cancel.ts';

const environment = { runner: 'node' as const, versions: { tfjs: tf.version.tfjs, node: process.versions.node } };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * A naive NHWC "valid" convolution that counts every multiply and add it does: the hand count the
 * FLOP formula must match, and a reference the tfjs op's values must match.
 */
function naiveConv(
  x: Float32Array,
  [n, h, w, cin]: [number, number, number, number],
  f: Float32Array,
  k: number,
  cout: number,
) {
  const ho = h - k + 1;
  const wo = w - k + 1;
  const out = new Float32Array(n * ho * wo * cout);
  let flops = 0;
  for (let b = 0; b < n; b++)
    for (let i = 0; i < ho; i++)
      for (let j = 0; j < wo; j++)
        for (let o = 0; o < cout; o++) {
          let acc = 0;
          for (let di = 0; di < k; di++)
            for (let dj = 0; dj < k; dj++)
              for (let c = 0; c < cin; c++) {
                acc += x[((b * h + i + di) * w + j + dj) * cin + c]! * f[((di * k + dj) * cin + c) * cout + o]!;
                flops += 2;
              }
          out[((b * ho + i) * wo + j) * cout + o] = acc;
        }
  return { out, flops };
}

describe('conv2d experiment', () => {
  it('counts FLOPs exactly: the formula equals a hand count of a naive convolution that matches tf.conv2d', () => {
    const [n, h, w, cin, cout, k] = [2, 6, 6, 3, 4, 3] as const;
    const x = Float32Array.from({ length: n * h * w * cin }, (_, i) => ((i * 7) % 11) - 5);
    const f = Float32Array.from({ length: k * k * cin * cout }, (_, i) => ((i * 5) % 7) - 3);
    const { out, flops } = naiveConv(x, [n, h, w, cin], f, k, cout);
    expect(conv2dFlops({ batch: n, channelsIn: cin, channelsOut: cout, kernel: k }, h)).toBe(flops);
    expect(flops).toBe(2 * 2 * 4 * 4 * 4 * 3 * 3 * 3); // 6912, written out by hand
    const got = tf.tidy(() =>
      tf.conv2d(tf.tensor4d(x, [n, h, w, cin]), tf.tensor4d(f, [k, k, cin, cout]), 1, 'valid').dataSync(),
    );
    expect(Array.from(got)).toEqual(Array.from(out));
  });

  it('measures every size, leaks nothing, and returns a valid result', async () => {
    const points: Record<string, number>[] = [];
    const fractions: number[] = [];
    const params = { sizes: [8, 16], batch: 1, channelsIn: 2, channelsOut: 4, kernel: 3, runs: 3, warmups: 1 };
    const result = await runExperiment(conv2d, params, {
      tf,
      backend: 'cpu',
      environment,
      onProgress: (f, m) => {
        fractions.push(f);
        if (m) points.push(m);
      },
    });
    expectRecordOf(result);
    expect(Object.keys(result.timings)).toEqual(['hw8', 'hw16']);
    expect(result.timings.hw16?.timesMs).toHaveLength(3);
    expect(Object.keys(result.metrics)).toEqual(['gflops_hw8', 'gflops_hw16']);
    // GFLOP/s is the exact FLOP count over the median time, nothing else.
    const expected =
      conv2dFlops({ batch: 1, channelsIn: 2, channelsOut: 4, kernel: 3 }, 16) / result.timings.hw16!.wall.median / 1e6;
    expect(result.metrics.gflops_hw16).toBeCloseTo(expected, 9);
    expect(result.memory?.leakedTensors).toBe(0);
    expect(fractions).toEqual([0.5, 1]);
    expect(points.map((p) => Object.keys(p))).toEqual([['gflops_hw8'], ['gflops_hw8', 'gflops_hw16']]);
    expect(metricLabel('gflops_hw16')).toEqual({ label: 'conv2d throughput, 16x16 input', unit: 'GFLOP/s' });
    expect(metricLabel('nope')).toBeUndefined();
  });

  it('rejects out-of-range and unsafe parameters with the field name', async () => {
    const run = (p: unknown) => runExperiment(conv2d, p, { tf, backend: 'cpu', environment });
    await expect(run({ kernel: 0 })).rejects.toBeInstanceOf(ParamsError);
    await expect(run({ kernel: 0 })).rejects.toThrow(/^kernel:/);
    await expect(run({ sizes: [4] })).rejects.toThrow(/sizes\.0/);
    await expect(run({ sizes: [16, 8], kernel: 9 })).rejects.toThrow(/sizes\.1: size 8 is smaller than the 9x9 kernel/);
    await expect(run({ sizes: [16, 16] })).rejects.toThrow(/sizes\.1: size 16 is listed twice/);
    await expect(run({ sizes: [512], batch: 64, channelsIn: 512 })).rejects.toThrow(/sizes\.0: .*M floats/);
    await expect(run({ sizes: [64], batch: 1, channelsIn: 512, channelsOut: 512, kernel: 9 })).rejects.toThrow(
      /sizes\.0: .*GFLOP/,
    );
    // The defaults themselves must be inside every bound.
    expect(conv2d.params.parse({}).sizes).toEqual([32, 64, 128, 224]);
  });

  it('stops on cancel and frees every tensor', async () => {
    await expectCancelFreesEverything(
      conv2d,
      { sizes: [8, 16, 32], batch: 1, channelsIn: 2, channelsOut: 2, runs: 50 },
      { tf, backend: 'cpu', environment },
    );
  });
});
