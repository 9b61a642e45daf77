// Keras style: declare the layers, compile, fit.
import type * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { argMaxOf, type ClassifierStyle } from
  '../../../src/lib/experiments/model-building/harness.ts';

export const trainKeras: ClassifierStyle = async (tf, p, h) => {
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({
        units: p.hidden, activation: 'relu', inputShape: [784],
        kernelInitializer: tfl.initializers.heNormal({ seed: p.seed }),
      }),
      tfl.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  const optimizer = tf.train.sgd(p.learningRate);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  const x = tf.tensor2d(h.train.xs, [h.train.count, 784]);
  const y = tf.tensor2d(h.train.oneHot, [h.train.count, 10]);
  try {
    await model.fit(x, y, {
      epochs: p.epochs,
      batchSize: p.batchSize,
      shuffle: true,
      yieldEvery: 'never', // the batch callback below yields instead
      callbacks: {
        onTrainBegin: async () => h.start(),
        onEpochEnd: async (_, logs) => h.epochEnd(logs!.loss!),
        onBatchEnd: async () => {
          if (await h.cancelled()) model.stopTraining = true;
        },
      },
    });
    const accuracy = await h.accuracy((xs, n) =>
      argMaxOf(tf, (t) => model.predict(t) as tfc.Tensor, xs, n),
    );
    return { testAccuracy: accuracy };
  } finally {
    model.dispose();
    optimizer.dispose();
    x.dispose();
    y.dispose();
  }
};
