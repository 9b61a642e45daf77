import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectRecordOf } from '../../results/record-test-helpers.ts';
import { readPublicFile } from '../../data/read-node.ts';
import { ParamsError } from '../../runtime/experiment.ts';
import { createRng } from '../../runtime/rng.ts';
import { runExperiment } from '../../runtime/run.ts';
import { loadMnistCached } from '../../training/data.ts';
import { makeAugmentedBatcher, shiftIndices, shiftInto } from './augment.ts';
import { metricLabel } from './labels.ts';
import { FEEDS, inputPipelines } from './run.ts';
import { expectCancelFreesEverything } from '../../../../tests/support/cancel.ts';

const environment = { runner: 'node' as const, versions: { tfjs: tf.version.tfjs, node: process.versions.node } };
const readSiteFile = readPublicFile();
const tiny = {
  steps: 30,
  batchSize: 16,
  hidden: 32,
  examples: 200,
  shuffleBuffer: 50,
  prefetch: 2,
  maxShift: 2,
  seed: 4,
};

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build-data.ts'], { stdio: 'ignore' });
  await Promise.all([loadMnistCached('train', readSiteFile), loadMnistCached('test', readSiteFile)]);
  await tf.setBackend('cpu');
});

describe('the shift augmentation', () => {
  it('moves a digit by (dx, dy), zeros shifted in, and the gather indices shift it identically', async () => {
    const train = await loadMnistCached('train', readSiteFile);
    const src = train.images.subarray(784, 2 * 784);
    const flat = new Float32Array(2 * 785);
    for (let q = 0; q < 784; q++) flat[785 + q] = src[q]! / 255;
    for (const [dx, dy] of [
      [2, -1],
      [-2, 2],
      [0, 0],
    ] as const) {
      const ours = new Float32Array(784);
      shiftInto(src, ours, 0, dx, dy);
      for (let y = 0; y < 28; y++)
        for (let x = 0; x < 28; x++) {
          const inside = y - dy >= 0 && y - dy < 28 && x - dx >= 0 && x - dx < 28;
          expect(ours[y * 28 + x]).toBe(inside ? Math.fround(src[(y - dy) * 28 + x - dx]! / 255) : 0);
        }
      const indices = new Int32Array(784);
      shiftIndices(1, indices, 0, dx, dy);
      expect(Array.from(indices, (i) => flat[i])).toEqual(Array.from(ours));
      if (dx || dy) expect(Array.from(ours)).not.toEqual(Array.from(src, (v) => v / 255));
    }
  });

  it('gives batches with one-hot labels, every example once per epoch', async () => {
    const train = await loadMnistCached('train', readSiteFile);
    const next = makeAugmentedBatcher(train, 20, 5, 0, createRng(1));
    const labels: number[] = [];
    for (let b = 0; b < 4; b++) {
      const { ys } = next();
      for (let i = 0; i < 5; i++) labels.push(ys.subarray(i * 10, i * 10 + 10).indexOf(1));
    }
    // With no shift the labels of one epoch are exactly the first 20 labels, reordered.
    expect(labels.sort()).toEqual(Array.from(train.labels.subarray(0, 20)).sort());
  });
});

describe('input-pipelines experiment', () => {
  it('trains with all three feeds, reports each side by side, leaks nothing, and says the loader ran in-thread', async () => {
    const result = await runExperiment(inputPipelines, tiny, { tf, backend: 'cpu', environment, readSiteFile });
    expectRecordOf(result);
    expect(result.memory?.leakedTensors).toBe(0);
    const m = result.metrics;
    // Node has no Worker: the run must say the loader fell back to this thread.
    expect(m.loader_in_worker).toBe(0);
    for (const feed of FEEDS) {
      expect(m[`${feed}_samples_per_s`]).toBeGreaterThan(0);
      expect(m[`${feed}_first_batch_ms`]).toBeGreaterThan(0);
      expect(m[`${feed}_idle_fraction`]).toBeGreaterThanOrEqual(0);
      expect(m[`${feed}_idle_fraction`]).toBeLessThan(1);
      expect(m[`${feed}_test_accuracy`]).toBeGreaterThan(0.3); // chance is 0.1: it learned
      expect(result.timings[`${feed}_step`]!.timesMs).toHaveLength(tiny.steps - 1 - 2);
    }
    // feed_dict style holds the whole subset on the device: 200 x 784 floats at least.
    expect(m.feeddict_peak_tensor_mb! * 2 ** 20).toBeGreaterThan(200 * 784 * 4);
    expect(m.loader_peak_tensor_mb!).toBeLessThan(m.feeddict_peak_tensor_mb!);
    for (const name of Object.keys(m)) expect(metricLabel(name), name).toBeDefined();
  }, 60_000);

  it('rejects out-of-range parameters with the field name', async () => {
    const run = (p: unknown) => runExperiment(inputPipelines, p, { tf, backend: 'cpu', environment, readSiteFile });
    await expect(run({ steps: 2 })).rejects.toBeInstanceOf(ParamsError);
    await expect(run({ prefetch: 0 })).rejects.toThrow(/^prefetch:/);
    await expect(run({ examples: 20, batchSize: 32 })).rejects.toThrow(/^batchSize: a batch of 32 needs/);
    expect(inputPipelines.params.parse({}).examples).toBe(10000);
  });

  it('stops on cancel and frees everything', async () => {
    // Report 60 falls in the tf.data feed, with the prefetch buffer full.
    await expectCancelFreesEverything(
      inputPipelines,
      { ...tiny, steps: 200 },
      { tf, backend: 'cpu', environment, readSiteFile },
      60,
    );
  }, 60_000);
});
