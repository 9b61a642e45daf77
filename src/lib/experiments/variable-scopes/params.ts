import { z } from 'astro/zod';

/**
 * A two-tower (siamese) scorer over pairs of MNIST test digits, built TF1-style and object-style
 * with the same weights. Bounds keep a run to seconds on wasm: at the maximum one forward pass is
 * 2 x 512 x 784 x 256 multiply-adds, about 0.2 GFLOP, timed up to 50 times.
 */
export const variableScopesParams = z.object({
  /** Pairs scored per forward pass (from the 2,000-digit MNIST test subset the site serves). */
  pairs: z.number().int().min(1).max(512).default(64),
  hidden: z.number().int().min(1).max(256).default(64),
  embed: z.number().int().min(1).max(64).default(16),
  warmups: z.number().int().min(0).max(20).default(3),
  runs: z.number().int().min(1).max(50).default(20),
  seed: z.number().int().min(0).max(0xffffffff).default(1),
});
export type VariableScopesParams = z.infer<typeof variableScopesParams>;
