import type { Result } from '../../schemas/results.ts';
import type { Timing } from '../runtime/timing.ts';
import { cnnFilters, getModel, mlpHidden, type Workload } from './workloads.ts';
import { measurement, RESULT_FORMAT, type Measurement, type ResultFile } from './schema.ts';

/**
 * How the tfjs runners (Node and browser) run a workload: through the site's own experiments
 * (mnist-mlp, mnist-cnn, matmul, dispatch), with parameters taken from benchmarks/workloads.json,
 * so the bench and the page time the same code.
 */
export interface Settings {
  steps: number;
  warmup: number;
}

export interface ExperimentCall {
  experiment: 'mnist-mlp' | 'mnist-cnn' | 'matmul' | 'dispatch';
  params: Record<string, unknown>;
}

/** The workload's steps and warm-ups, or the caller's (each change is listed as a deviation). */
export function settingsFor(w: Workload, override: { steps?: number | undefined; warmup?: number | undefined } = {}) {
  const steps = override.steps ?? w.steps;
  const warmup = override.warmup ?? w.warmup;
  const deviations: string[] = [];
  if (steps !== w.steps) deviations.push(`steps ${steps} instead of ${w.steps}`);
  if (warmup !== w.warmup) deviations.push(`warmup ${warmup} instead of ${w.warmup}`);
  if (w.kind === 'train' && warmup + 1 >= steps) throw new RangeError(`${steps} training steps leave none to time after the first and ${warmup} warm-ups`);
  return {
    batch: w.batch,
    steps,
    warmup,
    dtype: w.dtype,
    seed: w.seed,
    ...('sizes' in w ? { sizes: w.sizes } : {}),
    ...('ops' in w ? { ops: w.ops } : {}),
    deviations,
  };
}

/** Test digits the CNN experiment scores after training; the benchmark does not time it, so few. */
const EVAL_EXAMPLES = 100;

export function experimentCall(w: Workload, s: ReturnType<typeof settingsFor>): ExperimentCall {
  switch (w.kind) {
    case 'train': {
      const model = getModel(w.model);
      const common = { steps: s.steps, batchSize: s.batch, learningRate: w.optimizer.learningRate, warmups: s.warmup, seed: s.seed };
      if (w.model === 'mnist-mlp') return { experiment: 'mnist-mlp', params: { ...common, hidden: mlpHidden(model) } };
      const [filters1, filters2] = cnnFilters(model);
      return {
        experiment: 'mnist-cnn',
        params: { ...common, filters1, filters2, optimizer: w.optimizer.name, inferBatch: 1, inferRuns: 1, evalExamples: EVAL_EXAMPLES },
      };
    }
    case 'infer': {
      const [filters1, filters2] = cnnFilters(getModel(w.model));
      // The experiment trains before it times inference; the fewest steps its checks allow, on
      // single digits, since weights do not change inference time.
      return {
        experiment: 'mnist-cnn',
        params: { steps: s.warmup + 2, batchSize: 1, filters1, filters2, warmups: s.warmup, inferBatch: s.batch, inferRuns: s.steps, evalExamples: EVAL_EXAMPLES, seed: s.seed },
      };
    }
    case 'matmul':
      return { experiment: 'matmul', params: { sizes: s.sizes, warmups: s.warmup, runs: s.steps, seed: s.seed } };
    case 'dispatch':
      return { experiment: 'dispatch', params: { sizes: s.sizes, ops: s.ops, warmups: s.warmup, runs: s.steps, seed: s.seed } };
  }
}

const fromTiming = (name: string, t: Pick<Timing, 'firstMs' | 'timesMs'> | undefined, params?: Record<string, number>): Measurement => {
  if (!t) throw new Error(`the experiment result has no timing for ${name}`);
  return measurement(name, t.timesMs, { firstMs: t.firstMs, ...(params ? { params } : {}) });
};

export function measurementsOf(w: Workload, s: ReturnType<typeof settingsFor>, r: Result): Measurement[] {
  switch (w.kind) {
    case 'train':
      return [fromTiming('step', r.timings.train_step)];
    case 'infer':
      return [fromTiming('forward', r.timings.infer_batch)];
    case 'matmul':
      return s.sizes!.map((n) => fromTiming(`n${n}`, r.timings[`n${n}`], { n }));
    case 'dispatch':
      return s.sizes!.flatMap((n) => [
        fromTiming(`many_n${n}`, r.timings[`many_n${n}`], { n, ops: s.ops! }),
        fromTiming(`fused_n${n}`, r.timings[`fused_n${n}`], { n, ops: s.ops! }),
      ]);
  }
}

export interface TfjsRunFacts {
  runner: 'node' | 'browser';
  device: string;
  details?: Record<string, string | number | boolean>;
  provenance: ResultFile['provenance'];
  notes?: string;
}

/** A result file from one experiment run. */
export function toResultFile(w: Workload, s: ReturnType<typeof settingsFor>, r: Result, facts: TfjsRunFacts): ResultFile {
  const backend = r.provenance.backend;
  const finalLoss = w.kind === 'train' ? r.metrics.final_loss : undefined;
  return {
    format: RESULT_FORMAT,
    workload: w.id,
    runner: facts.runner,
    framework: { name: 'tfjs', version: r.provenance.versions.tfjs ?? 'unknown' },
    mode: `tfjs-${backend}` as ResultFile['mode'],
    backend: { name: backend, device: facts.device, ...(facts.details ? { details: facts.details } : {}) },
    settings: s,
    provenance: facts.provenance,
    measurements: measurementsOf(w, s, r),
    ...(finalLoss !== undefined ? { finalLoss } : {}),
    ...(facts.notes ? { notes: facts.notes } : {}),
  };
}
