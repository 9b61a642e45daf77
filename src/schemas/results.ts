import { z } from 'astro/zod';

/**
 * One result format for every run: a live experiment in a reader's browser, tfjs in Node, and the
 * server-side Python benchmarks. Live and archived numbers render from this same type.
 */
export const spreadSchema = z.object({
  n: z.number().int().positive(),
  median: z.number().nonnegative(),
  p10: z.number().nonnegative(),
  p90: z.number().nonnegative(),
  min: z.number().nonnegative(),
  max: z.number().nonnegative(),
});

export const timingSchema = z.object({
  /** Warm-ups before the timed runs; every timed run includes reading its outputs back. */
  protocol: z.object({ warmups: z.number().int().nonnegative(), runs: z.number().int().positive(), readback: z.literal(true) }),
  /** The first run on its own: compile, JIT and allocation live here. */
  firstMs: z.number().nonnegative(),
  /** Raw per-run times, not only their summary. */
  timesMs: z.array(z.number().nonnegative()).min(1),
  wall: spreadSchema,
  kernel: spreadSchema.optional(),
});

export const memorySchema = z.object({
  before: z.object({ numTensors: z.number().int(), numBytes: z.number() }),
  after: z.object({ numTensors: z.number().int(), numBytes: z.number() }),
  leakedTensors: z.number().int(),
  leakedBytes: z.number(),
});

export const provenanceSchema = z.object({
  /** ISO date-time of the run. */
  date: z.iso.datetime({ offset: true }),
  runner: z.enum(['browser', 'node', 'python']),
  /** Backend or engine, e.g. webgpu, wasm, torch-eager, jax-jit. */
  backend: z.string().min(1),
  /** Library and runtime versions, e.g. { tfjs: "4.22.0", node: "24.21.0" }. */
  versions: z.record(z.string(), z.string()),
  seed: z.number().int().nonnegative(),
  userAgent: z.string().optional(),
  /** What the browser says of the GPU adapter (vendor, architecture, description). */
  adapter: z.record(z.string(), z.string()).optional(),
  /** What the backend chose for itself, e.g. { simd: true, threads: 4 } for WASM. */
  backendDetails: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  /** Backends tried before this one, with why they were skipped. */
  skippedBackends: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
  crossOriginIsolated: z.boolean().optional(),
  hardware: z
    .object({ cpu: z.string(), cores: z.number().int().positive(), memoryGiB: z.number().positive(), gpu: z.string() })
    .partial()
    .optional(),
  os: z.string().optional(),
  command: z.string().optional(),
  gitCommit: z.string().optional(),
});

export const resultSchema = z.object({
  schema: z.literal('tfc-result-v1'),
  experiment: z.string().min(1),
  params: z.record(z.string(), z.unknown()),
  provenance: provenanceSchema,
  /** Named figures: accuracy, loss, samples/s... */
  metrics: z.record(z.string(), z.number()),
  /** Named timings, each with its protocol and raw times. */
  timings: z.record(z.string(), timingSchema),
  /** Texts a run produced as results, e.g. the message of an error it caught on purpose. */
  notes: z.record(z.string(), z.string()).optional(),
  memory: memorySchema.optional(),
});
export type Result = z.infer<typeof resultSchema>;

/** Parses a result file, with a message that names the field that is wrong. */
export function parseResultJson(text: string, source = 'result file'): Result {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = resultSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
