import type * as tfc from '@tensorflow/tfjs-core';
import { mnistPipeline } from './shown/input-pipeline.ts';
import { IMAGE_SIZE, NUM_CLASSES, type MnistSplit } from '../../data/mnist.ts';
import { randomSampler } from '../../data/sampler.ts';
import type { Experiment, ExperimentOutput } from '../../runtime/experiment.ts';
import { createRng } from '../../runtime/rng.ts';
import { checkpoint, type Timing } from '../../runtime/timing.ts';
import { firstExamples, loadMnistCached } from '../../training/data.ts';
import { accuracy } from '../../training/loop.ts';
import { trainingTiming } from '../../training/summary.ts';
import { normalValues } from '../../training/init.ts';
import { makeAugmentedBatcher, randomShift, shiftIndices, shiftInto, type ArrayBatch } from './augment.ts';
import type { LoaderReply, LoaderRequest } from './loader-worker.ts';
import { inputPipelinesParams, type InputPipelinesParams } from './params.ts';

export { metricLabel } from './labels.ts';

const now = () => performance.now();

/** A source of training batches as tensors; the trainer owns (and frees) each batch it gets. */
interface Feed {
  next(): Promise<{ xs: tfc.Tensor2D; ys: tfc.Tensor2D }>;
  close(): void;
}

export const FEEDS = ['feeddict', 'tfdata', 'loader'] as const;
export type FeedName = (typeof FEEDS)[number];

/**
 * (a) feed_dict style: the whole subset uploaded once as one tensor; each batch is gathered from
 * it, shifted by the same gather, in the training thread between steps.
 */
function feedDict(tf: typeof tfc, split: MnistSplit, p: InputPipelinesParams): Feed {
  const n = p.examples;
  const rowLength = IMAGE_SIZE + 1; // a zero pixel at the end of each row, for pixels shifted in
  const pixels = new Float32Array(n * rowLength);
  for (let i = 0; i < n; i++)
    for (let q = 0; q < IMAGE_SIZE; q++) pixels[i * rowLength + q] = split.images[i * IMAGE_SIZE + q]! / 255;
  const all = tf.tensor1d(pixels);
  const labels = tf.tensor1d(Int32Array.from(split.labels.subarray(0, n)), 'int32');
  const rng = createRng(p.seed + 1);
  const nextIndex = randomSampler(n, rng);
  return {
    async next() {
      const idx = new Int32Array(p.batchSize);
      const gather = new Int32Array(p.batchSize * IMAGE_SIZE);
      for (let b = 0; b < p.batchSize; b++) {
        idx[b] = nextIndex();
        const [dx, dy] = randomShift(rng, p.maxShift);
        shiftIndices(idx[b]!, gather, b * IMAGE_SIZE, dx, dy);
      }
      return tf.tidy(() => {
        const xs = tf.reshape(tf.gather(all, tf.tensor1d(gather, 'int32')), [p.batchSize, IMAGE_SIZE]) as tfc.Tensor2D;
        const ys = tf.cast(
          tf.oneHot(tf.gather(labels, tf.tensor1d(idx, 'int32')), NUM_CLASSES),
          'float32',
        ) as tfc.Tensor2D;
        return { xs, ys };
      });
    },
    close: () => tf.dispose([all, labels]),
  };
}

/** One example, shifted, with its one-hot label: what tf.data's map and the loader both make. */
function augmenter(split: MnistSplit, maxShift: number, seed: number) {
  const rng = createRng(seed);
  return (i: number) => {
    const xs = new Float32Array(IMAGE_SIZE);
    const [dx, dy] = randomShift(rng, maxShift);
    shiftInto(split.images.subarray(i * IMAGE_SIZE, (i + 1) * IMAGE_SIZE), xs, 0, dx, dy);
    const ys = new Float32Array(NUM_CLASSES);
    ys[split.labels[i]!] = 1;
    return { xs, ys };
  };
}

/** (b) tfjs's own tf.data: shuffle, map (the shift), batch, prefetch. */
async function tfData(split: MnistSplit, p: InputPipelinesParams): Promise<Feed> {
  const data = await import('@tensorflow/tfjs-data');
  const dataset = mnistPipeline(data, p.examples, augmenter(split, p.maxShift, p.seed + 2), {
    batchSize: p.batchSize,
    shuffleBuffer: p.shuffleBuffer,
    prefetch: p.prefetch,
    batches: p.steps,
    seed: p.seed,
  });
  const iterator = await dataset.iterator();
  return {
    async next() {
      const { value, done } = await iterator.next();
      if (done) throw new Error('tf.data pipeline ended before the last step');
      return value as { xs: tfc.Tensor2D; ys: tfc.Tensor2D };
    },
    // take(steps) makes the pipeline finite: a run that ends normally has used every batch it made.
    close: () => undefined,
  };
}

/**
 * (c) DataLoader style: batches made in a second worker and handed over as transferred buffers,
 * at most `prefetch` of them queued. Where there is no Worker (Node, in tests) the same batcher
 * runs in this thread, and the run says so in `loader_in_worker`.
 */
function loader(tf: typeof tfc, split: MnistSplit, p: InputPipelinesParams): { feed: Feed; inWorker: boolean } {
  const toTensors = (b: ArrayBatch) => ({
    xs: tf.tensor2d(b.xs, [b.size, IMAGE_SIZE]),
    ys: tf.tensor2d(b.ys, [b.size, NUM_CLASSES]),
  });
  if (typeof Worker === 'undefined') {
    const next = makeAugmentedBatcher(split, p.examples, p.batchSize, p.maxShift, createRng(p.seed + 3));
    return { feed: { next: async () => toTensors(next()), close: () => undefined }, inWorker: false };
  }
  const worker = new Worker(new URL('./loader-worker.ts', import.meta.url), { type: 'module', name: 'tfc-loader' });
  const ready: ArrayBatch[] = [];
  const waiting: { resolve: (b: ArrayBatch) => void; reject: (e: Error) => void }[] = [];
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure ??= error;
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  worker.onmessage = (event: MessageEvent<LoaderReply>) => {
    const reply = event.data;
    if ('error' in reply) return fail(new Error(`loader worker: ${reply.error}`));
    const batch = { size: reply.size, xs: new Float32Array(reply.xs), ys: new Float32Array(reply.ys) };
    const w = waiting.shift();
    if (w) w.resolve(batch);
    else ready.push(batch);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    fail(new Error(`loader worker failed: ${event.message || 'it could not start'}`));
  };
  const post = (m: LoaderRequest) => worker.postMessage(m);
  // A copy of the images for the worker (structured clone), as a forked DataLoader worker has.
  post({
    init: {
      images: split.images.slice(0, p.examples * IMAGE_SIZE),
      labels: split.labels.slice(0, p.examples),
      count: p.examples,
      batchSize: p.batchSize,
      maxShift: p.maxShift,
      seed: p.seed + 3,
    },
  });
  post({ more: p.prefetch });
  return {
    inWorker: true,
    feed: {
      async next() {
        if (failure) throw failure;
        const batch =
          ready.shift() ?? (await new Promise<ArrayBatch>((resolve, reject) => waiting.push({ resolve, reject })));
        post({ more: 1 }); // refill the queue while this batch trains
        return toTensors(batch);
      },
      close: () => worker.terminate(),
    },
  };
}

export interface FeedResult {
  losses: number[];
  stepMs: number[];
  /** Time from asking for the feed to holding its first batch (set-up included). */
  firstBatchMs: number;
  /** Wall time of the whole loop, from asking for the feed to the last step's loss. */
  loopMs: number;
  /** Largest tf.memory().numBytes seen with a batch in hand, over the bytes before the feed. */
  peakBytes: number;
  testAccuracy: number;
}

/** The MLP of mnist-mlp (same seeded initial weights every time), trained on batches from `open`. */
async function trainWith(
  tf: typeof tfc,
  open: () => Feed | Promise<Feed>,
  p: InputPipelinesParams,
  test: MnistSplit,
  signal: AbortSignal | undefined,
  onStep: (step: number, loss: number) => void,
): Promise<FeedResult> {
  const rng = createRng(p.seed);
  const init = [
    tf.tensor2d(normalValues(rng, IMAGE_SIZE * p.hidden, Math.sqrt(2 / IMAGE_SIZE)), [IMAGE_SIZE, p.hidden]),
    tf.zeros([p.hidden]),
    tf.tensor2d(normalValues(rng, p.hidden * NUM_CLASSES, Math.sqrt(1 / p.hidden)), [p.hidden, NUM_CLASSES]),
    tf.zeros([NUM_CLASSES]),
  ];
  const vars = init.map((t) => tf.variable(t));
  tf.dispose(init);
  const [w1, b1, w2, b2] = vars as [tfc.Variable, tfc.Variable, tfc.Variable, tfc.Variable];
  const optimizer = tf.train.adam(p.learningRate);
  const logits = (x: tfc.Tensor) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x as tfc.Tensor2D, w1), b1)), w2), b2);
  const baseBytes = tf.memory().numBytes;
  let peak = baseBytes;
  const losses: number[] = [];
  const stepMs: number[] = [];
  let feed: Feed | undefined;
  try {
    const start = now();
    feed = await open();
    let firstBatchMs = 0;
    for (let step = 0; step < p.steps; step++) {
      await checkpoint(signal);
      const { xs, ys } = await feed.next();
      const got = now();
      if (step === 0) firstBatchMs = got - start;
      peak = Math.max(peak, tf.memory().numBytes);
      let cost: tfc.Scalar | null = null;
      try {
        cost = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, logits(xs)) as tfc.Scalar, true, vars);
        losses.push((await cost!.data())[0]!);
      } finally {
        tf.dispose([cost!, xs, ys].filter(Boolean));
      }
      stepMs.push(now() - got);
      onStep(step, losses[step]!);
    }
    const loopMs = now() - start;
    const predict = (pixels: Float32Array, size: number) => logits(tf.tensor2d(pixels, [size, IMAGE_SIZE]));
    const testAccuracy = await accuracy(tf, predict, firstExamples(test, 1000), signal);
    return { losses, stepMs, firstBatchMs, loopMs, peakBytes: peak - baseBytes, testAccuracy };
  } finally {
    feed?.close();
    tf.dispose(vars);
    optimizer.dispose();
  }
}

/**
 * The same MLP trained three times on the same MNIST subset, fed three ways: feed_dict style (all
 * data as one tensor, sliced and shifted between steps), tfjs's tf.data (shuffle, map, batch,
 * prefetch in this thread), and a DataLoader-style loader whose shifting and batching run in a
 * second worker. Per feed: samples per second, time to the first batch, peak tensor memory and
 * the time no training step was running (the backend idle, waiting on data).
 */
export const inputPipelines: Experiment<typeof inputPipelinesParams> = {
  id: 'input-pipelines',
  title: 'Three ways to feed one training loop',
  params: inputPipelinesParams,
  async run(params, { tf, progress, signal, readSiteFile }): Promise<ExperimentOutput> {
    const [train, test] = await Promise.all([
      loadMnistCached('train', readSiteFile),
      loadMnistCached('test', readSiteFile),
    ]);
    if (params.examples > train.count)
      throw new RangeError(`examples: the training subset has ${train.count} images, asked for ${params.examples}`);
    // Warm the kernels every feed uses (matMul, Adam, gather, oneHot) so no feed pays for
    // first use on behalf of the others.
    const warm = { ...params, steps: 2, examples: Math.max(params.batchSize, 16) };
    await trainWith(
      tf,
      () => feedDict(tf, train, warm),
      warm,
      test,
      signal,
      () => undefined,
    );

    const metrics: Record<string, number> = {};
    const timings: Record<string, Timing> = {};
    let inWorker = false;
    const open: Record<FeedName, () => Feed | Promise<Feed>> = {
      feeddict: () => feedDict(tf, train, params),
      tfdata: () => tfData(train, params),
      loader: () => {
        const made = loader(tf, train, params);
        inWorker = made.inWorker;
        return made.feed;
      },
    };
    const every = Math.max(1, Math.ceil(params.steps / 50));
    for (const [k, name] of FEEDS.entries()) {
      const r = await trainWith(tf, open[name], params, test, signal, (step, loss) => {
        if ((step + 1) % every === 0 || step + 1 === params.steps)
          progress((k + (step + 1) / params.steps) / FEEDS.length, { [`${name}_loss`]: loss });
      });
      // Idle is all loop time outside the training steps. Each step awaits its loss, so the
      // backend's work (a GPU's too) lies inside the steps; outside them it has nothing to do.
      // Measured this way, work that a feed hides between steps (tf.data's prefetch runs in
      // microtasks, wherever the thread yields) is counted wherever it lands.
      const idle = r.loopMs - r.stepMs.reduce((a, b) => a + b, 0);
      const last = r.losses.slice(-10);
      Object.assign(metrics, {
        [`${name}_samples_per_s`]: ((params.steps * params.batchSize) / r.loopMs) * 1000,
        [`${name}_first_batch_ms`]: r.firstBatchMs,
        [`${name}_peak_tensor_mb`]: r.peakBytes / 2 ** 20,
        [`${name}_idle_ms`]: idle,
        [`${name}_idle_fraction`]: idle / r.loopMs,
        [`${name}_final_loss`]: last.reduce((a, b) => a + b, 0) / last.length,
        [`${name}_test_accuracy`]: r.testAccuracy,
      });
      timings[`${name}_step`] = trainingTiming(r.stepMs, Math.min(2, params.steps - 2));
      metrics[`${name}_step_median_ms`] = timings[`${name}_step`]!.wall.median;
    }
    metrics.loader_in_worker = inWorker ? 1 : 0;
    progress(1);
    return { metrics, timings };
  },
};
