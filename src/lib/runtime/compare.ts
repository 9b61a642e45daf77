import type { RunOutput } from './output.ts';
import type { BackendName } from './backends.ts';
import type { WorkerConfig } from './worker-config.ts';

/**
 * The backend comparison of the Speed chapter: the same workload on every configuration, then the
 * ratios readers ask about. A configuration that could not run is reported with its reason and
 * every ratio that needs it says "not measured"; nothing is estimated.
 */
export interface Config {
  id: 'webgpu' | 'webgl' | 'wasm' | 'wasm-1thread' | 'cpu';
  label: string;
  backend: BackendName;
  wasmThreads: boolean;
}

export const CONFIGS: readonly Config[] = [
  { id: 'webgpu', label: 'WebGPU', backend: 'webgpu', wasmThreads: true },
  { id: 'webgl', label: 'WebGL', backend: 'webgl', wasmThreads: true },
  { id: 'wasm', label: 'WASM (SIMD, threads)', backend: 'wasm', wasmThreads: true },
  { id: 'wasm-1thread', label: 'WASM (SIMD, one thread)', backend: 'wasm', wasmThreads: false },
  { id: 'cpu', label: 'CPU (plain JavaScript)', backend: 'cpu', wasmThreads: true },
];

export type Outcome = { ok: true; result: RunOutput } | { ok: false; reason: string };
export type Outcomes = Partial<Record<Config['id'], Outcome>>;

export interface Ratio {
  id: string;
  /** What the ratio says, e.g. "WASM (SIMD, threads) over CPU". */
  label: string;
  /** How many times faster the first is than the second (time of second / time of first). */
  speedup?: number;
  /** Why there is no figure. */
  missing?: string;
}

/** Median wall time of one timing of a run, in ms. */
export function medianMs(result: RunOutput, timing: string): number {
  const t = result.timings[timing];
  if (!t) throw new Error(`result of ${result.experiment} has no timing "${timing}"`);
  return t.wall.median;
}

const PAIRS: [string, Config['id'], Config['id']][] = [
  ['wasm-over-cpu', 'wasm', 'cpu'],
  ['threads-on-over-off', 'wasm', 'wasm-1thread'],
  ['webgl-over-wasm', 'webgl', 'wasm'],
  ['webgpu-over-webgl', 'webgpu', 'webgl'],
];

export function ratios(outcomes: Outcomes, timing: string): Ratio[] {
  const label = (id: Config['id']) => CONFIGS.find((c) => c.id === id)!.label;
  const why = (id: Config['id']) => {
    const o = outcomes[id];
    if (!o) return `${label(id)} was not run`;
    return o.ok ? undefined : `${label(id)}: ${o.reason}`;
  };
  const out: Ratio[] = PAIRS.map(([id, fast, slow]) => {
    const text = `${label(fast)} over ${label(slow)}`;
    const missing = why(fast) ?? why(slow);
    if (missing) return { id, label: text, missing: `not measured (${missing})` };
    const f = outcomes[fast] as { result: RunOutput };
    const s = outcomes[slow] as { result: RunOutput };
    return { id, label: text, speedup: medianMs(s.result, timing) / medianMs(f.result, timing) };
  });
  // First run against steady state: what shader compilation, JIT and allocation cost, per backend.
  for (const c of CONFIGS) {
    const o = outcomes[c.id];
    const text = `${c.label}: steady-state run over first run`;
    if (!o?.ok) out.push({ id: `first-${c.id}`, label: text, missing: `not measured (${why(c.id)})` });
    else {
      const t = o.result.timings[timing];
      if (!t) throw new Error(`result of ${o.result.experiment} has no timing "${timing}"`);
      out.push({ id: `first-${c.id}`, label: text, speedup: t.firstMs / t.wall.median });
    }
  }
  return out;
}

/** The part of a worker runner the comparison needs (src/lib/host/host.ts's Runner), one per worker configuration. */
export interface ComparisonRunner {
  run(id: string, params: unknown, backend: BackendName | undefined, onProgress: () => void): Promise<RunOutput>;
  cancel(): Promise<void>;
}

export interface ComparisonParams {
  size: number;
  warmups: number;
  runs: number;
}

/** The timing name the matmul experiment gives one square size. */
export const comparisonTiming = (size: number) => `n${size}`;

/**
 * Runs the matmul workload on every configuration in turn. A configuration that fails is kept as
 * an outcome with its reason; an abort cancels the running configuration and stops with
 * "cancelled", after `onOutcome` has had every configuration that finished.
 */
export async function compareBackends(
  params: ComparisonParams,
  runnerFor: (config: WorkerConfig) => ComparisonRunner,
  {
    signal,
    onStart,
    onOutcome,
  }: { signal: AbortSignal; onStart(config: Config): void; onOutcome(outcomes: Outcomes): void },
): Promise<Outcomes> {
  const outcomes: Outcomes = {};
  const workload = { sizes: [params.size], warmups: params.warmups, runs: params.runs };
  for (const config of CONFIGS) {
    if (signal.aborted) throw new Error('cancelled');
    onStart(config);
    const runner = runnerFor({ wasmThreads: config.wasmThreads });
    const stop = () => void runner.cancel();
    signal.addEventListener('abort', stop);
    try {
      outcomes[config.id] = { ok: true, result: await runner.run('matmul', workload, config.backend, () => {}) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (reason === 'cancelled' || signal.aborted) throw new Error('cancelled', { cause: error });
      outcomes[config.id] = { ok: false, reason };
    } finally {
      signal.removeEventListener('abort', stop);
    }
    onOutcome({ ...outcomes });
  }
  return outcomes;
}
