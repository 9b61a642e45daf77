import type * as tfc from '@tensorflow/tfjs-core';
import { IMAGE_SIZE } from '../../data/mnist.ts';
import type { Experiment, ExperimentOutput } from '../../runtime/experiment.ts';
import { quantile } from '../../runtime/stats.ts';
import { throwIfAborted, timeSteps, type Timing } from '../../runtime/timing.ts';
import { firstExamples, loadMnistCached, makeBatcher } from '../../training/data.ts';
import { accuracy, trainSteps } from '../../training/loop.ts';
import { progressEvery, trainingMetrics, trainingTiming } from '../../training/summary.ts';
import { makeCnn } from './model.ts';
import { mnistCnnParams } from './params.ts';

export { metricLabel } from './labels.ts';

const p95 = (times: readonly number[]) =>
  quantile(
    [...times].sort((a, b) => a - b),
    0.95,
  );

/**
 * Trains the CNN on the MNIST subset, measures test accuracy (so the reader sees it learned), then
 * times inference on one image and on a batch. Inference inputs are uploaded before timing: the
 * latency is the model's (forward pass, softmax, reading the probabilities back), not the upload's.
 * Timings: train_step, infer_1, infer_batch. Progress during training carries { loss } (a line in
 * the live chart).
 */
export const mnistCnn: Experiment<typeof mnistCnnParams> = {
  id: 'mnist-cnn',
  title: 'MNIST CNN: training steps/s and inference latency',
  params: mnistCnnParams,
  async run(params, { tf, progress, signal, rng, readSiteFile }): Promise<ExperimentOutput> {
    const [train, test] = await Promise.all([
      loadMnistCached('train', readSiteFile),
      loadMnistCached('test', readSiteFile),
    ]);
    throwIfAborted(signal);
    const model = makeCnn(tf, rng, params.filters1, params.filters2);
    const optimizer =
      params.optimizer === 'adam' ? tf.train.adam(params.learningRate) : tf.train.sgd(params.learningRate);
    const inputs: tfc.Tensor[] = [];
    try {
      const every = progressEvery(params.steps);
      const trained = await trainSteps(tf, {
        steps: params.steps,
        nextBatch: makeBatcher(train, params.batchSize, rng),
        inputShape: (size) => [size, 28, 28, 1],
        logits: model.logits,
        vars: model.vars,
        optimizer,
        signal,
        onStep: (step, loss) => {
          if ((step + 1) % every === 0 || step + 1 === params.steps)
            progress(((step + 1) / params.steps) * 0.8, { loss });
        },
      });
      const trainTiming = trainingTiming(trained.stepMs, params.warmups);

      const predict = (pixels: Float32Array, size: number) => model.logits(tf.tensor4d(pixels, [size, 28, 28, 1]));
      const testAccuracy = await accuracy(tf, predict, firstExamples(test, params.evalExamples), signal);
      progress(0.85);

      // Real test digits as inference inputs, uploaded once.
      const examples = firstExamples(test, params.inferBatch);
      const one = tf.tensor4d(examples.xs.subarray(0, IMAGE_SIZE), [1, 28, 28, 1]);
      inputs.push(one);
      const batch = tf.tensor4d(examples.xs, [examples.labels.length, 28, 28, 1]);
      inputs.push(batch);
      const infer = (x: tfc.Tensor) => () => tf.tidy(() => tf.softmax(model.logits(x)));
      const protocol = { warmups: params.warmups, runs: params.inferRuns, kernelRuns: 1, signal };
      const infer1 = await timeSteps(tf, infer(one), protocol);
      progress(0.925);
      const inferBatch = await timeSteps(tf, infer(batch), protocol);
      progress(1);

      const timings: Record<string, Timing> = { train_step: trainTiming, infer_1: infer1, infer_batch: inferBatch };
      const metrics = trainingMetrics(trainTiming, trained.losses);
      return {
        metrics: {
          ...metrics,
          train_examples_per_s: metrics.train_steps_per_s! * params.batchSize,
          test_accuracy: testAccuracy,
          infer_first_ms: infer1.firstMs,
          infer_p50_ms: infer1.wall.median,
          infer_p95_ms: p95(infer1.timesMs),
          infer_batch_p50_ms: inferBatch.wall.median,
          infer_batch_p95_ms: p95(inferBatch.timesMs),
          infer_batch_examples_per_s: (examples.labels.length / inferBatch.wall.median) * 1000,
        },
        timings,
      };
    } finally {
      inputs.forEach((t) => t.dispose());
      model.dispose();
      // Adam's moment estimates (or nothing, for SGD) live in the optimizer.
      optimizer.dispose();
    }
  },
};
