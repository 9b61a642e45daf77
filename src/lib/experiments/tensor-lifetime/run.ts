import type { Experiment, ExperimentOutput } from '../../runtime/experiment.ts';
import { checkpoint } from '../../runtime/timing.ts';
import { tensorLifetimeParams } from './params.ts';

export { metricLabel } from './labels.ts';

/**
 * Tensor lifetime in eager code. TF2 and PyTorch free a tensor when Python drops its last
 * reference; TensorFlow.js cannot (JavaScript has no hook for it), so a loop that makes tensors and
 * never disposes them grows until the GPU runs out. The same body inside tf.tidy stays flat. The
 * leaking loop runs inside an engine scope that is closed at the end, so the experiment itself
 * returns everything it took: the leak is shown, not kept.
 */
export const tensorLifetime: Experiment<typeof tensorLifetimeParams> = {
  id: 'tensor-lifetime',
  title: 'Tensor lifetime: a loop without tidy against one with it',
  params: tensorLifetimeParams,
  async run(params, { tf, progress, signal, rng }): Promise<ExperimentOutput> {
    const x = tf.tensor1d(Float32Array.from({ length: params.size }, () => rng.normal()));
    const base = tf.memory();
    // Functional ops, not chained ones (t.square()): the worker loads tfjs-core without the
    // chained-op prototype patches.
    const body = (t: typeof x) => tf.mean(tf.add(tf.square(t), 1));
    const mb = (bytes: number) => bytes / 2 ** 20;
    let peakLeaky = 0;
    let peakTidy = 0;
    let leakyTensors = 0;
    try {
      tf.engine().startScope('tensor-lifetime-leaky');
      try {
        for (let step = 0; step < params.steps; step++) {
          await checkpoint(signal);
          body(x); // the result and two intermediates are never disposed
          const m = tf.memory();
          peakLeaky = Math.max(peakLeaky, m.numBytes - base.numBytes);
          leakyTensors = m.numTensors - base.numTensors;
          progress((step + 1) / (2 * params.steps), { tensors_leaky: leakyTensors });
        }
      } finally {
        tf.engine().endScope();
      }
      for (let step = 0; step < params.steps; step++) {
        await checkpoint(signal);
        const mean = tf.tidy(() => body(x));
        await mean.data();
        const m = tf.memory();
        peakTidy = Math.max(peakTidy, m.numBytes - base.numBytes);
        mean.dispose();
        progress(0.5 + (step + 1) / (2 * params.steps), { tensors_tidy: m.numTensors - base.numTensors });
      }
    } finally {
      x.dispose();
    }
    return {
      metrics: {
        leaked_tensors_per_step: leakyTensors / params.steps,
        peak_mb_leaky: mb(peakLeaky),
        peak_mb_tidy: mb(peakTidy),
      },
      timings: {},
    };
  },
};
