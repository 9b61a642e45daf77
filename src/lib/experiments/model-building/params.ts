import { z } from 'astro/zod';

/**
 * One MNIST classifier (784 -> hidden -> 10, ReLU, plain SGD: the one optimizer every style here
 * has, tf1 included) trained in each style with the same settings. Defaults are what fits a minute
 * on wasm for all three styles; they reach about 90-91% on the 2,000 test digits (see the chapter).
 * Bounds: 20 epochs of the full 10,000-digit subset is several minutes on tfjs's cpu fallback, as
 * long as a page should keep a reader waiting; hidden width 512 keeps the weights near 1.6 MB.
 */
export const modelBuildingParams = z.object({
  /** At least two: the first epoch (compile, first allocations) is reported apart from the rest. */
  epochs: z.number().int().min(2).max(20).default(4),
  batchSize: z.number().int().min(8).max(512).default(32),
  hidden: z.number().int().min(8).max(512).default(128),
  learningRate: z.number().min(1e-4).max(1).default(0.1),
  /** Training digits used, from the 10,000 the site serves. */
  trainExamples: z.number().int().min(100).max(10_000).default(10_000),
  /** Test digits for the accuracy, from the 2,000 the site serves. */
  testExamples: z.number().int().min(100).max(2_000).default(2_000),
  seed: z.number().int().min(0).max(0xffffffff).default(1),
});
export type ModelBuildingParams = z.infer<typeof modelBuildingParams>;
