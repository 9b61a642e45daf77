import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectRecordOf } from '../../results/record-test-helpers.ts';
import { ParamsError } from '../../runtime/experiment.ts';
import { runExperiment } from '../../runtime/run.ts';
import { modelStyles } from './run.ts';

const environment = { runner: 'node' as const, versions: { tfjs: tf.version.tfjs } };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('model-styles experiment', () => {
  it('gives the same outputs from Sequential, functional and subclassed models with the same weights', async () => {
    const result = await runExperiment(
      modelStyles,
      { hidden: 8, batch: 4, runs: 2, warmups: 0 },
      { tf, backend: 'cpu', environment },
    );
    expectRecordOf(result);
    expect(result.metrics.max_abs_diff_functional).toBeLessThan(1e-6);
    expect(result.metrics.max_abs_diff_subclassed).toBeLessThan(1e-6);
    expect(Object.keys(result.timings)).toEqual(['predict_sequential', 'predict_functional', 'predict_subclassed']);
    expect(result.memory?.leakedTensors).toBe(0);
  });
  it('rejects out-of-range parameters with the field name', async () => {
    await expect(runExperiment(modelStyles, { hidden: 0 }, { tf, backend: 'cpu', environment })).rejects.toBeInstanceOf(
      ParamsError,
    );
    await expect(runExperiment(modelStyles, { hidden: 0 }, { tf, backend: 'cpu', environment })).rejects.toThrow(
      /hidden/,
    );
  });
});
