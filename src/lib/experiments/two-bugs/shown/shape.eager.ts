// TF.js, eager: a wrongly sized weight fails inside the op that uses
// it, on the line that calls it, before anything after it runs.
import type * as tfc from '@tensorflow/tfjs-core';
import type { Net } from './nan.eager.ts';

type Tf = typeof tfc;

/** The bug: layer 1's weight was sized for 32x32 images (1024 rows),
 *  but MNIST images have 28x28 = 784 pixels. */
export const WRONG_INPUTS = 32 * 32;

export function logits(tf: Tf, net: Net, x: tfc.Tensor2D) {
  const h = tf.relu(tf.add(tf.matMul(x, net.w1), net.b1)); // throws here
  return tf.add(tf.matMul(h, net.w2), net.b2);
}

export function trainStep(
  tf: Tf, opt: tfc.Optimizer, net: Net,
  x: tfc.Tensor2D, y: tfc.Tensor2D,
) {
  return opt.minimize(
    () => tf.losses.softmaxCrossEntropy(y, logits(tf, net, x)) as tfc.Scalar,
    true,
  )!;
}
