import type * as tfc from '@tensorflow/tfjs-core';
import { IMAGE_SIZE, NUM_CLASSES } from '../../data/mnist.ts';

/** Sizes of w1, b1, w2, b2 in the flat weight vector every worker holds. */
export const layerSizes = (hidden: number) => [IMAGE_SIZE * hidden, hidden, hidden * NUM_CLASSES, NUM_CLASSES];
export const weightCount = (hidden: number) => layerSizes(hidden).reduce((a, b) => a + b, 0);

/** The flat vector as tensors, in a tidy-friendly way (the caller disposes them). */
export function weightTensors(tf: typeof tfc, flat: Float32Array, hidden: number): tfc.Tensor[] {
  const shapes = [[IMAGE_SIZE, hidden], [hidden], [hidden, NUM_CLASSES], [NUM_CLASSES]];
  let at = 0;
  return layerSizes(hidden).map((size, i) => {
    const t = tf.tensor(flat.subarray(at, at + size), shapes[i]);
    at += size;
    return t;
  });
}

export const logits = (tf: typeof tfc, x: tfc.Tensor, [w1, b1, w2, b2]: tfc.Tensor[]) =>
  tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x as tfc.Tensor2D, w1 as tfc.Tensor2D), b1!)), w2 as tfc.Tensor2D), b2!);

/**
 * Gradient of this worker's share of the global batch loss, written into `out`. The loss is the
 * sum over the worker's examples divided by the GLOBAL batch size, so that summing the workers'
 * gradients gives exactly the mean-loss gradient of the whole batch, even when shards are uneven.
 * Returns the worker's share of the global mean loss.
 */
export async function shardGradient(
  tf: typeof tfc,
  flat: Float32Array,
  hidden: number,
  xs: Float32Array,
  ys: Float32Array,
  globalBatch: number,
  out: Float32Array,
): Promise<number> {
  const rows = xs.length / IMAGE_SIZE;
  const created = tf.tidy(() => {
    const weights = weightTensors(tf, flat, hidden);
    const x = tf.tensor2d(xs, [rows, IMAGE_SIZE]);
    const y = tf.tensor2d(ys, [rows, NUM_CLASSES]);
    const f = (...w: tfc.Tensor[]) =>
      tf.div(tf.losses.softmaxCrossEntropy(y, logits(tf, x, w), undefined, undefined, tf.Reduction.SUM), globalBatch);
    const { value, grads } = tf.valueAndGrads(f)(weights);
    return [value, tf.concat(grads.map((g) => tf.reshape(g, [-1])))];
  });
  try {
    const [loss, grad] = await Promise.all(created.map((t) => t.data()));
    out.set(grad as Float32Array);
    return (loss as Float32Array)[0]!;
  } finally {
    tf.dispose(created);
  }
}
