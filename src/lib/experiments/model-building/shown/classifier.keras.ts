// Keras style: declare the layers, compile, fit.
import type * as tfc from '@tensorflow/tfjs-core';
import * as tfd from '@tensorflow/tfjs-data';
import * as tfl from '@tensorflow/tfjs-layers';
import { argMaxOf, batches, INPUTS, type ClassifierStyle } from
  '../harness.ts';

export const trainKeras: ClassifierStyle = async (tf, p, h) => {
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({
        units: p.hidden, activation: 'relu', inputShape: [INPUTS],
        kernelInitializer: tfl.initializers.heNormal({ seed: p.seed }),
      }),
      tfl.layers.dense({
        units: 10, activation: 'softmax',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: p.seed + 1 }),
      }),
    ],
  });
  const optimizer = tf.train.adam(p.learningRate);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  // A dataset of freshly shifted batches each epoch (tf.data in Python).
  const data = tfd.generator(function* () {
    for (const b of batches(h.train, p.batchSize, h.rng, p.shift)) {
      yield {
        xs: tf.tensor2d(b.xs, [b.size, INPUTS]),
        ys: tf.tensor2d(b.oneHot, [b.size, 10]),
      };
    }
  });
  try {
    await model.fitDataset(data, {
      epochs: p.epochs,
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
  }
};
