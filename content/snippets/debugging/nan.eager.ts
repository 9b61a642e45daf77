// TF.js, eager: each op runs when its line is reached. A check right
// after an op (what tf.debugging.check_numerics does in eager TF 2)
// stops the step at the op that made the bad value, and names it.
import type * as tfc from '@tensorflow/tfjs-core';

type Tf = typeof tfc;
export type Check = (t: tfc.Tensor, op: string) => tfc.Tensor;

export class NumericsError extends Error {
  override name = 'NumericsError';
  constructor(readonly op: string, kind: 'NaN' | 'Inf') {
    super(`${op}: Tensor had ${kind} values`);
  }
}

/** Reads t back at once (a sync read, as eager check_numerics waits
 *  for the op) and throws if any value is NaN or infinite. */
export const checkNumerics = (t: tfc.Tensor, op: string) => {
  for (const v of t.dataSync()) {
    if (Number.isNaN(v)) throw new NumericsError(op, 'NaN');
    if (!Number.isFinite(v)) throw new NumericsError(op, 'Inf');
  }
  return t;
};
const unchecked: Check = (t) => t;

export interface Net {
  w1: tfc.Variable; b1: tfc.Variable;
  w2: tfc.Variable; b2: tfc.Variable;
}

/** The bug: cross-entropy written by hand as log(softmax(z)). When a
 *  probability underflows to 0, log gives -Infinity, and the one-hot
 *  zeros times -Infinity give NaN. */
export function loss(
  tf: Tf, net: Net, x: tfc.Tensor2D, y: tfc.Tensor2D,
  check: Check = unchecked,
): tfc.Scalar {
  const h = check(tf.relu(tf.add(tf.matMul(x, net.w1), net.b1)), 'layer1');
  const z = check(tf.add(tf.matMul(h as tfc.Tensor2D, net.w2), net.b2), 'layer2');
  const p = check(tf.softmax(z), 'Softmax');
  const logP = check(tf.log(p), 'Log');
  const xent = check(tf.mul(y, logP), 'mul');
  return tf.neg(tf.mean(tf.sum(xent, 1)));
}

/** One SGD step; with checkNumerics it throws at the first bad op.
 *  The checked forward pass runs on its own, outside minimize: a throw
 *  inside minimize would strand the tensors TF.js keeps for backprop. */
export function trainStep(
  tf: Tf, opt: tfc.Optimizer, net: Net,
  x: tfc.Tensor2D, y: tfc.Tensor2D, check?: Check,
) {
  if (check) tf.tidy(() => void loss(tf, net, x, y, check));
  return opt.minimize(() => loss(tf, net, x, y), true)!;
}
