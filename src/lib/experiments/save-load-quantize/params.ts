import { z } from 'astro/zod';

/**
 * A 784-hidden-10 Keras-style model trained briefly in the page, then saved, reloaded and
 * quantized. Bounds keep a run to seconds on WASM: the point is the round trip, not the training.
 */
export const saveLoadQuantizeParams = z.object({
  /** At least 3: the first step and up to 5 more are warm-ups, the rest are timed. */
  steps: z.number().int().min(3).max(2000).default(300),
  batchSize: z.number().int().min(1).max(512).default(64),
  hidden: z.number().int().min(8).max(512).default(64),
  learningRate: z.number().min(1e-5).max(1).default(0.01),
  /** Test images scored by each model (of the 2,000 in the subset). */
  evalExamples: z.number().int().min(10).max(2000).default(2000),
  seed: z.number().int().min(0).max(0xffffffff).default(1),
});
export type SaveLoadQuantizeParams = z.infer<typeof saveLoadQuantizeParams>;
