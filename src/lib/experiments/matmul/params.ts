import { z } from 'astro/zod';
import { getWorkload } from '../../results/workloads.ts';

/** Defaults are the matmul-sweep workload of benchmarks/workloads.json. */
const sweep = getWorkload('matmul-sweep', 'matmul');

/** Square matrix multiply across sizes: how many GFLOP/s a backend reaches, and where it saturates. */
export const matmulParams = z.object({
  /** Matrix sizes n for an n x n by n x n product. */
  sizes: z
    .array(z.number().int().min(16).max(2048))
    .min(1)
    .max(8)
    .default(() => [...sweep.sizes]),
  warmups: z.number().int().min(0).max(20).default(sweep.warmup),
  runs: z.number().int().min(1).max(100).default(sweep.steps),
  seed: z.number().int().min(0).max(0xffffffff).default(sweep.seed),
});
export type MatmulParams = z.infer<typeof matmulParams>;
