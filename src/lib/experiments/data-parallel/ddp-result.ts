import { z } from 'astro/zod';
import { measurementSchema, provenanceSchema } from '../../results/schema.ts';

/**
 * The file benchmarks/python/ddp_mnist.py writes into benchmarks/results/distributed/: PyTorch
 * DistributedDataParallel runs at several process counts, one file per invocation. Provenance and
 * step timings use the archive's shared schemas (src/lib/results/schema.ts); the rest is DDP's own.
 */
export const DDP_FORMAT = 'tfc-ddp-result-v1';

export const ddpRunSchema = z.object({
  processes: z.number().int().positive(),
  measurement: measurementSchema,
  stepsPerS: z.number().positive(),
  speedup: z.number().positive(),
  /** speedup / processes, against the same file's 1-process run. */
  scalingEfficiency: z.number().positive(),
  finalLoss: z.number(),
  /** Largest difference between any rank's weights and rank 0's after training. */
  maxWeightDiff: z.number().nonnegative(),
  testAccuracy: z.number().min(0).max(1),
});

export const ddpResultSchema = z
  .object({
    format: z.literal(DDP_FORMAT),
    framework: z.object({ name: z.literal('pytorch'), version: z.string().min(1) }),
    engine: z.string().min(1),
    backend: z.object({
      name: z.string().min(1),
      device: z.string().min(1),
      threadsPerProcess: z.number().int().positive(),
    }),
    settings: z.object({
      globalBatch: z.number().int().positive(),
      hidden: z.number().int().positive(),
      steps: z.number().int().positive(),
      warmup: z.number().int().nonnegative(),
      learningRate: z.number().positive(),
      seed: z.number().int().nonnegative(),
      dtype: z.literal('float32'),
    }),
    provenance: provenanceSchema,
    runs: z.array(ddpRunSchema).min(1),
  })
  .superRefine((r, ctx) => {
    if (r.runs[0]?.processes !== 1)
      ctx.addIssue({ code: 'custom', path: ['runs', 0], message: 'the first run must be the 1-process baseline' });
  });
export type DdpResult = z.infer<typeof ddpResultSchema>;

/** Parses one file's text; the error names the file and the first wrong field. */
export function parseDdpResult(text: string, fileName: string): DdpResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${fileName}: not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = ddpResultSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${fileName}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
