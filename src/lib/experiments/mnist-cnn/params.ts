import { z } from 'astro/zod';
import { cnnFilters, getModel, getWorkload } from '../../results/workloads.ts';

/**
 * Defaults are the mnist-cnn-train workload of benchmarks/workloads.json (inference runs: cnn-infer-b1).
 * The second inference batch stays 64 here, a size a reader's GPU answers quickly; the runners
 * time batch 128 as the cnn-infer-b128 workload.
 */
const train = getWorkload('mnist-cnn-train', 'train');
const infer = getWorkload('cnn-infer-b1', 'infer');
const [filters1, filters2] = cnnFilters(getModel(train.model));

/**
 * A small CNN (conv-pool-conv-pool-dense) trained on the MNIST subset, then timed for inference.
 * Defaults are sized for a GPU backend (webgl, webgpu), where 200 steps take seconds; wasm takes
 * tens of milliseconds a step. tfjs's plain cpu backend is the slow case: its conv filter gradient
 * is a naive loop (measured ~11 s per default step on one EPYC core in Node), so a reader left on
 * cpu should lower steps, batch and filters; Cancel still answers after the current step.
 *
 * Bounds: a batch of 256 with 64 filters per layer keeps activations and their gradients near
 * 200 MB, about what a phone GPU gives a tab; 2000 steps is minutes even on a GPU. Inference
 * batches up to 1024 are 3 MB of input; 500 timed runs is plenty for a p95.
 */
export const mnistCnnParams = z
  .object({
    steps: z.number().int().min(2).max(2000).default(train.steps),
    batchSize: z.number().int().min(1).max(256).default(train.batch),
    /** Filters of the first and second 3x3 convolution. */
    filters1: z.number().int().min(1).max(64).default(filters1),
    filters2: z.number().int().min(1).max(64).default(filters2),
    optimizer: z.enum(['adam', 'sgd']).default(train.optimizer.name),
    learningRate: z.number().min(1e-5).max(1).default(train.optimizer.learningRate),
    /** Training steps after the first left out of the steady-state figure; also inference warm-ups. */
    warmups: z.number().int().min(0).max(50).default(train.warmup),
    /** Batch size of the second inference timing (the first is always a single image). */
    inferBatch: z.number().int().min(1).max(1024).default(64),
    inferRuns: z.number().int().min(1).max(500).default(infer.steps),
    /** Test digits the accuracy is measured on (the subset has 2,000). */
    evalExamples: z.number().int().min(100).max(2000).default(2000),
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
export type MnistCnnParams = z.infer<typeof mnistCnnParams>;
