import { z } from 'astro/zod';

/**
 * Two bugs in a 784 -> hidden -> 10 MNIST classifier, each run eagerly and as a tf1 graph: a NaN
 * (unscaled pixels make softmax probabilities underflow to 0, and a hand-written cross-entropy
 * takes their log) and a shape mismatch (layer 1's weight sized for 32x32 images). A run of the
 * buggy graph without checks goes on for every step, so steps are kept modest.
 */
export const twoBugsParams = z.object({
  hidden: z.number().int().min(1).max(512).default(64),
  batch: z.number().int().min(1).max(256).default(32),
  /** Training steps each version is asked to run; the checked ones stop at the first error. */
  steps: z.number().int().min(1).max(200).default(20),
  learningRate: z.number().min(0.0001).max(1).default(0.01),
  seed: z.number().int().min(0).max(0xffffffff).default(1),
});
export type TwoBugsParams = z.infer<typeof twoBugsParams>;
