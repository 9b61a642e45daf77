import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectRecordOf } from '../../results/record-test-helpers.ts';
import { ParamsError } from '../../runtime/experiment.ts';
import { runExperiment } from '../../runtime/run.ts';
import { matmul, matmulFlops } from './run.ts';
import { expectCancelFreesEverything } from '../../../../tests/support/cancel.ts';

const environment = { runner: 'node' as const, versions: { tfjs: tf.version.tfjs, node: process.versions.node } };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('matmul experiment', () => {
  it('measures every size, leaks nothing, and returns a valid result with provenance', async () => {
    const progress: number[] = [];
    const result = await runExperiment(
      matmul,
      { sizes: [16, 32], runs: 3, warmups: 1 },
      {
        tf,
        backend: 'cpu',
        environment,
        onProgress: (f) => progress.push(f),
      },
    );
    expectRecordOf(result);
    expect(Object.keys(result.timings)).toEqual(['n16', 'n32']);
    expect(result.timings.n32?.timesMs).toHaveLength(3);
    expect(result.metrics.gflops_n32).toBeGreaterThan(0);
    expect(result.memory?.leakedTensors).toBe(0);
    expect(result.provenance).toMatchObject({ runner: 'node', backend: 'cpu', seed: 1 });
    expect(progress).toEqual([0.5, 1]);
    expect(matmulFlops(16)).toBe(8192);
  });
  it('rejects out-of-range parameters with the field name', async () => {
    const run = runExperiment(matmul, { sizes: [4], runs: 0 }, { tf, backend: 'cpu', environment });
    await expect(run).rejects.toBeInstanceOf(ParamsError);
    await expect(runExperiment(matmul, { sizes: [4] }, { tf, backend: 'cpu', environment })).rejects.toThrow(
      /sizes\.0/,
    );
  });
  it('stops on cancel and frees every tensor', async () => {
    await expectCancelFreesEverything(matmul, { sizes: [64, 128, 256], runs: 50 }, { tf, backend: 'cpu', environment });
  });
});
