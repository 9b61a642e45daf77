import { z } from 'astro/zod';

/** Inference of the committed PyTorch-exported MNIST CNN with onnxruntime-web. */
export const onnxParityParams = z.object({
  /** Test images scored for accuracy (of the 2,000 in the subset). */
  testImages: z.number().int().min(64).max(2000).default(2000),
  /** Batch size of the timed inference. */
  batch: z.number().int().min(1).max(256).default(64),
  warmups: z.number().int().min(0).max(20).default(3),
  runs: z.number().int().min(1).max(100).default(20),
  seed: z.number().int().min(0).max(0xffffffff).default(1),
});
export type OnnxParityParams = z.infer<typeof onnxParityParams>;
