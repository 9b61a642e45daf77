import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectRecordOf } from '../../results/record-test-helpers.ts';
import { readPublicFile } from '../../data/read-node.ts';
import { ParamsError } from '../../runtime/experiment.ts';
import { createRng } from '../../runtime/rng.ts';
import { runExperiment } from '../../runtime/run.ts';
import { loadMnistCached, makeBatcher } from '../../training/data.ts';
import { metricLabel } from './labels.ts';
import { mnistMlp, trainMlp } from './run.ts';
import { expectCancelFreesEverything } from '../../../../tests/support/cancel.ts';

const environment = { runner: 'node' as const, versions: { tfjs: tf.version.tfjs, node: process.versions.node } };
const readSiteFile = readPublicFile();
const tiny = { steps: 30, batchSize: 32, hidden: 32, learningRate: 0.01, warmups: 2, seed: 3 };
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

beforeAll(async () => {
  // The same script `npm run build` runs; it writes the MNIST subset to public/data/.
  execFileSync(process.execPath, ['scripts/build-data.ts'], { stdio: 'ignore' });
  // Read the files once, now: the experiments then reuse these bytes (same reader, same cache), so
  // a test file running the build script in parallel cannot rewrite them under a run.
  await Promise.all([loadMnistCached('train', readSiteFile), loadMnistCached('test', readSiteFile)]);
  await tf.setBackend('cpu');
});

describe('MNIST batches', () => {
  it('are real digits with one-hot labels, in a seeded order covering each example once per epoch', async () => {
    const train = await loadMnistCached('train', readSiteFile);
    const sub = { count: 20, images: train.images.subarray(0, 20 * 784), labels: train.labels.subarray(0, 20) };
    const seen: number[] = [];
    const next = makeBatcher(sub, 5, createRng(9));
    for (let b = 0; b < 4; b++) {
      const { xs, ys } = next();
      for (let i = 0; i < 5; i++) {
        const row = ys.subarray(i * 10, i * 10 + 10);
        expect(row.reduce((a, v) => a + v, 0)).toBe(1);
        // Find which example this is by its pixels, and check the label travelled with it.
        const pixels = Array.from(xs.subarray(i * 784, (i + 1) * 784), (v) => Math.round(v * 255));
        const idx = [...Array(20).keys()].find((j) => pixels.every((v, p) => v === sub.images[j * 784 + p]))!;
        expect(row[sub.labels[idx]!]).toBe(1);
        seen.push(idx);
      }
    }
    expect(new Set(seen).size).toBe(20);
    expect(Math.max(...next().xs)).toBeLessThanOrEqual(1);
  });
});

describe('mnist-mlp experiment', () => {
  it('learns real MNIST, leaks nothing, and returns a valid result', async () => {
    const losses: number[] = [];
    const result = await runExperiment(mnistMlp, tiny, {
      tf,
      backend: 'cpu',
      environment,
      readSiteFile,
      onProgress: (_, m) => m && losses.push(m.loss!),
    });
    expectRecordOf(result);
    expect(result.memory?.leakedTensors).toBe(0);
    // 30 steps report every step: the loss curve, and it goes down.
    expect(losses).toHaveLength(30);
    expect(mean(losses.slice(-5))).toBeLessThan(mean(losses.slice(0, 5)) - 0.5);
    const m = result.metrics;
    expect(m.first_loss).toBeCloseTo(losses[0]!, 6);
    expect(m.final_loss).toBeCloseTo(mean(losses.slice(-10)), 6);
    expect(m.test_accuracy).toBeGreaterThan(0.5); // chance is 0.1
    const timing = result.timings.train_step!;
    expect(timing.timesMs).toHaveLength(30 - 1 - 2);
    expect(m.train_steps_per_s).toBeCloseTo(1000 / timing.wall.median, 9);
    expect(m.first_step_ms).toBe(timing.firstMs);
    for (const name of Object.keys(m)) expect(metricLabel(name), name).toBeDefined();
  });

  it('runs the identical loop as the bare trainMlp: same seed, same losses', async () => {
    const train = await loadMnistCached('train', readSiteFile);
    const bare: number[] = [];
    await trainMlp(tf, train, { ...tiny, steps: 8 }, { onStep: (_, loss) => bare.push(loss) });
    const viaEngine: number[] = [];
    await runExperiment(
      mnistMlp,
      { ...tiny, steps: 8 },
      {
        tf,
        backend: 'cpu',
        environment,
        readSiteFile,
        onProgress: (_, m) => m && viaEngine.push(m.loss!),
      },
    );
    expect(viaEngine).toEqual(bare);
  });

  it('rejects out-of-range parameters with the field name', async () => {
    const run = (p: unknown) => runExperiment(mnistMlp, p, { tf, backend: 'cpu', environment, readSiteFile });
    await expect(run({ steps: 1 })).rejects.toBeInstanceOf(ParamsError);
    await expect(run({ batchSize: 4096 })).rejects.toThrow(/^batchSize:/);
    await expect(run({ learningRate: 0 })).rejects.toThrow(/^learningRate:/);
    await expect(run({ steps: 5, warmups: 4 })).rejects.toThrow(/^warmups: 4 warm-up steps leave no timed step/);
    expect(mnistMlp.params.parse({}).steps).toBe(200);
  });

  it('stops within a step on cancel and frees weights and optimizer slots', async () => {
    const stepsSeen = await expectCancelFreesEverything(
      mnistMlp,
      { ...tiny, steps: 100 },
      { tf, backend: 'cpu', environment, readSiteFile },
      3,
    );
    // 100 steps report every step: aborted after step 3, and no step after it completed.
    expect(stepsSeen).toBe(3);
  });
});
