import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRecordOf } from '../../results/record-test-helpers.ts';
import { readPublicFile } from '../../data/read-node.ts';
import { ParamsError } from '../../runtime/experiment.ts';
import { createRng } from '../../runtime/rng.ts';
import { runExperiment } from '../../runtime/run.ts';
import { registerWasmTrainingKernels } from '../../kernels/register-wasm.ts';
import { metricLabel } from './labels.ts';
import { makeCnn } from './model.ts';
import { loadMnistCached } from '../../training/data.ts';
import { mnistCnn } from './run.ts';
import { expectCancelFreesEverything } from '../../../../tests/support/cancel.ts';

const environment = { runner: 'node' as const, versions: { tfjs: tf.version.tfjs, node: process.versions.node } };
const readSiteFile = readPublicFile();
// tfjs's cpu backend computes conv filter gradients slowly (about 7 MFLOP/s): a tiny model, on purpose.
const tiny = {
  steps: 30,
  batchSize: 8,
  filters1: 2,
  filters2: 4,
  learningRate: 0.02,
  warmups: 1,
  evalExamples: 200,
  inferBatch: 8,
  inferRuns: 5,
  seed: 2,
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

beforeAll(async () => {
  // The same script `npm run build` runs; it writes the MNIST subset to public/data/.
  execFileSync(process.execPath, ['scripts/build-data.ts'], { stdio: 'ignore' });
  // Read the files once, now: the experiments then reuse these bytes (same reader, same cache), so
  // a test file running the build script in parallel cannot rewrite them under a run.
  await Promise.all([loadMnistCached('train', readSiteFile), loadMnistCached('test', readSiteFile)]);
  await tf.setBackend('cpu');
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('the CNN on wasm', () => {
  it('trains through plain tf.conv2d with the registered filter-gradient kernel, like on cpu', async () => {
    registerWasmTrainingKernels();
    // One step from the same seed on both backends: the same loss and the same updated filters.
    const step = async (backend: string) => {
      await tf.setBackend(backend);
      const model = makeCnn(tf, createRng(1), 2, 4);
      const optimizer = tf.train.sgd(0.1);
      const x = tf.tensor4d(
        Float32Array.from({ length: 2 * 28 * 28 }, (_, i) => (i % 29) / 29),
        [2, 28, 28, 1],
      );
      const y = tf.oneHot(tf.tensor1d([3, 7], 'int32'), 10);
      const cost = optimizer.minimize(
        () => tf.losses.softmaxCrossEntropy(y, model.logits(x)) as tf.Scalar,
        true,
        model.vars,
      );
      const out = { loss: cost!.dataSync()[0]!, filters: model.vars[2]!.dataSync().slice() };
      tf.dispose([cost!, x, y]);
      model.dispose();
      optimizer.dispose();
      return out;
    };
    try {
      const [wasm, cpu] = [await step('wasm'), await step('cpu')];
      expect(wasm.loss).toBeCloseTo(cpu.loss, 4);
      for (let i = 0; i < cpu.filters.length; i++) expect(wasm.filters[i]).toBeCloseTo(cpu.filters[i]!, 4);
    } finally {
      await tf.setBackend('cpu');
    }
  });
});

describe('mnist-cnn experiment', () => {
  it('learns real MNIST, times training and inference, leaks nothing, and returns a valid result', async () => {
    const losses: number[] = [];
    const result = await runExperiment(mnistCnn, tiny, {
      tf,
      backend: 'cpu',
      environment,
      readSiteFile,
      onProgress: (_, m) => m?.loss !== undefined && losses.push(m.loss),
    });
    expectRecordOf(result);
    expect(result.memory?.leakedTensors).toBe(0);
    expect(losses).toHaveLength(30);
    expect(mean(losses.slice(-5))).toBeLessThan(mean(losses.slice(0, 5)) - 0.5);
    const m = result.metrics;
    expect(m.test_accuracy).toBeGreaterThan(0.3); // chance is 0.1
    expect(Object.keys(result.timings)).toEqual(['train_step', 'infer_1', 'infer_batch']);
    expect(result.timings.infer_1!.timesMs).toHaveLength(5);
    expect(m.infer_p50_ms).toBe(result.timings.infer_1!.wall.median);
    expect(m.infer_p95_ms).toBeGreaterThanOrEqual(m.infer_p50_ms!);
    expect(m.infer_p95_ms).toBeLessThanOrEqual(result.timings.infer_1!.wall.max);
    expect(m.infer_batch_examples_per_s).toBeCloseTo((8 / m.infer_batch_p50_ms!) * 1000, 6);
    expect(m.train_examples_per_s).toBeCloseTo(m.train_steps_per_s! * 8, 6);
    for (const name of Object.keys(m)) expect(metricLabel(name), name).toBeDefined();
  });

  it('rejects out-of-range parameters with the field name', async () => {
    const run = (p: unknown) => runExperiment(mnistCnn, p, { tf, backend: 'cpu', environment, readSiteFile });
    await expect(run({ filters1: 0 })).rejects.toBeInstanceOf(ParamsError);
    await expect(run({ batchSize: 1000 })).rejects.toThrow(/^batchSize:/);
    await expect(run({ optimizer: 'rmsprop' })).rejects.toThrow(/^optimizer:/);
    await expect(run({ evalExamples: 5000 })).rejects.toThrow(/^evalExamples:/);
    await expect(run({ steps: 3, warmups: 2 })).rejects.toThrow(/^warmups:/);
    expect(mnistCnn.params.parse({})).toMatchObject({ steps: 200, batchSize: 64, optimizer: 'adam' });
  });

  it('stops within a step on cancel and frees weights, optimizer slots and inputs', async () => {
    const seen = await expectCancelFreesEverything(
      mnistCnn,
      { ...tiny, steps: 100 },
      { tf, backend: 'cpu', environment, readSiteFile },
      3,
    );
    expect(seen).toBe(3); // one progress per step: none after the abort
  });
});
