import { z } from 'astro/zod';
import { getModel, getWorkload, mlpHidden } from '../../results/workloads.ts';

/** Defaults are the mnist-mlp-train workload of benchmarks/workloads.json (the runners' too). */
const train = getWorkload('mnist-mlp-train', 'train');

/**
 * A 784-hidden-10 MLP trained on the MNIST subset for a fixed number of steps. The engine-overhead
 * benchmark runs the same loop (trainMlp) in a bare worker, so defaults are the benchmark's
 * workload: 200 steps of 64 examples.
 *
 * Bounds: 5000 steps of up to 1024 examples is minutes on tfjs's cpu fallback, which is as long as
 * a page should keep a reader waiting; hidden width 1024 keeps the weights (and Adam's two copies
 * of them) near 10 MB.
 */
export const mnistMlpParams = z
  .object({
    steps: z.number().int().min(2).max(5000).default(train.steps),
    batchSize: z.number().int().min(1).max(1024).default(train.batch),
    hidden: z
      .number()
      .int()
      .min(8)
      .max(1024)
      .default(mlpHidden(getModel(train.model))),
    learningRate: z.number().min(1e-5).max(1).default(train.optimizer.learningRate),
    /** Steps after the first one left out of the steady-state figure (lazy allocation, caches). */
    warmups: z.number().int().min(0).max(50).default(train.warmup),
    seed: z.number().int().min(0).max(0xffffffff).default(train.seed),
  })
  .superRefine((p, ctx) => {
    if (p.warmups + 1 >= p.steps)
      ctx.addIssue({
        code: 'custom',
        path: ['warmups'],
        message: `${p.warmups} warm-up steps leave no timed step out of ${p.steps}; use at most ${p.steps - 2}`,
      });
  });
export type MnistMlpParams = z.infer<typeof mnistMlpParams>;
