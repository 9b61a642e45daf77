import { IMAGE_SIZE, NUM_CLASSES, type MnistSplit } from '../../data/mnist.ts';
import type { Rng } from '../../runtime/rng.ts';
import { randomSampler } from '../../data/sampler.ts';

/**
 * Plain-array batch making, free of tfjs so the loader worker can run it without loading
 * TensorFlow.js. The augmentation is a random shift of each digit by up to `maxShift` pixels in
 * each direction, zeros shifted in: the same transform tf.image.transform applies (nearest,
 * constant fill), so every feed trains on the same kind of data.
 */
export const SIDE = 28;

/** Writes `src` (784 bytes, 0..255) shifted by (dx, dy) into `dst` at `offset`, scaled to 0..1. */
export function shiftInto(src: Uint8Array, dst: Float32Array, offset: number, dx: number, dy: number): void {
  for (let y = 0; y < SIDE; y++) {
    const sy = y - dy;
    for (let x = 0; x < SIDE; x++) {
      const sx = x - dx;
      dst[offset + y * SIDE + x] = sy >= 0 && sy < SIDE && sx >= 0 && sx < SIDE ? src[sy * SIDE + sx]! / 255 : 0;
    }
  }
}

export interface ArrayBatch {
  size: number;
  xs: Float32Array;
  ys: Float32Array;
}

/** A random shift in -maxShift..maxShift on each axis. */
export const randomShift = (rng: Rng, maxShift: number): [number, number] => [
  rng.int(2 * maxShift + 1) - maxShift,
  rng.int(2 * maxShift + 1) - maxShift,
];

/**
 * DataLoader-style batches: a seeded shuffled order reshuffled each epoch (a RandomSampler), each
 * example shifted (the transform), the batch stacked (collate).
 */
export function makeAugmentedBatcher(
  split: MnistSplit,
  count: number,
  batchSize: number,
  maxShift: number,
  rng: Rng,
): () => ArrayBatch {
  const nextIndex = randomSampler(count, rng);
  return () => {
    const xs = new Float32Array(batchSize * IMAGE_SIZE);
    const ys = new Float32Array(batchSize * NUM_CLASSES);
    for (let b = 0; b < batchSize; b++) {
      const i = nextIndex();
      const [dx, dy] = randomShift(rng, maxShift);
      shiftInto(split.images.subarray(i * IMAGE_SIZE, (i + 1) * IMAGE_SIZE), xs, b * IMAGE_SIZE, dx, dy);
      ys[b * NUM_CLASSES + split.labels[i]!] = 1;
    }
    return { size: batchSize, xs, ys };
  };
}

/**
 * The same shift as gather indices into a flat [count x 785] tensor whose last column is zero:
 * output pixel p of a batch row reads flat index `out[offset + p]`. This lets the feed_dict-style
 * feed shift images that already sit in one tensor with a single gather. (tf.image.transform would
 * do it too, but tfjs-backend-cpu 4.22's Transform kernel returns after the first image of a batch.)
 */
export function shiftIndices(example: number, out: Int32Array, offset: number, dx: number, dy: number): void {
  const row = example * (SIDE * SIDE + 1);
  const zero = row + SIDE * SIDE;
  for (let y = 0; y < SIDE; y++) {
    const sy = y - dy;
    for (let x = 0; x < SIDE; x++) {
      const sx = x - dx;
      out[offset + y * SIDE + x] = sy >= 0 && sy < SIDE && sx >= 0 && sx < SIDE ? row + sy * SIDE + sx : zero;
    }
  }
}
