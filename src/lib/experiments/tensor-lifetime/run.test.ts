import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectRecordOf } from '../../results/record-test-helpers.ts';
import { ParamsError } from '../../runtime/experiment.ts';
import { runExperiment } from '../../runtime/run.ts';
import { tensorLifetime } from './run.ts';
import { expectCancelFreesEverything } from '../../../../tests/support/cancel.ts';

const environment = { runner: 'node' as const, versions: { tfjs: tf.version.tfjs } };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('tensor-lifetime experiment', () => {
  it('shows the leak growing by three tensors a step and the tidy loop flat, then frees everything', async () => {
    const reports: Record<string, number>[] = [];
    const before = tf.memory().numTensors;
    const result = await runExperiment(
      tensorLifetime,
      { steps: 10, size: 256 },
      {
        tf,
        backend: 'cpu',
        environment,
        onProgress: (_, m) => m && reports.push(m),
      },
    );
    expectRecordOf(result);
    // square, add and mean each make one tensor: 3 per step, 30 after 10 steps.
    expect(result.metrics.leaked_tensors_per_step).toBe(3);
    expect(reports.filter((r) => 'tensors_leaky' in r).map((r) => r.tensors_leaky)).toEqual([
      3, 6, 9, 12, 15, 18, 21, 24, 27, 30,
    ]);
    // Inside tidy only the kept mean is alive at the measuring point: one tensor, every step.
    expect(new Set(reports.filter((r) => 'tensors_tidy' in r).map((r) => r.tensors_tidy))).toEqual(new Set([1]));
    // 10 steps x (256 + 256 floats + 1 scalar) x 4 bytes leaked at the peak; tidy holds one scalar.
    expect(result.metrics.peak_mb_leaky).toBeCloseTo((10 * (256 + 256 + 1) * 4) / 2 ** 20, 10);
    expect(result.metrics.peak_mb_tidy).toBeCloseTo(4 / 2 ** 20, 10);
    expect(result.memory?.leakedTensors).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
  });
  it('rejects out-of-range parameters with the field name', async () => {
    await expect(
      runExperiment(tensorLifetime, { steps: 1 }, { tf, backend: 'cpu', environment }),
    ).rejects.toBeInstanceOf(ParamsError);
    await expect(runExperiment(tensorLifetime, { size: 1e6 }, { tf, backend: 'cpu', environment })).rejects.toThrow(
      /size/,
    );
  });
  it('stops on cancel in the middle of the leaking loop and frees what it made', async () => {
    const calls = await expectCancelFreesEverything(
      tensorLifetime,
      { steps: 50, size: 64 },
      { tf, backend: 'cpu', environment },
      5,
    );
    expect(calls).toBe(5);
  });
});
