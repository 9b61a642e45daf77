import { z } from 'astro/zod';

/** Most workers a run may start: past 8, a page's workers crowd out everything else on a laptop. */
export const MAX_WORKERS = 8;

/**
 * Synchronous data-parallel training of the 784-hidden-10 MNIST MLP over N Web Workers. Defaults
 * match benchmarks/python/ddp_mnist.py (global batch 256, hidden 128, 200 steps, Adam 0.002), so
 * the live figures and the archived PyTorch DDP ones describe the same job. The global batch is
 * fixed and cut between the workers (strong scaling): more workers, less work each per step.
 */
export const dataParallelParams = z
  .object({
    /** Worker count N; the run also trains with N = 1 for the baseline. */
    workers: z.number().int().min(1).max(MAX_WORKERS).default(2),
    /** all-reduce: workers average gradients among themselves; parameter-server: through the coordinator. */
    mode: z.enum(['all-reduce', 'parameter-server']).default('all-reduce'),
    /** auto: shared memory (SharedArrayBuffer + Atomics) when the page is cross-origin isolated. */
    transport: z.enum(['auto', 'messages']).default('auto'),
    steps: z.number().int().min(3).max(2000).default(200),
    /** Examples per step over all workers together; each worker takes its share. */
    globalBatch: z.number().int().min(1).max(2048).default(256),
    hidden: z.number().int().min(8).max(512).default(128),
    learningRate: z.number().min(1e-5).max(1).default(0.002),
    /** Steps after the first one left out of the timed steps. */
    warmups: z.number().int().min(0).max(50).default(5),
    seed: z.number().int().min(0).max(0xffffffff).default(1),
    /** Allow more workers than CPU cores (they then share cores, and scaling efficiency drops). */
    oversubscribe: z.boolean().default(false),
    /** For testing failure handling: the last worker crashes at this step (0: never). */
    crashWorkerAtStep: z.number().int().min(0).max(2000).default(0),
  })
  .superRefine((p, ctx) => {
    if (p.globalBatch < p.workers)
      ctx.addIssue({
        code: 'custom',
        path: ['globalBatch'],
        message: `a global batch of ${p.globalBatch} cannot give each of ${p.workers} workers an example`,
      });
    if (p.warmups + 1 >= p.steps)
      ctx.addIssue({
        code: 'custom',
        path: ['warmups'],
        message: `${p.warmups} warm-up steps leave no timed step out of ${p.steps}; use at most ${p.steps - 2}`,
      });
    if (p.crashWorkerAtStep > p.steps)
      ctx.addIssue({
        code: 'custom',
        path: ['crashWorkerAtStep'],
        message: `step ${p.crashWorkerAtStep} is past the last step (${p.steps})`,
      });
  });
export type DataParallelParams = z.infer<typeof dataParallelParams>;

/**
 * Why N workers cannot run here, or undefined. Each worker computes on one core; more workers
 * than cores only take turns, so the run refuses unless the reader asks for it.
 */
export function workerLimitProblem(
  workers: number,
  cores: number | undefined,
  oversubscribe: boolean,
): string | undefined {
  if (oversubscribe || !cores) return undefined;
  const most = Math.min(MAX_WORKERS, cores);
  if (workers <= most) return undefined;
  return (
    `${workers} workers is more than this machine's ${cores} CPU cores (navigator.hardwareConcurrency); choose at most ${most}, ` +
    `or tick oversubscribe to let workers share cores`
  );
}
