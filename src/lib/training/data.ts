import { IMAGE_SIZE, loadMnist, NUM_CLASSES, type MnistSplit, type ReadBytes, type SplitName } from '../data/mnist.ts';
import type { Rng } from '../runtime/rng.ts';
import { randomSampler } from '../data/sampler.ts';

/**
 * MNIST batches for the training experiments (the MLP here, the CNN beside it), built on the CPU
 * as plain arrays so the bare benchmark loop and the engine feed the model exactly the same way.
 */
export interface Batch {
  size: number;
  /** size x 784 pixels scaled to 0..1. */
  xs: Float32Array;
  /** size x 10 one-hot labels. */
  ys: Float32Array;
}

/**
 * Draws batches in a seeded shuffled order, one epoch after another (reshuffled at each epoch):
 * every example is seen once per epoch, and the same seed gives the same batches everywhere.
 */
export function makeBatcher(split: MnistSplit, batchSize: number, rng: Rng): () => Batch {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > split.count)
    throw new RangeError(`batch size must be a whole number from 1 to ${split.count}, got ${batchSize}`);
  const nextIndex = randomSampler(split.count, rng);
  return () => {
    const xs = new Float32Array(batchSize * IMAGE_SIZE);
    const ys = new Float32Array(batchSize * NUM_CLASSES);
    for (let b = 0; b < batchSize; b++) {
      const i = nextIndex();
      const pixels = split.images.subarray(i * IMAGE_SIZE, (i + 1) * IMAGE_SIZE);
      for (let p = 0; p < IMAGE_SIZE; p++) xs[b * IMAGE_SIZE + p] = pixels[p]! / 255;
      ys[b * NUM_CLASSES + split.labels[i]!] = 1;
    }
    return { size: batchSize, xs, ys };
  };
}

/** The first `count` examples of a split, pixels scaled to 0..1 (for evaluation). */
export function firstExamples(split: MnistSplit, count: number): { xs: Float32Array; labels: Uint8Array } {
  const n = Math.min(count, split.count);
  const xs = new Float32Array(n * IMAGE_SIZE);
  for (let i = 0; i < xs.length; i++) xs[i] = split.images[i]! / 255;
  return { xs, labels: split.labels.subarray(0, n) };
}

// One download per split per reader function: a second Run in the same worker reuses the bytes
// (they are never written to). A failed load is forgotten so the next Run tries again.
const cache = new WeakMap<ReadBytes, Map<SplitName, Promise<MnistSplit>>>();

export function loadMnistCached(name: SplitName, readSiteFile: ReadBytes): Promise<MnistSplit> {
  let splits = cache.get(readSiteFile);
  if (!splits) cache.set(readSiteFile, (splits = new Map()));
  let promise = splits.get(name);
  if (!promise) {
    promise = loadMnist(name, readSiteFile);
    splits.set(name, promise);
    promise.catch(() => splits.delete(name));
  }
  return promise;
}
