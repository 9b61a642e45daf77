import type * as tfc from '@tensorflow/tfjs-core';
import { NUM_CLASSES } from '../../data/mnist.ts';
import type { Rng } from '../../runtime/rng.ts';
import { normalValues } from '../../training/init.ts';

/**
 * The CNN with tfjs-core ops only (no tfjs-layers: the chunk loaded on Run stays small):
 *   28x28x1 -> conv 3x3 (f1, same) + ReLU -> max-pool 2 -> 14x14xf1
 *           -> conv 3x3 (f2, same) + ReLU -> max-pool 2 -> 7x7xf2 -> dense 10 (logits).
 * Weights come from the seeded generator (He initialisation), so a seed gives the same model in
 * every browser. The caller disposes the variables (dispose()). Plain tf.conv2d on every backend:
 * WASM trains it through the Conv2DBackpropFilter kernel of src/lib/kernels/.
 */
export function makeCnn(tf: typeof tfc, rng: Rng, filters1: number, filters2: number) {
  const conv = (x: tfc.Tensor4D, filter: tfc.Tensor4D) => tf.conv2d(x, filter, 1, 'same');
  const flat = 7 * 7 * filters2;
  const init = [
    tf.tensor4d(normalValues(rng, 9 * filters1, Math.sqrt(2 / 9)), [3, 3, 1, filters1]),
    tf.zeros([filters1]),
    tf.tensor4d(normalValues(rng, 9 * filters1 * filters2, Math.sqrt(2 / (9 * filters1))), [3, 3, filters1, filters2]),
    tf.zeros([filters2]),
    tf.tensor2d(normalValues(rng, flat * NUM_CLASSES, Math.sqrt(1 / flat)), [flat, NUM_CLASSES]),
    tf.zeros([NUM_CLASSES]),
  ];
  // A variable shares its initial tensor's data; the initial tensors are then dropped.
  const vars = init.map((t) => tf.variable(t));
  init.forEach((t) => t.dispose());
  const [k1, c1, k2, c2, w, b] = vars as [
    tfc.Variable<tfc.Rank.R4>,
    tfc.Variable,
    tfc.Variable<tfc.Rank.R4>,
    tfc.Variable,
    tfc.Variable<tfc.Rank.R2>,
    tfc.Variable,
  ];
  const logits = (x: tfc.Tensor) => {
    const h1 = tf.maxPool(tf.relu(tf.add(conv(x as tfc.Tensor4D, k1), c1)) as tfc.Tensor4D, 2, 2, 'valid');
    const h2 = tf.maxPool(tf.relu(tf.add(conv(h1, k2), c2)) as tfc.Tensor4D, 2, 2, 'valid');
    return tf.add(tf.matMul(tf.reshape(h2, [-1, flat]), w), b);
  };
  return { vars, logits, dispose: () => vars.forEach((v) => v.dispose()) };
}
