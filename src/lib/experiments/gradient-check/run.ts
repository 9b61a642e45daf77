import type * as tfc from '@tensorflow/tfjs-core';
import type { Experiment, ExperimentOutput } from '../../runtime/experiment.ts';
import { checkpoint } from '../../runtime/timing.ts';
import { gradientCheckParams } from './params.ts';

export { metricLabel } from './labels.ts';

/** |a - b| / max(|a|, |b|, tiny): symmetric, and defined when both are zero. */
export const relativeError = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-8);

/**
 * Checks reverse-mode autodiff (tf.grads, what TF2's GradientTape and PyTorch's backward compute)
 * against central finite differences, weight by weight, on a two-layer tanh network with a
 * mean-squared loss. Reports each checked weight's relative error and the largest.
 */
export const gradientCheck: Experiment<typeof gradientCheckParams> = {
  id: 'gradient-check',
  title: 'Gradients: autodiff against finite differences',
  params: gradientCheckParams,
  async run(params, { tf, progress, signal, rng }): Promise<ExperimentOutput> {
    const { batch, inputs, hidden, checks, epsilon } = params;
    const normal = (n: number, scale: number) => Float32Array.from({ length: n }, () => rng.normal() * scale);
    const x = tf.tensor2d(normal(batch * inputs, 1), [batch, inputs]);
    const y = tf.tensor2d(normal(batch, 1), [batch, 1]);
    const shapes: [number, number][] = [
      [inputs, hidden],
      [1, hidden],
      [hidden, 1],
      [1, 1],
    ];
    const values = shapes.map(([r, c]) => normal(r * c, 1 / Math.sqrt(r)));
    const lossOf = (w: tfc.Tensor[]) =>
      tf.tidy(() => {
        const h = tf.tanh(tf.add(tf.matMul(x, w[0] as tfc.Tensor2D), w[1]!));
        return tf.mean(tf.square(tf.sub(tf.add(tf.matMul(h, w[2] as tfc.Tensor2D), w[3]!), y)));
      });
    const tensorsOf = (vals: Float32Array[]) => vals.map((v, i) => tf.tensor2d(v, shapes[i]!));
    const weights = tensorsOf(values);
    try {
      const grads = tf.grads((...w: tfc.Tensor[]) => lossOf(w))(weights);
      const analytic = await Promise.all(grads.map((g) => g.data()));
      grads.forEach((g) => g.dispose());
      const lossAt = async (vals: Float32Array[]) => {
        const w = tensorsOf(vals);
        const loss = lossOf(w);
        const value = (await loss.data())[0]!;
        loss.dispose();
        w.forEach((t) => t.dispose());
        return value;
      };
      const errors: number[] = [];
      for (let i = 0; i < checks; i++) {
        await checkpoint(signal);
        const which = rng.int(values.length);
        const index = rng.int(values[which]!.length);
        const shifted = (delta: number) =>
          values.map((v, k) => (k === which ? v.map((e, j) => (j === index ? e + delta : e)) : v));
        const numeric = ((await lossAt(shifted(epsilon))) - (await lossAt(shifted(-epsilon)))) / (2 * epsilon);
        errors.push(relativeError(analytic[which]![index]!, numeric));
        progress((i + 1) / checks, { rel_error: errors[i]! });
      }
      const sorted = [...errors].sort((a, b) => a - b);
      return {
        metrics: {
          weights_checked: checks,
          max_rel_error: sorted[sorted.length - 1]!,
          median_rel_error: sorted[Math.floor(sorted.length / 2)]!,
        },
        timings: {},
      };
    } finally {
      weights.forEach((w) => w.dispose());
      x.dispose();
      y.dispose();
    }
  },
};
