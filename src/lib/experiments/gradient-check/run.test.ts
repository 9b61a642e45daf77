import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectRecordOf } from '../../results/record-test-helpers.ts';
import { ParamsError } from '../../runtime/experiment.ts';
import { runExperiment } from '../../runtime/run.ts';
import { gradientCheck, relativeError } from './run.ts';
import { expectCancelFreesEverything } from '../../../../tests/support/cancel.ts';

const environment = { runner: 'node' as const, versions: { tfjs: tf.version.tfjs } };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('gradient-check experiment', () => {
  it('finds autodiff and central differences in agreement to float32 precision, leaking nothing', async () => {
    const result = await runExperiment(gradientCheck, { checks: 30 }, { tf, backend: 'cpu', environment });
    expectRecordOf(result);
    expect(result.metrics.weights_checked).toBe(30);
    expect(result.metrics.max_rel_error).toBeLessThan(2e-2);
    expect(result.metrics.median_rel_error).toBeLessThan(2e-3);
    expect(result.memory?.leakedTensors).toBe(0);
  });
  it('computes a symmetric relative error that is defined at zero', () => {
    expect(relativeError(1, 1.01)).toBeCloseTo(0.01 / 1.01, 12);
    expect(relativeError(1.01, 1)).toBe(relativeError(1, 1.01));
    expect(relativeError(0, 0)).toBe(0);
  });
  it('rejects out-of-range parameters with the field name, and stops on cancel', async () => {
    await expect(
      runExperiment(gradientCheck, { epsilon: 1 }, { tf, backend: 'cpu', environment }),
    ).rejects.toBeInstanceOf(ParamsError);
    await expectCancelFreesEverything(gradientCheck, { checks: 100 }, { tf, backend: 'cpu', environment }, 3);
  });
});
