import type * as tfc from '@tensorflow/tfjs-core';
import { IMAGE_SIZE, NUM_CLASSES, type MnistSplit } from '../../data/mnist.ts';
import { createRng, type Rng } from '../../runtime/rng.ts';
import { throwIfAborted } from '../../runtime/timing.ts';
import { firstExamples, makeBatcher } from '../../training/data.ts';
import { normalValues } from '../../training/init.ts';
import { accuracy, trainSteps, type TrainStepsResult } from '../../training/loop.ts';

/**
 * The bare MLP training loop: tfjs-core ops only, no engine. The mnist-mlp experiment wraps it,
 * and the engine-overhead benchmark calls it as is in a bare worker, so both time the identical
 * loop. Everything it creates (weights, Adam's slots, batches) is freed before it returns or throws.
 */
export interface MlpTrainParams {
  steps: number;
  batchSize: number;
  hidden: number;
  learningRate: number;
  seed: number;
}

export interface MlpTrainOptions {
  /** Defaults to createRng(params.seed), which is what the engine's ctx.rng is too. */
  rng?: Rng;
  /** Checked before every step: a cancel stops the loop within one step. */
  signal?: AbortSignal;
  /** Called after every step with its loss (already on the CPU); may throw to stop the loop. */
  onStep?: (step: number, loss: number) => void;
  /** If given, accuracy on its first `evalExamples` examples is measured after training. */
  test?: MnistSplit;
  evalExamples?: number;
}

export interface MlpTrainResult extends TrainStepsResult {
  testAccuracy?: number;
}

export async function trainMlp(
  tf: typeof tfc,
  train: MnistSplit,
  params: MlpTrainParams,
  { rng = createRng(params.seed), signal, onStep, test, evalExamples = 2000 }: MlpTrainOptions = {},
): Promise<MlpTrainResult> {
  const { hidden, batchSize, steps } = params;
  const nextBatch = makeBatcher(train, batchSize, rng);
  // He initialisation for the ReLU layer, 1/sqrt(fan-in) for the output layer; biases at zero.
  const init = [
    tf.tensor2d(normalValues(rng, IMAGE_SIZE * hidden, Math.sqrt(2 / IMAGE_SIZE)), [IMAGE_SIZE, hidden]),
    tf.zeros([hidden]),
    tf.tensor2d(normalValues(rng, hidden * NUM_CLASSES, Math.sqrt(1 / hidden)), [hidden, NUM_CLASSES]),
    tf.zeros([NUM_CLASSES]),
  ];
  // A variable shares its initial tensor's data; the initial tensors are then dropped.
  const [w1, b1, w2, b2] = init.map((t) => tf.variable(t)) as [tfc.Variable, tfc.Variable, tfc.Variable, tfc.Variable];
  init.forEach((t) => t.dispose());
  const vars = [w1, b1, w2, b2];
  const optimizer = tf.train.adam(params.learningRate);
  const logits = (x: tfc.Tensor) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x as tfc.Tensor2D, w1), b1)), w2), b2);
  try {
    const result = await trainSteps(tf, {
      steps,
      nextBatch,
      inputShape: (size) => [size, IMAGE_SIZE],
      logits,
      vars,
      optimizer,
      signal,
      onStep,
    });
    if (!test) return result;
    throwIfAborted(signal);
    const predict = (pixels: Float32Array, size: number) => logits(tf.tensor2d(pixels, [size, IMAGE_SIZE]));
    return { ...result, testAccuracy: await accuracy(tf, predict, firstExamples(test, evalExamples), signal) };
  } finally {
    vars.forEach((v) => v.dispose());
    optimizer.dispose();
  }
}
