import { z } from 'astro/zod';

/**
 * Square roots by Newton's method, iterated until no value changes by more than `tolerance`
 * (relative). Values are drawn log-uniformly from 1 to `maxValue`, so a larger maxValue means more
 * iterations. Bounds: 100,000 values and 200 iterations stay well under a second per loop on
 * tfjs's cpu fallback; a tolerance below 1e-6 would ask float32 for more than it can resolve.
 */
export const dataDependentLoopParams = z.object({
  count: z.number().int().min(1).max(100_000).default(10_000),
  maxValue: z.number().min(2).max(1e12).default(1e6),
  tolerance: z.number().min(1e-6).max(0.5).default(1e-5),
  maxIterations: z.number().int().min(1).max(200).default(100),
  warmups: z.number().int().min(0).max(20).default(2),
  runs: z.number().int().min(1).max(50).default(10),
  seed: z.number().int().min(0).max(0xffffffff).default(1),
});
export type DataDependentLoopParams = z.infer<typeof dataDependentLoopParams>;
