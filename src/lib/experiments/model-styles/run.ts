import type * as tfc from '@tensorflow/tfjs-core';
import type { Experiment, ExperimentOutput } from '../../runtime/experiment.ts';
import { checkpoint, timeSteps, type Timing } from '../../runtime/timing.ts';
import { modelStylesParams } from './params.ts';

export { metricLabel } from './labels.ts';

const INPUTS = 784;
const CLASSES = 10;

/**
 * The same classifier three ways, with the same weights: Keras-style Sequential, the functional
 * API (a graph of layers built from an Input), and a subclassed model, here a plain class that owns
 * its variables and writes its forward pass as code (the style of a Keras Model subclass or a
 * PyTorch nn.Module). The outputs must agree; how a model is declared does not change what it
 * computes. Each style's prediction is timed too.
 */
export const modelStyles: Experiment<typeof modelStylesParams> = {
  id: 'model-styles',
  title: 'Sequential, functional and subclassed models with the same weights',
  params: modelStylesParams,
  async run(params, { tf, progress, signal, rng }): Promise<ExperimentOutput> {
    const tfl = await import('@tensorflow/tfjs-layers');
    const { hidden, batch } = params;
    const normal = (n: number, scale: number) => Float32Array.from({ length: n }, () => rng.normal() * scale);
    const weights = [
      tf.tensor2d(normal(INPUTS * hidden, Math.sqrt(2 / INPUTS)), [INPUTS, hidden]),
      tf.tensor1d(normal(hidden, 0.1)),
      tf.tensor2d(normal(hidden * CLASSES, Math.sqrt(1 / hidden)), [hidden, CLASSES]),
      tf.tensor1d(normal(CLASSES, 0.1)),
    ];
    const x = tf.tensor2d(normal(batch * INPUTS, 1), [batch, INPUTS]);
    const disposables: { dispose(): unknown }[] = [...weights, x];
    try {
      const sequential = tfl.sequential({
        layers: [
          tfl.layers.dense({ units: hidden, activation: 'relu', inputShape: [INPUTS] }),
          tfl.layers.dense({ units: CLASSES }),
        ],
      });
      disposables.push(sequential);
      sequential.setWeights(weights);

      const input = tfl.input({ shape: [INPUTS] });
      const h = tfl.layers.dense({ units: hidden, activation: 'relu' }).apply(input) as ReturnType<typeof tfl.input>;
      const out = tfl.layers.dense({ units: CLASSES }).apply(h) as ReturnType<typeof tfl.input>;
      const functional = tfl.model({ inputs: input, outputs: out });
      disposables.push(functional);
      functional.setWeights(weights);

      // The subclassed style: variables owned by an object, forward pass written as code.
      const vars = weights.map((w) => tf.variable(w));
      disposables.push(...vars);
      const subclassed = {
        call: (t: tfc.Tensor) =>
          tf.add(
            tf.matMul(
              tf.relu(tf.add(tf.matMul(t as tfc.Tensor2D, vars[0] as tfc.Tensor2D), vars[1]!)),
              vars[2] as tfc.Tensor2D,
            ),
            vars[3]!,
          ),
      };

      const styles: [string, () => tfc.Tensor][] = [
        ['sequential', () => sequential.predict(x) as tfc.Tensor],
        ['functional', () => functional.predict(x) as tfc.Tensor],
        ['subclassed', () => tf.tidy(() => subclassed.call(x))],
      ];
      const outputs: Float32Array[] = [];
      const timings: Record<string, Timing> = {};
      for (const [i, [name, predict]] of styles.entries()) {
        await checkpoint(signal);
        const y = predict();
        outputs.push((await y.data()) as Float32Array);
        y.dispose();
        timings[`predict_${name}`] = await timeSteps(tf, predict, {
          warmups: params.warmups,
          runs: params.runs,
          kernelRuns: 1,
          signal,
        });
        progress((i + 1) / styles.length);
      }
      const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
      return {
        metrics: {
          max_abs_diff_functional: maxDiff(outputs[1]!, outputs[0]!),
          max_abs_diff_subclassed: maxDiff(outputs[2]!, outputs[0]!),
        },
        timings,
      };
    } finally {
      for (const d of disposables) d.dispose();
    }
  },
};
