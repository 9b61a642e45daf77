import type { RunOutput } from '../runtime/output.ts';
import { adapterText } from '../runtime/result-text.ts';
import { checked, measurement, RESULT_FORMAT, type Measurement, type ResultFile } from './schema.ts';
import { withWorkload, type WorkloadMatch } from './workload-runs.ts';

export { resultFileName } from './schema.ts';

/**
 * The one result record (schema.ts) of a tfjs run. The panel builds it for a reader's run (origin
 * `live`), and the Node and browser benchmark runners for the archive: the same function, so a
 * reader's download and an archived run can be laid side by side.
 */
export interface RecordFacts {
  origin: ResultFile['origin'];
  /** Where the arithmetic ran, e.g. "CPU: AMD EPYC 7B13" or "GPU: Apple M2". */
  device: string;
  /** Backend settings that change speed; the run's own report (threads, SIMD) when absent. */
  details?: Record<string, string | number | boolean>;
  /** What the runner knows of the machine beyond the run itself (CPU, OS, command, commit). */
  provenance?: Partial<ResultFile['provenance']>;
  notes?: string;
}

/** Every timing of a run as a measurement, under the experiment's own names. */
export function measurementsOfRun(output: Pick<RunOutput, 'timings'>): Measurement[] {
  return Object.entries(output.timings).map(([name, t]) =>
    measurement(name, t.timesMs, {
      firstMs: t.firstMs,
      warmups: t.protocol.warmups,
      ...(t.kernel ? { kernel: t.kernel } : {}),
    }),
  );
}

/** The record of a run, as a run of `workload` where the runner ran one (the benchmark runners do). */
export function runRecord(output: RunOutput, facts: RecordFacts, workload?: WorkloadMatch): ResultFile {
  const p = output.provenance;
  const details = facts.details ?? p.backendDetails;
  const record: ResultFile = {
    format: RESULT_FORMAT,
    origin: facts.origin,
    runner: p.runner,
    experiment: output.experiment,
    params: output.params,
    framework: { name: 'tfjs', version: p.versions.tfjs ?? 'unknown' },
    mode: `tfjs-${p.backend}` as ResultFile['mode'],
    backend: { name: p.backend, device: facts.device, ...(details && Object.keys(details).length ? { details } : {}) },
    provenance: {
      date: p.date,
      libraries: p.versions,
      ...(p.userAgent ? { userAgent: p.userAgent } : {}),
      ...(p.adapter ? { adapter: p.adapter } : {}),
      ...(p.skippedBackends?.length ? { skippedBackends: p.skippedBackends } : {}),
      ...(p.crossOriginIsolated !== undefined ? { crossOriginIsolated: p.crossOriginIsolated } : {}),
      ...facts.provenance,
    },
    measurements: measurementsOfRun(output),
    metrics: output.metrics,
    ...(output.notes && Object.keys(output.notes).length ? { texts: output.notes } : {}),
    ...(output.memory ? { memory: output.memory } : {}),
    ...(facts.notes ? { notes: facts.notes } : {}),
  };
  return checked(workload ? withWorkload(record, workload.workload, workload.settings) : record);
}

/** Where a reader's run did its arithmetic, in the words the archive uses. */
export function liveDevice(output: RunOutput): string {
  const { backend } = output.provenance;
  const gpu = adapterText(output.provenance);
  if (backend === 'webgpu' || backend === 'webgl')
    return `GPU: ${gpu || 'unknown adapter'}${/swiftshader/i.test(gpu) ? ' (software)' : ''}`;
  return `CPU (${backend === 'wasm' ? 'WebAssembly' : 'JavaScript'})`;
}

/** A reader's run in the panel: the record its Download button saves. */
export function liveRecord(output: RunOutput): ResultFile {
  return runRecord(output, { origin: 'live', device: liveDevice(output) });
}
