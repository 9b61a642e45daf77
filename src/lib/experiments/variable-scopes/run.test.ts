import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectRecordOf } from '../../results/record-test-helpers.ts';
import { readPublicFile } from '../../data/read-node.ts';
import { ParamsError } from '../../runtime/experiment.ts';
import { runExperiment } from '../../runtime/run.ts';
import { variableScopes } from './run.ts';

const environment = { runner: 'node' as const, versions: { tfjs: tf.version.tfjs } };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('variable-scopes experiment', () => {
  it('catches the missing-reuse error, shares four variables both ways, agrees, and frees everything', async () => {
    const before = tf.memory().numTensors;
    const result = await runExperiment(
      variableScopes,
      { pairs: 3, hidden: 4, embed: 2, warmups: 0, runs: 2 },
      { tf, backend: 'cpu', environment, readSiteFile: readPublicFile() },
    );
    expectRecordOf(result);
    expect(result.metrics.reuse_error_raised).toBe(1);
    expect(result.notes?.reuse_error).toBe(
      'ValueError: Variable tower/dense1/kernel already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in ' +
        'VarScope?',
    );
    // Two kernels and two biases, however many times the tower is called.
    expect(result.metrics.tf1_variables_created).toBe(4);
    expect(result.metrics.object_variables_created).toBe(4);
    expect(result.metrics.tf1_towers_share_variables).toBe(1);
    expect(result.metrics.object_towers_share_variables).toBe(1);
    // Same weights, same float32 ops in the same order on cpu.
    expect(result.metrics.max_abs_diff).toBeLessThan(1e-5);
    // Per tower MatMul, add, Relu, MatMul, add; the four variables are one set of nodes, read
    // once per run for both towers; then mul and Sum.
    expect(result.metrics.tf1_ops_per_forward).toBe(2 * 5 + 4 + 2);
    expect(result.timings.forward_tf1!.timesMs).toHaveLength(2);
    expect(result.memory?.leakedTensors).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(tf.engine().registeredVariables)).toHaveLength(0);
  });
  it('rejects out-of-range parameters with the field name', async () => {
    await expect(
      runExperiment(variableScopes, { pairs: 0 }, { tf, backend: 'cpu', environment }),
    ).rejects.toBeInstanceOf(ParamsError);
    await expect(runExperiment(variableScopes, { hidden: 1e6 }, { tf, backend: 'cpu', environment })).rejects.toThrow(
      /hidden/,
    );
  });
});
