import type { Experiment, ExperimentOutput } from '../../runtime/experiment.ts';
import type { Rng } from '../../runtime/rng.ts';
import { spread } from '../../runtime/stats.ts';
import { Cancelled, throwIfAborted, type Timing } from '../../runtime/timing.ts';
import { IMAGE_SIZE } from '../../data/mnist.ts';
import { firstExamples, loadMnistCached } from '../../training/data.ts';
import { accuracy } from '../../training/loop.ts';
import { normalValues } from '../../training/init.ts';
import { trainingTiming } from '../../training/summary.ts';
import { layerSizes, logits, weightCount, weightTensors } from './model.ts';
import { adamState, adamStep, maxAbsDifference, sumInto } from './optim.ts';
import { dataParallelParams, workerLimitProblem, type DataParallelParams } from './params.ts';
import type { FromReplica, InitMessage, ReplicaBackend, StepTimes, Transport } from './protocol.ts';

export { metricLabel } from './labels.ts';

/** Outcome of one training run over n workers. */
export interface TrainRun {
  n: number;
  /** Per step, times averaged over the workers; stepMs is the slowest worker's step. */
  steps: (StepTimes & { stepMs: number; loss: number })[];
  weights: Float32Array[];
  tensorsLeft: number;
  /** Parameter-server mode: the coordinator's averaging and update per step. */
  serverMs: number[];
}

export class WorkerFailure extends Error {
  override name = 'WorkerFailure';
}

/** He-initialised weights from the run's seeded generator, as mnist-mlp makes them. */
export function initialWeights(rng: Rng, hidden: number): Float32Array {
  const [w1, b1, w2] = layerSizes(hidden) as [number, number, number, number];
  const flat = new Float32Array(weightCount(hidden)); // biases stay zero
  flat.set(normalValues(rng, w1, Math.sqrt(2 / IMAGE_SIZE)), 0);
  flat.set(normalValues(rng, w2, Math.sqrt(1 / hidden)), w1 + b1);
  return flat;
}

interface RunOptions {
  n: number;
  transport: Transport;
  backend: ReplicaBackend;
  params: DataParallelParams;
  weights: Float32Array;
  crashAtStep: number;
  signal: AbortSignal;
  onStep?: (step: number, loss: number) => void;
}

/**
 * Starts n replica workers, trains, and returns every worker's final weights. Whatever happens
 * (done, a worker's crash, Cancel) every worker is terminated before this returns or throws.
 */
export async function trainDataParallel(o: RunOptions): Promise<TrainRun> {
  if (typeof Worker === 'undefined')
    throw new Error('data-parallel training needs Web Workers, which this environment lacks');
  const { n, params } = o;
  const length = o.weights.length;
  const workers: Worker[] = [];
  const control = o.transport === 'shared' ? new SharedArrayBuffer(3 * 4) : undefined;
  const grads = o.transport === 'shared' ? new SharedArrayBuffer(n * length * 4) : undefined;
  const steps: TrainRun['steps'] = [];
  const perStep = new Map<number, FromReplica[]>();
  const finals: Float32Array[] = new Array(n);
  let tensorsLeft = 0;
  let done = 0;
  const serverMs: number[] = [];
  const server =
    o.transport === 'parameter-server'
      ? { weights: o.weights.slice(), adam: adamState(length), pending: [] as Float32Array[], loss: 0 }
      : undefined;
  let onAbort: (() => void) | undefined;
  try {
    return await new Promise<TrainRun>((resolve, reject) => {
      const failed = (rank: number, why: string) =>
        reject(
          new WorkerFailure(
            `worker ${rank + 1} of ${n} failed: ${why}. The run was stopped and all ${n} workers terminated.`,
          ),
        );
      onAbort = () => reject(new Cancelled());
      o.signal.addEventListener('abort', onAbort);
      if (o.signal.aborted) onAbort();
      const channels =
        o.transport === 'messages' && n > 1 ? Array.from({ length: n }, () => new MessageChannel()) : undefined;
      for (let rank = 0; rank < n; rank++) {
        const worker = new Worker(new URL('./replica.ts', import.meta.url), {
          type: 'module',
          name: `data-parallel-${rank}`,
        });
        workers.push(worker);
        worker.onerror = (e) => {
          e.preventDefault();
          failed(rank, e.message || 'the worker could not start');
        };
        worker.onmessageerror = () => failed(rank, 'a message could not be read');
        worker.onmessage = (e: MessageEvent<FromReplica>) => {
          const m = e.data;
          if (m.type === 'error') return failed(m.rank, m.message);
          if (m.type === 'done') {
            finals[m.rank] = m.weights;
            tensorsLeft += m.tensorsLeft;
            if (++done === n) resolve({ n, steps, weights: finals, tensorsLeft, serverMs });
            return;
          }
          if (m.type === 'grads' && server) {
            server.pending[m.rank] = m.grads;
            server.loss += m.loss;
            if (Object.keys(server.pending).length < n) return;
            const t0 = performance.now();
            const total = sumInto(new Float32Array(length), server.pending);
            adamStep(server.adam, server.weights, total, params.learningRate);
            serverMs.push(performance.now() - t0);
            for (const w of workers) w.postMessage({ type: 'weights', weights: server.weights });
            server.pending = [];
            return;
          }
          if (m.type === 'step') {
            const got = perStep.get(m.step) ?? [];
            got.push(m);
            perStep.set(m.step, got);
            if (got.length < n) return;
            perStep.delete(m.step);
            const all = got as Extract<FromReplica, { type: 'step' }>[];
            const mean = (f: (s: StepTimes) => number) => all.reduce((a, s) => a + f(s), 0) / n;
            const loss = all.reduce((a, s) => a + s.loss, 0);
            steps.push({
              computeMs: mean((s) => s.computeMs),
              commMs: mean((s) => s.commMs),
              updateMs: mean((s) => s.updateMs),
              stepMs: Math.max(...all.map((s) => s.computeMs + s.commMs + s.updateMs)),
              loss,
            });
            o.onStep?.(m.step, loss);
          }
        };
        const init: InitMessage = {
          type: 'init',
          rank,
          n,
          backend: o.backend,
          transport: o.transport,
          hidden: params.hidden,
          globalBatch: params.globalBatch,
          steps: params.steps,
          learningRate: params.learningRate,
          dataSeed: params.seed + 1,
          weights: o.weights.slice(),
          crashAtStep: o.crashAtStep > 0 && rank === n - 1 ? o.crashAtStep : 0,
          ...(grads && control ? { grads, control } : {}),
          ...(channels ? { right: channels[rank]!.port1, left: channels[(rank + n - 1) % n]!.port2 } : {}),
        };
        const transfer = channels ? [init.right!, init.left!] : [];
        worker.postMessage(init, transfer);
      }
    });
  } finally {
    if (onAbort) o.signal.removeEventListener('abort', onAbort);
    // Peers blocked in the shared-memory barrier give up rather than wait for a dead worker.
    if (control) {
      const words = new Int32Array(control);
      Atomics.store(words, 2, 1);
      Atomics.notify(words, 1);
    }
    for (const w of workers) w.terminate();
  }
}

function summarise(run: TrainRun, warmups: number): { timing: Timing; compute: number; comm: number; update: number } {
  const timed = run.steps.slice(1 + warmups);
  const median = (f: (s: TrainRun['steps'][number]) => number) => spread(timed.map(f)).median;
  return {
    timing: trainingTiming(
      run.steps.map((s) => s.stepMs),
      warmups,
    ),
    compute: median((s) => s.computeMs),
    comm: median((s) => s.commMs),
    update: median((s) => s.updateMs),
  };
}

/**
 * Synchronous data-parallel training across Web Workers, with N = 1 run too as the baseline.
 * Timings: `step` (N workers, the slowest worker's step) and `baseline_step` (one worker).
 */
export const dataParallel: Experiment<typeof dataParallelParams> = {
  id: 'data-parallel',
  title: 'Data-parallel training across Web Workers',
  params: dataParallelParams,
  async run(params, { tf, backend, progress, signal, rng, readSiteFile }): Promise<ExperimentOutput> {
    const cores = typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency;
    const tooMany = workerLimitProblem(params.workers, cores, params.oversubscribe);
    if (tooMany) throw new RangeError(tooMany);
    // Workers run tfjs on WASM (or CPU when that is the pick): a GPU backend in each of N workers
    // would share one GPU, which is not what data parallelism across devices means.
    const replicaBackend: ReplicaBackend = backend === 'cpu' ? 'cpu' : 'wasm';
    const isolated =
      typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated && typeof SharedArrayBuffer !== 'undefined';
    const transport: Transport =
      params.mode === 'parameter-server'
        ? 'parameter-server'
        : params.transport === 'auto' && isolated
          ? 'shared'
          : 'messages';
    const weights = initialWeights(rng, params.hidden);
    const test = await loadMnistCached('test', readSiteFile);
    const total = params.workers === 1 ? params.steps : 2 * params.steps;
    const every = Math.max(1, Math.ceil(params.steps / 50));
    const common = { transport, backend: replicaBackend, params, weights, signal };
    const run = await trainDataParallel({
      ...common,
      n: params.workers,
      crashAtStep: params.crashWorkerAtStep,
      onStep: (step, loss) => {
        if (step % every === 0) progress((0.95 * step) / total, { loss });
      },
    });
    throwIfAborted(signal);
    const base =
      params.workers === 1
        ? run
        : await trainDataParallel({
            ...common,
            n: 1,
            crashAtStep: 0,
            onStep: (step) => step % every === 0 && progress((0.95 * (params.steps + step)) / total),
          });
    const now = summarise(run, params.warmups);
    const one = summarise(base, params.warmups);
    const stepsPerS = 1000 / now.timing.wall.median;
    const baseStepsPerS = 1000 / one.timing.wall.median;
    // Test accuracy of worker 1's final weights (all workers hold the same, checked below).
    const tensors = weightTensors(tf, run.weights[0]!, params.hidden);
    let testAccuracy: number;
    try {
      testAccuracy = await accuracy(
        tf,
        (pixels, size) => logits(tf, tf.tensor2d(pixels, [size, IMAGE_SIZE]), tensors),
        firstExamples(test, 2000),
        signal,
      );
    } finally {
      tf.dispose(tensors);
    }
    const leftInWorkers = run.tensorsLeft + (base === run ? 0 : base.tensorsLeft);
    if (leftInWorkers > 0) throw new Error(`the workers leaked ${leftInWorkers} tensors`);
    const last = run.steps.slice(-10);
    const metrics: Record<string, number> = {
      workers: params.workers,
      cores: cores ?? 0,
      shared_memory: transport === 'shared' ? 1 : 0,
      workers_on_wasm: replicaBackend === 'wasm' ? 1 : 0,
      steps_per_s: stepsPerS,
      baseline_steps_per_s: baseStepsPerS,
      speedup: stepsPerS / baseStepsPerS,
      scaling_efficiency: stepsPerS / baseStepsPerS / params.workers,
      compute_ms: now.compute,
      communication_ms: now.comm,
      update_ms: now.update,
      communication_share: now.comm / (now.compute + now.comm + now.update),
      baseline_compute_ms: one.compute,
      max_weight_diff: maxAbsDifference(run.weights),
      baseline_weight_diff: maxAbsDifference([run.weights[0]!, base.weights[0]!]),
      final_loss: last.reduce((a, s) => a + s.loss, 0) / last.length,
      test_accuracy: testAccuracy,
      worker_tensors_left: leftInWorkers,
    };
    if (run.serverMs.length) metrics.server_update_ms = spread(run.serverMs).median;
    progress(1);
    return { metrics, timings: { step: now.timing, baseline_step: one.timing } };
  },
};
