import { z } from 'astro/zod';
import { quantile } from '../runtime/stats.ts';
import { workloadsFile } from './workloads.ts';

/**
 * One result format for every run, whoever made it: a reader's run in a panel (downloaded as
 * JSON), tfjs in Node, and the server-side runners (benchmarks/python, benchmarks/browser). A run
 * file in benchmarks/results/, a reader's download and the panel's own view are the same record;
 * benchmarks/result.schema.json is this schema exported for readers outside TypeScript.
 */
export const RESULT_FORMAT = 'tfc-result-v2';

/**
 * Who made the run: `live` is a reader's browser on a page of the site; `node` is
 * benchmarks/node (tfjs in Node); `server` is a runner on a benchmark machine (Python, or tfjs in
 * a headless browser driven by benchmarks/browser). Only `node` and `server` runs are archived.
 */
export const originSchema = z.enum(['live', 'node', 'server']);
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

const spreadSchema = z.object({
  n: z.number().int().positive(),
  median: z.number().nonnegative(),
  p10: z.number().nonnegative(),
  p90: z.number().nonnegative(),
  min: z.number().nonnegative(),
  max: z.number().nonnegative(),
});

export const measurementSchema = z
  .object({
    /** What was timed: "step" for training, "forward" for inference, "n256" or "many_n16" in a sweep. */
    name: z.string().min(1),
    /** The case's own parameters, e.g. { n: 256 }. */
    params: z.record(z.string(), z.number()).optional(),
    /** The first run on its own (compilation, tracing, allocation), outside the timed runs. */
    firstMs: z.number().nonnegative().optional(),
    /** Untimed runs between the first and the timed ones, where the runner reports them per case. */
    warmups: z.number().int().nonnegative().optional(),
    /** Every timed run, in order, in milliseconds; each includes reading its output back. */
    timesMs: z.array(z.number().nonnegative()).min(1),
    median: z.number().nonnegative(),
    p10: z.number().nonnegative(),
    p90: z.number().nonnegative(),
    /** Kernel time per run as the tfjs backend reports it (tf.time), where it does. */
    kernel: spreadSchema.optional(),
  })
  .superRefine((m, ctx) => {
    // The summary must be the raw times' own (R-7 quantiles), so it cannot drift from them.
    if (m.timesMs.length === 0) return; // reported by min(1) above
    const sorted = [...m.timesMs].sort((a, b) => a - b);
    for (const [key, q] of [
      ['median', 0.5],
      ['p10', 0.1],
      ['p90', 0.9],
    ] as const) {
      const want = quantile(sorted, q);
      if (Math.abs(m[key] - want) > 1e-6 * Math.max(1, want))
        ctx.addIssue({ code: 'custom', path: [key], message: `${key} is ${m[key]} but the raw times give ${want}` });
    }
  });
export type Measurement = z.infer<typeof measurementSchema>;

/** Facts an archived run must give, so anyone can tell where its numbers came from. */
const ARCHIVE_PROVENANCE = ['cpu', 'memoryGiB', 'os', 'runtime', 'command', 'gitCommit', 'gitDirty'] as const;

export const provenanceSchema = z.object({
  /** ISO date-time the run started (a live run: when it finished), UTC. */
  date: z.iso.datetime({ offset: true }),
  cpu: z.object({ model: z.string().min(1), cores: z.number().int().positive() }).optional(),
  memoryGiB: z.number().positive().optional(),
  /** GPU or adapter, with "(software)" where it is an emulation such as SwiftShader. */
  gpu: z.string().optional(),
  os: z.string().min(1).optional(),
  runtime: z.object({ name: z.string().min(1), version: z.string().min(1) }).optional(),
  /** Library versions by package name, e.g. { "torch": "1.13.0" } or { "tfjs": "4.22.0" }. */
  libraries: z.record(z.string(), z.string()),
  /** The command that produced this file, as typed (paths relative to the repository). */
  command: z.string().min(1).optional(),
  gitCommit: z
    .string()
    .regex(/^[0-9a-f]{7,40}$/)
    .optional(),
  /** True when the working tree had uncommitted changes at the time of the run. */
  gitDirty: z.boolean().optional(),
  browser: z.object({ name: z.string(), version: z.string(), userAgent: z.string() }).optional(),
  /** The browser's user agent, for a live run (a server run names its browser in `browser`). */
  userAgent: z.string().optional(),
  /** What the browser says of the GPU adapter (vendor, architecture, description). */
  adapter: z.record(z.string(), z.string()).optional(),
  /** tfjs backends tried before this one, with why they were skipped. */
  skippedBackends: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
  crossOriginIsolated: z.boolean().optional(),
  /** The machine's 1-minute load average as the run started: above the core count, others were busy. */
  loadAverage1m: z.number().nonnegative().optional(),
});

const memorySchema = z.object({
  before: z.object({ numTensors: z.number().int(), numBytes: z.number() }),
  after: z.object({ numTensors: z.number().int(), numBytes: z.number() }),
  leakedTensors: z.number().int(),
  leakedBytes: z.number(),
});

export const settingsSchema = z.object({
  batch: z.number().int().positive(),
  steps: z.number().int().positive(),
  warmup: z.number().int().nonnegative(),
  dtype: z.literal('float32'),
  seed: z.number().int().nonnegative(),
  sizes: z.array(z.number().int().positive()).optional(),
  ops: z.number().int().positive().optional(),
  /** Each setting changed from benchmarks/workloads.json, with why (e.g. fewer steps on a slow backend). */
  deviations: z.array(z.string()),
});

export const resultFileSchema = z
  .object({
    format: z.literal(RESULT_FORMAT),
    origin: originSchema,
    runner: runnerSchema,
    /** The site's experiment that ran (tfjs runs); a Python runner has none. */
    experiment: z.string().min(1).optional(),
    /** The experiment's parameters as it ran them. */
    params: z.record(z.string(), z.unknown()).optional(),
    /** The benchmark workload (benchmarks/workloads.json) the run measures, if it measures one. */
    workload: z.string().min(1).optional(),
    framework: z.object({ name: z.enum(['pytorch', 'jax', 'tensorflow', 'tfjs']), version: z.string().min(1) }),
    mode: modeSchema,
    /** Where the arithmetic ran: name as the framework calls it (cpu, cuda, wasm, webgpu) and the device. */
    backend: z.object({
      name: z.string().min(1),
      device: z.string().min(1),
      /** Backend settings that change speed: threads, SIMD, TF32... */
      details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    }),
    /** A workload run's settings; they differ from the workload's only where `deviations` says so. */
    settings: settingsSchema.optional(),
    provenance: provenanceSchema,
    /** Every timing, each with its raw times. */
    measurements: z.array(measurementSchema),
    /** Named figures an experiment reports: accuracy, loss, samples/s... */
    metrics: z.record(z.string(), z.number()).optional(),
    /** Texts an experiment produced as results, e.g. the message of an error it caught on purpose. */
    texts: z.record(z.string(), z.string()).optional(),
    /** Tensors alive before and after a tfjs run: a run must leave none behind. */
    memory: memorySchema.optional(),
    /** Training workloads: mean loss of the last ten steps (fewer if the run had fewer). */
    finalLoss: z.number().optional(),
    notes: z.string().optional(),
  })
  .superRefine((r, ctx) => {
    const names = r.measurements.map((m) => m.name);
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i)
        ctx.addIssue({
          code: 'custom',
          path: ['measurements', i, 'name'],
          message: `measurement "${n}" is listed twice`,
        });
    });
    if (r.origin !== 'live') {
      for (const key of ARCHIVE_PROVENANCE)
        if (r.provenance[key] === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['provenance', key],
            message: `a ${r.origin} run must record its ${key}`,
          });
      if (r.workload === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['workload'],
          message: `a ${r.origin} run must name the workload it measures`,
        });
    }
    if (r.workload === undefined) {
      if (r.settings)
        ctx.addIssue({
          code: 'custom',
          path: ['settings'],
          message: 'settings belong to a workload run: name the workload',
        });
      return;
    }
    const w = workloadsFile.workloads.find((x) => x.id === r.workload);
    if (!w) {
      ctx.addIssue({
        code: 'custom',
        path: ['workload'],
        message: `unknown workload "${r.workload}" (not in benchmarks/workloads.json)`,
      });
      return;
    }
    if (!r.settings)
      ctx.addIssue({ code: 'custom', path: ['settings'], message: 'a workload run must record its settings' });
    if (r.measurements.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['measurements'],
        message: 'a workload run must have at least one measurement',
      });
    if (w.kind === 'train' && (r.finalLoss === undefined || !Number.isFinite(r.finalLoss)))
      ctx.addIssue({ code: 'custom', path: ['finalLoss'], message: `a training workload needs a finite finalLoss` });
  });
export type ResultFile = z.infer<typeof resultFileSchema>;
export type Settings = z.infer<typeof settingsSchema>;

/** A node or server run: the schema's refinement guarantees it names these. */
export type ArchivedResult = ResultFile & {
  origin: 'node' | 'server';
  workload: string;
  settings: Settings;
  provenance: { [K in (typeof ARCHIVE_PROVENANCE)[number]]-?: NonNullable<ResultFile['provenance'][K]> };
};

export const isArchived = (r: ResultFile): r is ArchivedResult =>
  r.origin !== 'live' &&
  r.workload !== undefined &&
  r.settings !== undefined &&
  ARCHIVE_PROVENANCE.every((k) => r.provenance[k] !== undefined);

/** The schema as JSON Schema (draft 2020-12); checks made in code (quantiles, known workload) are not in it. */
export function resultJsonSchema(): Record<string, unknown> {
  return {
    title: "One run: a reader's download, or an archived benchmark (benchmarks/results/*.json)",
    ...z.toJSONSchema(resultFileSchema, { target: 'draft-2020-12' }),
  };
}

/** Summary of raw times as every runner reports it. */
export function measurement(
  name: string,
  timesMs: number[],
  extra: Pick<Measurement, 'params' | 'firstMs' | 'warmups' | 'kernel'> = {},
): Measurement {
  const sorted = [...timesMs].sort((a, b) => a - b);
  return {
    name,
    ...extra,
    timesMs,
    median: quantile(sorted, 0.5),
    p10: quantile(sorted, 0.1),
    p90: quantile(sorted, 0.9),
  };
}

/**
 * `<workload>--<runner>--<mode>--<date>.json`, the date being the run's UTC start to the second; a
 * live run is named `<workload or experiment>--live--<mode>--<date>.json`.
 */
export function resultFileName(
  r: Pick<ResultFile, 'workload' | 'experiment' | 'origin' | 'runner' | 'mode' | 'provenance'>,
): string {
  const stamp = new Date(r.provenance.date).toISOString().slice(0, 19).replaceAll(':', '-') + 'Z';
  const what = r.workload ?? r.experiment ?? 'run';
  return `${what}--${r.origin === 'live' ? 'live' : r.runner}--${r.mode}--${stamp}.json`;
}

export class ResultFileError extends Error {}

/** A record as the schema accepts it, or an error naming the first wrong field. */
export function checked(record: ResultFile): ResultFile {
  const parsed = resultFileSchema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ResultFileError(
      `${record.experiment ?? record.workload ?? 'run'}: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  return parsed.data;
}

/**
 * Parses one result file's text; the error names the file and the first wrong field. The file
 * name must agree with the content, so a renamed or hand-edited file cannot pass for another run.
 */
export function validateResultText(text: string, fileName: string): ArchivedResult {
  const result = parseResultText(text, fileName);
  if (!isArchived(result))
    throw new ResultFileError(
      `${fileName}: a ${result.origin} run belongs in no archive (only node and server runs do)`,
    );
  const expected = resultFileName(result);
  const base = fileName.split(/[\\/]/).pop()!;
  if (base !== expected)
    throw new ResultFileError(
      `${fileName}: file name should be ${expected} (from workload, runner, mode and provenance.date)`,
    );
  return result;
}

/**
 * Parses a result without looking at its file name: for a file a reader loads, which a browser
 * may have renamed on download ("run (1).json").
 */
export function parseResultText(text: string, fileName: string): ResultFile {
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
  return parsed.data;
}
