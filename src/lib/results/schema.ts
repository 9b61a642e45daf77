import { z } from 'astro/zod';
import { quantile } from '../runtime/stats.ts';
import { workloadsFile } from './workloads.ts';

/**
 * One benchmark result file in benchmarks/results/: one workload, one runner, one mode, one run.
 * Every runner (benchmarks/python, benchmarks/node, benchmarks/browser) writes this shape, and
 * benchmarks/result.schema.json is this schema exported for readers outside TypeScript.
 */
export const RESULT_FORMAT = 'tfc-bench-result-v1';

export const runnerSchema = z.enum(['python', 'node', 'browser']);
export const modeSchema = z.enum([
  'eager',
  'torchscript',
  'compile',
  'jit',
  'graph',
  'tf.function',
  'tfjs-cpu',
  'tfjs-wasm',
  'tfjs-webgl',
  'tfjs-webgpu',
]);
export type Mode = z.infer<typeof modeSchema>;

export const measurementSchema = z
  .object({
    /** What was timed: "step" for training, "forward" for inference, "n256" or "many_n16" in a sweep. */
    name: z.string().min(1),
    /** The case's own parameters, e.g. { n: 256 }. */
    params: z.record(z.string(), z.number()).optional(),
    /** The first run on its own (compilation, tracing, allocation), outside the timed runs. */
    firstMs: z.number().nonnegative().optional(),
    /** Every timed run, in order, in milliseconds; each includes reading its output back. */
    timesMs: z.array(z.number().nonnegative()).min(1),
    median: z.number().nonnegative(),
    p10: z.number().nonnegative(),
    p90: z.number().nonnegative(),
  })
  .superRefine((m, ctx) => {
    // The summary must be the raw times' own (R-7 quantiles), so it cannot drift from them.
    if (m.timesMs.length === 0) return; // reported by min(1) above
    const sorted = [...m.timesMs].sort((a, b) => a - b);
    for (const [key, q] of [['median', 0.5], ['p10', 0.1], ['p90', 0.9]] as const) {
      const want = quantile(sorted, q);
      if (Math.abs(m[key] - want) > 1e-6 * Math.max(1, want))
        ctx.addIssue({ code: 'custom', path: [key], message: `${key} is ${m[key]} but the raw times give ${want}` });
    }
  });
export type Measurement = z.infer<typeof measurementSchema>;

export const provenanceSchema = z.object({
  /** ISO date-time the run started, UTC. */
  date: z.iso.datetime(),
  cpu: z.object({ model: z.string().min(1), cores: z.number().int().positive() }),
  memoryGiB: z.number().positive(),
  /** GPU or adapter, with "(software)" where it is an emulation such as SwiftShader. */
  gpu: z.string().optional(),
  os: z.string().min(1),
  runtime: z.object({ name: z.string().min(1), version: z.string().min(1) }),
  /** Library versions by package name, e.g. { "torch": "1.13.0", "numpy": "1.24.2" }. */
  libraries: z.record(z.string(), z.string()),
  /** The command that produced this file, as typed (paths relative to the repository). */
  command: z.string().min(1),
  gitCommit: z.string().regex(/^[0-9a-f]{7,40}$/),
  /** True when the working tree had uncommitted changes at the time of the run. */
  gitDirty: z.boolean(),
  browser: z.object({ name: z.string(), version: z.string(), userAgent: z.string() }).optional(),
  /** The machine's 1-minute load average as the run started: above the core count, others were busy. */
  loadAverage1m: z.number().nonnegative().optional(),
});

export const resultFileSchema = z
  .object({
    format: z.literal(RESULT_FORMAT),
    workload: z.string().min(1),
    runner: runnerSchema,
    framework: z.object({ name: z.enum(['pytorch', 'jax', 'tensorflow', 'tfjs']), version: z.string().min(1) }),
    mode: modeSchema,
    /** Where the arithmetic ran: name as the framework calls it (cpu, cuda, wasm, webgpu) and the device. */
    backend: z.object({
      name: z.string().min(1),
      device: z.string().min(1),
      /** Backend settings that change speed: threads, SIMD, TF32... */
      details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    }),
    /** The settings actually used; they differ from the workload's only where `deviations` says so. */
    settings: z.object({
      batch: z.number().int().positive(),
      steps: z.number().int().positive(),
      warmup: z.number().int().nonnegative(),
      dtype: z.literal('float32'),
      seed: z.number().int().nonnegative(),
      sizes: z.array(z.number().int().positive()).optional(),
      ops: z.number().int().positive().optional(),
      /** Each setting changed from benchmarks/workloads.json, with why (e.g. fewer steps on a slow backend). */
      deviations: z.array(z.string()),
    }),
    provenance: provenanceSchema,
    measurements: z.array(measurementSchema).min(1),
    /** Training workloads: mean loss of the last ten steps (fewer if the run had fewer). */
    finalLoss: z.number().optional(),
    notes: z.string().optional(),
  })
  .superRefine((r, ctx) => {
    const w = workloadsFile.workloads.find((x) => x.id === r.workload);
    if (!w) {
      ctx.addIssue({ code: 'custom', path: ['workload'], message: `unknown workload "${r.workload}" (not in benchmarks/workloads.json)` });
      return;
    }
    if (w.kind === 'train' && (r.finalLoss === undefined || !Number.isFinite(r.finalLoss)))
      ctx.addIssue({ code: 'custom', path: ['finalLoss'], message: `a training workload needs a finite finalLoss` });
    const names = r.measurements.map((m) => m.name);
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i) ctx.addIssue({ code: 'custom', path: ['measurements', i, 'name'], message: `measurement "${n}" is listed twice` });
    });
  });
export type ResultFile = z.infer<typeof resultFileSchema>;

/** The schema as JSON Schema (draft 2020-12); checks made in code (quantiles, known workload) are not in it. */
export function resultJsonSchema(): Record<string, unknown> {
  return {
    title: 'One benchmark result (benchmarks/results/*.json)',
    ...z.toJSONSchema(resultFileSchema, { target: 'draft-2020-12' }),
  };
}

/** Summary of raw times as every runner reports it. */
export function measurement(name: string, timesMs: number[], extra: { params?: Record<string, number>; firstMs?: number } = {}): Measurement {
  const sorted = [...timesMs].sort((a, b) => a - b);
  return { name, ...extra, timesMs, median: quantile(sorted, 0.5), p10: quantile(sorted, 0.1), p90: quantile(sorted, 0.9) };
}

/** `<workload>--<runner>--<mode>--<date>.json`, the date being the run's UTC start to the second. */
export function resultFileName(r: Pick<ResultFile, 'workload' | 'runner' | 'mode' | 'provenance'>): string {
  const stamp = r.provenance.date.slice(0, 19).replaceAll(':', '-') + 'Z';
  return `${r.workload}--${r.runner}--${r.mode}--${stamp}.json`;
}

export class ResultFileError extends Error {}

/**
 * Parses one result file's text; the error names the file and the first wrong field. The file
 * name must agree with the content, so a renamed or hand-edited file cannot pass for another run.
 */
export function validateResultText(text: string, fileName: string): ResultFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ResultFileError(`${fileName}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = resultFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ResultFileError(`${fileName}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const expected = resultFileName(parsed.data);
  const base = fileName.split(/[\\/]/).pop()!;
  if (base !== expected) throw new ResultFileError(`${fileName}: file name should be ${expected} (from workload, runner, mode and provenance.date)`);
  return parsed.data;
}
