import type { Experiment, ExperimentOutput } from '../../runtime/experiment.ts';
import { loadMnistCached } from '../../training/data.ts';
import { mnistMlpParams } from './params.ts';
import { progressEvery, trainingMetrics, trainingTiming } from '../../training/summary.ts';
import { trainMlp } from './train.ts';

export { metricLabel } from './labels.ts';
export { trainMlp } from './train.ts';

/** Share of the progress bar for training; the rest is the test-set evaluation. */
const TRAIN_SHARE = 0.95;

/**
 * The engine's wrapper around trainMlp, kept thin on purpose: the engine-overhead benchmark
 * compares this run with trainMlp alone. Per step it adds one modulo and, every few steps, one
 * progress message { loss } for the live loss chart (a line, one point per report).
 * Timing: `train_step` (first step, warm-ups, timed steps).
 */
export const mnistMlp: Experiment<typeof mnistMlpParams> = {
  id: 'mnist-mlp',
  title: 'MNIST MLP training loop',
  params: mnistMlpParams,
  async run(params, { tf, progress, signal, rng, readSiteFile }): Promise<ExperimentOutput> {
    const [train, test] = await Promise.all([
      loadMnistCached('train', readSiteFile),
      loadMnistCached('test', readSiteFile),
    ]);
    const every = progressEvery(params.steps);
    const result = await trainMlp(tf, train, params, {
      rng,
      signal,
      test,
      onStep: (step, loss) => {
        if ((step + 1) % every === 0 || step + 1 === params.steps)
          progress(((step + 1) / params.steps) * TRAIN_SHARE, { loss });
      },
    });
    const timing = trainingTiming(result.stepMs, params.warmups);
    progress(1);
    return {
      metrics: {
        ...trainingMetrics(timing, result.losses),
        loop_ms: result.loopMs,
        loop_steps_per_s: (params.steps / result.loopMs) * 1000,
        test_accuracy: result.testAccuracy!,
      },
      timings: { train_step: timing },
    };
  },
};
