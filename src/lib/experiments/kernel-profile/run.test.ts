import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectRecordOf } from '../../results/record-test-helpers.ts';
import { ParamsError } from '../../runtime/experiment.ts';
import { runExperiment } from '../../runtime/run.ts';
import { kernelProfile } from './run.ts';
import { expectCancelFreesEverything } from '../../../../tests/support/cancel.ts';

const environment = { runner: 'node' as const, versions: { tfjs: tf.version.tfjs } };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('kernel-profile experiment', () => {
  it('lists the kernels of a training step and measures debug mode, restoring the flag', async () => {
    const result = await runExperiment(
      kernelProfile,
      { hidden: 8, batch: 4, profiledSteps: 2, debugSteps: 2 },
      {
        tf,
        backend: 'cpu',
        environment,
      },
    );
    expectRecordOf(result);
    // A dense forward and backward pass launches matrix products (tfjs runs tf.matMul as BatchMatMul).
    expect(Object.keys(result.timings)).toContain('kernel_BatchMatMul');
    expect(result.timings.kernel_BatchMatMul?.timesMs).toHaveLength(2);
    expect(result.metrics.kernels_per_step).toBeGreaterThan(10);
    expect(result.metrics.step_ms_debug_on).toBeGreaterThan(0);
    // Debug mode printed lines (counted) and was switched off again.
    expect(result.metrics.debug_log_lines).toBeGreaterThan(0);
    expect(tf.env().getBool('DEBUG')).toBe(false);
    expect(result.memory?.leakedTensors).toBe(0);
  });
  it('rejects out-of-range parameters and stops on cancel', async () => {
    await expect(
      runExperiment(kernelProfile, { debugSteps: 0 }, { tf, backend: 'cpu', environment }),
    ).rejects.toBeInstanceOf(ParamsError);
    await expectCancelFreesEverything(
      kernelProfile,
      { hidden: 8, batch: 4, profiledSteps: 5 },
      { tf, backend: 'cpu', environment },
    );
  });
});
