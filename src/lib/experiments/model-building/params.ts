import { z } from 'astro/zod';
import { MAX_SHIFT } from './window.ts';

/**
 * One MNIST classifier (central 20x20 pixels -> hidden -> 10, ReLU, Adam) trained in each style
 * with the same settings. The defaults are what reaches 95% on the 2,000 test digits in every style
 * and still fits a minute on wasm for all three together (measured: see the chapter): Adam at 0.003,
 * 256 hidden units, eight epochs of batches of 64, windows shifted by up to a pixel.
 * Bounds: 20 epochs of the full 10,000-digit subset is several minutes on tfjs's cpu fallback, as
 * long as a page should keep a reader waiting; hidden width 512 keeps the weights near 0.8 MB.
 */
export const modelBuildingParams = z.object({
  /** At least two: the first epoch (compile, first allocations) is reported apart from the rest. */
  epochs: z.number().int().min(2).max(20).default(8),
  batchSize: z.number().int().min(8).max(512).default(64),
  hidden: z.number().int().min(8).max(512).default(256),
  /** Adam's step size. */
  learningRate: z.number().min(1e-4).max(0.1).default(0.003),
  /** Training windows move by up to this many pixels each way, at random; 0 turns the augmentation off. */
  shift: z.number().int().min(0).max(MAX_SHIFT).default(1),
  /** Training digits used, from the 10,000 the site serves. */
  trainExamples: z.number().int().min(100).max(10_000).default(10_000),
  /** Test digits for the accuracy, from the 2,000 the site serves. */
  testExamples: z.number().int().min(100).max(2_000).default(2_000),
  seed: z.number().int().min(0).max(0xffffffff).default(1),
});
export type ModelBuildingParams = z.infer<typeof modelBuildingParams>;
