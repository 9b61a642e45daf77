import type * as tfc from '@tensorflow/tfjs-core';
import { IMAGE_SIZE, NUM_CLASSES, type MnistSplit } from '../../data/mnist.ts';
import type { Rng } from '../../runtime/rng.ts';
import { checkpoint } from '../../runtime/timing.ts';
import type { ModelBuildingParams } from './params.ts';
import { CENTRE, IMAGE_SIDE, INPUTS, MAX_SHIFT, SIDE } from './window.ts';

// Re-exported: the shown classifier files and the tests take the window from the harness.
export { INPUTS, MAX_SHIFT, SIDE } from './window.ts';

/**
 * What the three classifier styles (shown/classifier.*.ts) share and leave out of their line
 * counts: the data as arrays, a DataLoader-like batch iterator with its augmentation, the test
 * accuracy and the epoch clock.
 *
 * The classifier sees the central 20x20 pixels of each 28x28 digit (MNIST centres every digit in
 * a 20x20 box, so little ink is lost, and the first layer costs half as much). Training batches
 * take that window shifted by up to `shift` pixels each way, at random per digit: the augmentation
 * that lets a one-hidden-layer network pass 95% on 10,000 digits (without it the same network
 * levels off near 94-95%; set shift to 0 to see it).
 */
export interface Digits {
  count: number;
  /** count x 784 pixels (28 x 28) scaled to 0..1. */
  pixels: Float32Array;
  /** count x 10 one-hot labels. */
  oneHot: Float32Array;
  /** count labels, 0..9. */
  labels: Int32Array;
}

export interface Batch {
  size: number;
  /** size x INPUTS pixels. */
  xs: Float32Array;
  oneHot: Float32Array;
  labels: Int32Array;
}

export function toDigits(split: MnistSplit, count: number): Digits {
  const n = Math.min(count, split.count);
  const pixels = new Float32Array(n * IMAGE_SIZE);
  for (let i = 0; i < pixels.length; i++) pixels[i] = split.images[i]! / 255;
  const oneHot = new Float32Array(n * NUM_CLASSES);
  const labels = Int32Array.from(split.labels.subarray(0, n));
  labels.forEach((label, i) => (oneHot[i * NUM_CLASSES + label] = 1));
  return { count: n, pixels, oneHot, labels };
}

/** Copies digit i's SIDE x SIDE window starting at (top, left) into out at offset. */
function cropInto(data: Digits, i: number, top: number, left: number, out: Float32Array, offset: number) {
  const image = i * IMAGE_SIZE;
  for (let r = 0; r < SIDE; r++) {
    const from = image + (top + r) * IMAGE_SIDE + left;
    out.set(data.pixels.subarray(from, from + SIDE), offset + r * SIDE);
  }
}

/** The central window of every digit (what the classifier is tested on). */
export function centreCrops(data: Digits): Float32Array {
  const out = new Float32Array(data.count * INPUTS);
  for (let i = 0; i < data.count; i++) cropInto(data, i, CENTRE, CENTRE, out, i * INPUTS);
  return out;
}

/**
 * One epoch of batches in a seeded shuffled order, each digit's window shifted at random by up to
 * `shift` pixels each way (0: the centre, no augmentation); the last batch may be smaller.
 */
export function* batches(data: Digits, batchSize: number, rng: Rng, shift = 0): Generator<Batch> {
  if (!Number.isInteger(shift) || shift < 0 || shift > MAX_SHIFT)
    throw new RangeError(`shift must be an integer from 0 to ${MAX_SHIFT}, got ${shift}`);
  const order = rng.shuffle(Array.from({ length: data.count }, (_, i) => i));
  const offset = () => CENTRE - shift + rng.int(2 * shift + 1);
  for (let start = 0; start < order.length; start += batchSize) {
    const size = Math.min(batchSize, order.length - start);
    const xs = new Float32Array(size * INPUTS);
    const oneHot = new Float32Array(size * NUM_CLASSES);
    const labels = new Int32Array(size);
    for (let b = 0; b < size; b++) {
      const i = order[start + b]!;
      labels[b] = data.labels[i]!;
      cropInto(data, i, offset(), offset(), xs, b * INPUTS);
      oneHot.set(data.oneHot.subarray(i * NUM_CLASSES, (i + 1) * NUM_CLASSES), b * NUM_CLASSES);
    }
    yield { size, xs, oneHot, labels };
  }
}

/** What a style gets from the experiment, besides tfjs and the settings. */
export interface Harness {
  train: Digits;
  test: Digits;
  rng: Rng;
  /** Call as training starts (after building the model): starts the epoch clock. */
  start(): void;
  /** Call after each epoch with its mean loss: stops that epoch's clock and reports progress. */
  epochEnd(loss: number): void;
  /** Lets a Cancel arrive (yields to the event loop); true once the run is cancelled. */
  cancelled(): Promise<boolean>;
  /** Accuracy on the test digits, given a function from a chunk of inputs (size x INPUTS, the
   *  central windows) to predicted classes. */
  accuracy(predict: (xs: Float32Array, size: number) => Promise<ArrayLike<number>>): Promise<number>;
}

export interface StyleResult {
  testAccuracy: number;
}

export type ClassifierStyle = (tf: typeof tfc, params: ModelBuildingParams, h: Harness) => Promise<StyleResult>;

/** Predicted classes (arg-max of the logits) for a chunk, with every tensor freed. */
export async function argMaxOf(
  tf: typeof tfc,
  logits: (x: tfc.Tensor2D) => tfc.Tensor,
  xs: Float32Array,
  size: number,
) {
  const predicted = tf.tidy(() => tf.argMax(logits(tf.tensor2d(xs, [size, INPUTS])), 1));
  try {
    return await predicted.data();
  } finally {
    predicted.dispose();
  }
}

export function makeHarness(
  train: Digits,
  test: Digits,
  rng: Rng,
  signal: AbortSignal,
  onEpoch: (epochMs: number, loss: number) => void,
): Harness {
  let t0 = 0;
  const testInputs = centreCrops(test);
  return {
    train,
    test,
    rng,
    start: () => {
      t0 = performance.now();
    },
    epochEnd: (loss) => {
      const now = performance.now();
      onEpoch(now - t0, loss);
      t0 = now;
    },
    cancelled: async () => {
      try {
        await checkpoint(signal);
        return false;
      } catch {
        return true;
      }
    },
    accuracy: async (predict) => {
      const chunk = 500; // bounded activation memory
      let correct = 0;
      for (let start = 0; start < test.count; start += chunk) {
        await checkpoint(signal);
        const size = Math.min(chunk, test.count - start);
        const predicted = await predict(testInputs.subarray(start * INPUTS, (start + size) * INPUTS), size);
        for (let i = 0; i < size; i++) if (predicted[i] === test.labels[start + i]) correct++;
      }
      return correct / test.count;
    },
  };
}

/**
 * Lines of code in a snippet file: non-blank lines that are not only a comment. Imports count;
 * they are part of what a reader types.
 */
export function linesOfCode(source: string, comment: '//' | '#'): number {
  let inBlock = false;
  let n = 0;
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    if (comment === '//') {
      if (inBlock) {
        if (line.includes('*/')) inBlock = false;
        continue;
      }
      if (line.startsWith('/*')) {
        inBlock = !line.includes('*/');
        continue;
      }
    }
    if (line === '' || line.startsWith(comment)) continue;
    n++;
  }
  return n;
}
