// TF.js, eager: each op runs when its line is reached. A check right
// after an op (what tf.debugging.check_numerics does in eager TF 2)
// stops the step at the op that made the bad value, and names it.
// (The check runs outside minimize: a throw inside minimize would
// strand the tensors TF.js keeps for the backward pass.)
import type * as tfc from '@tensorflow/tfjs-core';

type Tf = typeof tfc;
export type Check = (t: tfc.Tensor, op: string) => tfc.Tensor;

export class NumericsError extends Error {
  override name = 'NumericsError';
  constructor(readonly op: string, kind: 'NaN' | 'Inf') {
    super(`${op}: Tensor had ${kind} values`);
  }
}

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

/** One SGD step, no checks: a NaN flows on into the weights. */
export function trainStep(
  tf: Tf, opt: tfc.Optimizer, net: Net, x: tfc.Tensor2D, y: tfc.Tensor2D,
) {
  return opt.minimize(() => loss(tf, net, x, y), true)!;
}

/** The same step with a check after every op, as check_numerics does:
 *  right after each op, two flags (any NaN? any infinity?) are computed
 *  on the device; they are read back in op order and the first bad op
 *  throws, naming itself, before the update runs. Reading two flags
 *  instead of the whole tensor keeps this cheap on a GPU. */
export async function checkedTrainStep(
  tf: Tf, opt: tfc.Optimizer, net: Net, x: tfc.Tensor2D, y: tfc.Tensor2D,
) {
  const flags: [string, tfc.Tensor, tfc.Tensor][] = [];
  tf.tidy(() => void loss(tf, net, x, y, (t, op) => {
    flags.push([op, tf.keep(tf.any(tf.isNaN(t))), tf.keep(tf.any(tf.isInf(t)))]);
    return t;
  }));
  try {
    for (const [op, nan, inf] of flags) {
      if ((await nan.data())[0]) throw new NumericsError(op, 'NaN');
      if ((await inf.data())[0]) throw new NumericsError(op, 'Inf');
    }
  } finally {
    for (const [, nan, inf] of flags) tf.dispose([nan, inf]);
  }
  return trainStep(tf, opt, net, x, y);
}
