import { z } from 'astro/zod';

/**
 * One small MLP trained three times on the MNIST subset, each time fed a different way. Bounds
 * keep a run to about a minute on WASM (three trainings); the point is the feeding, not the model.
 */
export const inputPipelinesParams = z
  .object({
    /** Steps per feed; the first step pays kernel set-up and is left out of the step timing. */
    steps: z.number().int().min(3).max(2000).default(200),
    batchSize: z.number().int().min(1).max(512).default(64),
    hidden: z.number().int().min(8).max(512).default(64),
    learningRate: z.number().min(1e-5).max(1).default(0.01),
    /** Training images used: the feed_dict-style feed uploads all of them as one tensor. */
    examples: z.number().int().min(16).max(10000).default(10000),
    /** Largest random shift of each image, in pixels, in every direction (0: no augmentation). */
    maxShift: z.number().int().min(0).max(4).default(2),
    /** Elements tf.data's shuffle keeps in its buffer. */
    shuffleBuffer: z.number().int().min(1).max(10000).default(1000),
    /** Batches made ahead by tf.data's prefetch and by the loader worker's queue. */
    prefetch: z.number().int().min(1).max(16).default(4),
    seed: z.number().int().min(0).max(0xffffffff).default(1),
  })
  .superRefine((p, ctx) => {
    if (p.batchSize > p.examples)
      ctx.addIssue({
        code: 'custom',
        path: ['batchSize'],
        message: `a batch of ${p.batchSize} needs at least that many examples; examples is ${p.examples}`,
      });
  });
export type InputPipelinesParams = z.infer<typeof inputPipelinesParams>;
