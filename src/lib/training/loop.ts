import type * as tfc from '@tensorflow/tfjs-core';
import { IMAGE_SIZE, NUM_CLASSES } from '../data/mnist.ts';
import { checkpoint } from '../runtime/timing.ts';
import type { Batch } from './data.ts';

/**
 * The training loop both MNIST models share: per step, upload a batch, minimise the loss, read the
 * loss back. Reading it back waits for the step's GPU work, so each step's time holds all of it.
 * The caller owns the variables and the optimizer; the loop frees everything a step makes, also
 * when a cancel or a throwing onStep stops it.
 */
export interface TrainStepsOptions {
  steps: number;
  nextBatch: () => Batch;
  /** The model's input shape for a batch of `size` (flat for the MLP, 28x28x1 images for the CNN). */
  inputShape: (size: number) => number[];
  logits: (xs: tfc.Tensor) => tfc.Tensor;
  vars: tfc.Variable[];
  optimizer: tfc.Optimizer;
  /** Checked before every step: a cancel stops the loop within one step. */
  signal?: AbortSignal | undefined;
  /** Called after every step with its loss (already on the CPU); may throw to stop the loop. */
  onStep?: ((step: number, loss: number) => void) | undefined;
}

export interface TrainStepsResult {
  /** Loss of every step, in order. */
  losses: number[];
  /** Wall time of every step: batch upload, forward, backward, update and loss read-back. */
  stepMs: number[];
  /** Wall time of the whole loop (all steps, and the JS between them). */
  loopMs: number;
}

const now = () => performance.now();

export async function trainSteps(
  tf: typeof tfc,
  { steps, nextBatch, inputShape, logits, vars, optimizer, signal, onStep }: TrainStepsOptions,
): Promise<TrainStepsResult> {
  const losses: number[] = [];
  const stepMs: number[] = [];
  const loopStart = now();
  for (let step = 0; step < steps; step++) {
    await checkpoint(signal);
    const batch = nextBatch();
    const t0 = now();
    const xs = tf.tensor(batch.xs, inputShape(batch.size));
    const ys = tf.tensor2d(batch.ys, [batch.size, NUM_CLASSES]);
    let cost: tfc.Scalar | null = null;
    try {
      cost = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(ys, logits(xs)) as tfc.Scalar, true, vars);
      const loss = (await cost!.data())[0]!;
      stepMs.push(now() - t0);
      losses.push(loss);
    } finally {
      cost?.dispose();
      xs.dispose();
      ys.dispose();
    }
    onStep?.(step, losses[step]!);
  }
  return { losses, stepMs, loopMs: now() - loopStart };
}

/**
 * Fraction of the first examples whose arg-max logit is the label. `predict` turns a chunk of
 * pixels (size x 784, 0..1) into logits; it runs inside tf.tidy, so the input tensor it makes is
 * freed with everything else.
 */
export async function accuracy(
  tf: typeof tfc,
  predict: (pixels: Float32Array, size: number) => tfc.Tensor,
  examples: { xs: Float32Array; labels: Uint8Array },
  signal?: AbortSignal,
): Promise<number> {
  const n = examples.labels.length;
  const chunk = 500; // bounded activation memory, whatever the model
  let correct = 0;
  for (let start = 0; start < n; start += chunk) {
    await checkpoint(signal);
    const size = Math.min(chunk, n - start);
    const pixels = examples.xs.subarray(start * IMAGE_SIZE, (start + size) * IMAGE_SIZE);
    const predicted = tf.tidy(() => tf.argMax(predict(pixels, size), 1));
    const values = await predicted.data();
    predicted.dispose();
    for (let i = 0; i < size; i++) if (values[i] === examples.labels[start + i]) correct++;
  }
  return correct / n;
}
