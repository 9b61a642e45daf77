// TypeScript, object style (as a Keras layer or a PyTorch module):
// the tower is an object that owns its variables, so calling it twice
// shares them with no flag at all.
// The page's variable-scopes experiment runs this code.
import type * as tfc from '@tensorflow/tfjs-core';

type Tf = typeof tfc;
export interface TowerWeights {
  w1: tfc.Tensor2D;
  b1: tfc.Tensor1D;
  w2: tfc.Tensor2D;
  b2: tfc.Tensor1D;
}

export class Tower {
  readonly variables: tfc.Variable[];
  constructor(private readonly tf: Tf, init: TowerWeights) {
    // tf.variable copies the initial values into new variables.
    this.variables = [init.w1, init.b1, init.w2, init.b2]
      .map((t) => tf.variable(t));
  }
  call(x: tfc.Tensor2D): tfc.Tensor2D {
    const tf = this.tf;
    const [w1, b1, w2, b2] = this.variables as [
      tfc.Variable<tfc.Rank.R2>, tfc.Variable, tfc.Variable<tfc.Rank.R2>,
      tfc.Variable,
    ];
    const h = tf.relu(tf.add(tf.matMul(x, w1), b1));
    return tf.add(tf.matMul(h, w2), b2);
  }
  dispose() {
    for (const v of this.variables) v.dispose();
  }
}

/** score = <tower(a), tower(b)>: the same object, called twice. */
export function twoTowers(
  tf: Tf, tower: Tower, a: tfc.Tensor2D, b: tfc.Tensor2D,
): tfc.Tensor1D {
  return tf.tidy(() =>
    tf.sum(tf.mul(tower.call(a), tower.call(b)), 1));
}
