import { cnnFilters, getModel, mlpHidden, type Workload } from './workloads.ts';
import { checked, type Measurement, type ResultFile } from './schema.ts';

/**
 * Benchmark workloads and the site's experiments, both ways. The tfjs runners (Node and browser)
 * run a workload through an experiment (mnist-mlp, mnist-cnn, matmul, dispatch) with parameters
 * taken from benchmarks/workloads.json, so the bench and the page time the same code; and a
 * reader's run of an experiment is recognised as a run of the workloads its parameters measure.
 */
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
  if (w.kind === 'train' && warmup + 1 >= steps)
    throw new RangeError(`${steps} training steps leave none to time after the first and ${warmup} warm-ups`);
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
      const common = {
        steps: s.steps,
        batchSize: s.batch,
        learningRate: w.optimizer.learningRate,
        warmups: s.warmup,
        seed: s.seed,
      };
      if (w.model === 'mnist-mlp') return { experiment: 'mnist-mlp', params: { ...common, hidden: mlpHidden(model) } };
      const [filters1, filters2] = cnnFilters(model);
      return {
        experiment: 'mnist-cnn',
        params: {
          ...common,
          filters1,
          filters2,
          optimizer: w.optimizer.name,
          inferBatch: 1,
          inferRuns: 1,
          evalExamples: EVAL_EXAMPLES,
        },
      };
    }
    case 'infer': {
      const [filters1, filters2] = cnnFilters(getModel(w.model));
      // The experiment trains before it times inference; the fewest steps its checks allow, on
      // single digits, since weights do not change inference time.
      return {
        experiment: 'mnist-cnn',
        params: {
          steps: s.warmup + 2,
          batchSize: 1,
          filters1,
          filters2,
          warmups: s.warmup,
          inferBatch: s.batch,
          inferRuns: s.steps,
          evalExamples: EVAL_EXAMPLES,
          seed: s.seed,
        },
      };
    }
    case 'matmul':
      return { experiment: 'matmul', params: { sizes: s.sizes, warmups: s.warmup, runs: s.steps, seed: s.seed } };
    case 'dispatch':
      return {
        experiment: 'dispatch',
        params: { sizes: s.sizes, ops: s.ops, warmups: s.warmup, runs: s.steps, seed: s.seed },
      };
  }
}

/** A run's measurement `name`, under the workload's name for it and with the case's parameters. */
function pick(
  r: Pick<ResultFile, 'measurements'>,
  name: string,
  as: string,
  params?: Record<string, number>,
): Measurement {
  const m = r.measurements.find((x) => x.name === name);
  if (!m) throw new Error(`the run has no timing for ${name}`);
  return { ...m, name: as, ...(params ? { params } : {}) };
}

/** What the workload times, taken from the experiment's measurements. */
export function measurementsOf(
  w: Workload,
  s: ReturnType<typeof settingsFor>,
  r: Pick<ResultFile, 'measurements'>,
): Measurement[] {
  switch (w.kind) {
    case 'train':
      return [pick(r, 'train_step', 'step')];
    case 'infer':
      return [pick(r, 'infer_batch', 'forward')];
    case 'matmul':
      return s.sizes!.map((n) => pick(r, `n${n}`, `n${n}`, { n }));
    case 'dispatch':
      return s.sizes!.flatMap((n) => [
        pick(r, `many_n${n}`, `many_n${n}`, { n, ops: s.ops! }),
        pick(r, `fused_n${n}`, `fused_n${n}`, { n, ops: s.ops! }),
      ]);
  }
}

/** A tfjs run's record as a run of workload `w` with settings `s`: what the archive and the Results page show. */
export function withWorkload(record: ResultFile, w: Workload, s: ReturnType<typeof settingsFor>): ResultFile {
  const finalLoss = w.kind === 'train' ? record.metrics?.final_loss : undefined;
  return {
    ...record,
    workload: w.id,
    settings: s,
    measurements: measurementsOf(w, s, record),
    ...(finalLoss !== undefined ? { finalLoss } : {}),
  };
}

/** The same, checked against the schema. */
export const forWorkload = (record: ResultFile, w: Workload, s: ReturnType<typeof settingsFor>) =>
  checked(withWorkload(record, w, s));

/** The steps and warm-ups a run's parameters give, in the workload's terms. */
function lengthOf(w: Workload, params: Record<string, unknown>): { steps?: number; warmup?: number } {
  const n = (k: string) => (typeof params[k] === 'number' ? (params[k] as number) : undefined);
  const steps = w.kind === 'train' ? n('steps') : w.kind === 'infer' ? n('inferRuns') : n('runs');
  const warmup = n('warmups');
  return { ...(steps !== undefined ? { steps } : {}), ...(warmup !== undefined ? { warmup } : {}) };
}

/**
 * Parameters that cannot change what a workload times, so a run may differ in them: a training
 * step's time does not depend on how inference is timed afterwards, and inference time not on how
 * long, or on what batches, the weights were trained.
 */
const BESIDE_THE_POINT: Record<Workload['kind'], readonly string[]> = {
  train: ['inferBatch', 'inferRuns', 'evalExamples'],
  infer: ['steps', 'batchSize', 'evalExamples', 'seed'],
  matmul: [],
  dispatch: [],
};

export interface WorkloadMatch {
  workload: Workload;
  settings: ReturnType<typeof settingsFor>;
}

/**
 * The workloads a tfjs run measures: those whose experiment call has the run's parameters, the
 * number of steps and warm-ups aside (those become deviations, as in an archived run). A run that
 * changed the model, batch, sizes or seed measures none, and `reasons` says what differs. One run
 * can measure two (a CNN run times both its training step and its inference).
 */
export function matchWorkloads(
  record: Pick<ResultFile, 'experiment' | 'params'>,
  workloads: readonly Workload[],
): { matches: WorkloadMatch[]; reasons: string[] } {
  if (!record.experiment || !record.params) return { matches: [], reasons: ['it names no experiment'] };
  const params = record.params;
  const matches: WorkloadMatch[] = [];
  const reasons: string[] = [];
  for (const w of workloads) {
    if (experimentCall(w, settingsFor(w)).experiment !== record.experiment) continue;
    let settings: ReturnType<typeof settingsFor>;
    try {
      settings = settingsFor(w, lengthOf(w, params));
    } catch (error) {
      reasons.push(`${w.id}: ${(error as Error).message}`);
      continue;
    }
    const differ = Object.entries(experimentCall(w, settings).params)
      .filter(([k, v]) => !BESIDE_THE_POINT[w.kind].includes(k) && JSON.stringify(params[k]) !== JSON.stringify(v))
      .map(([k, v]) => `${k} ${JSON.stringify(params[k])} (the workload's: ${JSON.stringify(v)})`);
    if (differ.length === 0) matches.push({ workload: w, settings });
    else reasons.push(`${w.id}: ${differ.join(', ')}`);
  }
  if (matches.length === 0 && reasons.length === 0)
    reasons.push(`no benchmark workload runs the ${record.experiment} experiment`);
  return { matches, reasons };
}
