// PyTorch style: a class owns its parameters; we write the loop.
import type * as tfc from '@tensorflow/tfjs-core';
import { argMaxOf, batches, INPUTS, type ClassifierStyle } from
  '../harness.ts';

class Mlp {
  readonly params: tfc.Variable[];
  constructor(private tf: typeof tfc, hidden: number, seed: number) {
    const he = (fanIn: number) => Math.sqrt(2 / fanIn);
    this.params = tf.tidy(() => [
      tf.variable(tf.randomNormal([INPUTS, hidden], 0, he(INPUTS), 'float32', seed)),
      tf.variable(tf.zeros([hidden])),
      tf.variable(tf.randomNormal([hidden, 10], 0, he(hidden), 'float32', seed + 1)),
      tf.variable(tf.zeros([10])),
    ]); // tidy frees the initial values; the variables keep copies
  }
  forward(x: tfc.Tensor2D): tfc.Tensor {
    const { tf } = this;
    const [w1, b1, w2, b2] = this.params as [tfc.Variable, tfc.Variable,
      tfc.Variable, tfc.Variable];
    const hidden = tf.relu(tf.add(tf.matMul(x, w1 as tfc.Tensor2D), b1));
    return tf.add(tf.matMul(hidden, w2 as tfc.Tensor2D), b2);
  }
  dispose() {
    this.params.forEach((p) => p.dispose());
  }
}

export const trainModule: ClassifierStyle = async (tf, p, h) => {
  const net = new Mlp(tf, p.hidden, p.seed);
  const optimizer: tfc.Optimizer = tf.train.adam(p.learningRate);
  try {
    h.start();
    for (let epoch = 0; epoch < p.epochs; epoch++) {
      let total = 0;
      for (const batch of batches(h.train, p.batchSize, h.rng, p.shift)) {
        if (await h.cancelled()) return { testAccuracy: NaN };
        const loss = tf.tidy(() => {
          const x = tf.tensor2d(batch.xs, [batch.size, INPUTS]);
          const y = tf.tensor2d(batch.oneHot, [batch.size, 10]);
          const { value, grads } = tf.variableGrads(
            () => tf.losses.softmaxCrossEntropy(y, net.forward(x)) as tfc.Scalar,
            net.params,
          );
          optimizer.applyGradients(grads);
          return value;
        });
        total += (await loss.data())[0]! * batch.size; // loss.item()
        loss.dispose();
      }
      h.epochEnd(total / h.train.count);
    }
    const accuracy = await h.accuracy((xs, n) =>
      argMaxOf(tf, (x) => net.forward(x), xs, n),
    );
    return { testAccuracy: accuracy };
  } finally {
    net.dispose();
    optimizer.dispose();
  }
};
