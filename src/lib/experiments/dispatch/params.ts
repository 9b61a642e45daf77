import { z } from 'astro/zod';
import { getWorkload } from '../../results/workloads.ts';

/** Defaults are the op-overhead workload of benchmarks/workloads.json. */
const overhead = getWorkload('op-overhead', 'dispatch');

/**
 * Elements in flight per size: the k slices, the fused [k, n] copy of them and one variant's
 * outputs are each k x n float32 values, so the peak is 3 x MAX_ELEMENTS x 4 bytes = 192 MiB.
 * Beyond that integrated GPUs and phones start losing the WebGL context or killing the tab.
 */
export const MAX_ELEMENTS = 2 ** 24;

/**
 * Per-op dispatch overhead against op size: k elementwise ops on n-element tensors ("many", what
 * eager execution does op by op) against one op on a k x n tensor ("fused", what a graph that
 * merges the ops launches). Same arithmetic, same bytes moved, same results.
 */
export const dispatchParams = z
  .object({
    /** Elements per small op, n; from tiny (overhead-bound) to large (bandwidth-bound). */
    sizes: z
      .array(
        z
          .number()
          .int()
          .min(1)
          .max(2 ** 22),
      )
      .min(1)
      .max(10)
      .default(() => [...overhead.sizes]),
    /** k: how many small ops the "many" variant launches; the fused op does the work of all k. */
    ops: z.number().int().min(2).max(256).default(overhead.ops),
    warmups: z.number().int().min(0).max(20).default(overhead.warmup),
    runs: z.number().int().min(1).max(200).default(overhead.steps),
    seed: z.number().int().min(0).max(0xffffffff).default(overhead.seed),
  })
  .superRefine((p, ctx) => {
    p.sizes.forEach((n, i) => {
      // Metric names carry the size, so a repeated size would overwrite its own result.
      if (p.sizes.indexOf(n) !== i)
        ctx.addIssue({ code: 'custom', path: ['sizes', i], message: `size ${n} is listed twice` });
      else if (n * p.ops > MAX_ELEMENTS)
        ctx.addIssue({
          code: 'custom',
          path: ['sizes', i],
          message: `size ${n} x ${p.ops} ops is ${n * p.ops} elements; the limit is ${MAX_ELEMENTS} (64 MiB per copy)`,
        });
    });
  });
export type DispatchParams = z.infer<typeof dispatchParams>;
