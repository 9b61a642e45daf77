// Eager: the loop is ordinary JavaScript. Each turn reads one number
// back from the device to decide whether to go on.
import type * as tfc from '@tensorflow/tfjs-core';

export interface LoopSettings {
  tolerance: number;
  maxIterations: number;
}

export async function newtonSqrtEager(
  tf: typeof tfc, a: tfc.Tensor1D, { tolerance, maxIterations }: LoopSettings,
) {
  let x: tfc.Tensor = tf.clone(a);
  let iterations = 0;
  let reads = 0;
  for (;;) {
    const next = tf.tidy(() => tf.mul(0.5, tf.add(x, tf.div(a, x))));
    const change = tf.tidy(() => tf.max(tf.div(tf.abs(tf.sub(next, x)), next)));
    const [value] = await change.data(); // device -> host
    reads++;
    change.dispose();
    x.dispose();
    x = next;
    iterations++;
    if (value! <= tolerance || iterations >= maxIterations) {
      return { x, iterations, reads };
    }
  }
}
