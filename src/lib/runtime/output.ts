import type { MemoryReport } from './memory.ts';
import type { Timing } from './timing.ts';

/**
 * What `runExperiment` hands back inside the process: the experiment's own figures, timings and
 * texts with what the runner knows of where it ran. It is never written out as it is: every file
 * (a reader's download, an archived benchmark) is the one result record of
 * src/lib/results/schema.ts, built from this by `runRecord` (src/lib/results/run-record.ts).
 */
export interface RunOutput {
  experiment: string;
  params: Record<string, unknown>;
  provenance: RunProvenance;
  /** Named figures: accuracy, loss, samples/s... */
  metrics: Record<string, number>;
  /** Named timings, each with its protocol and raw times. */
  timings: Record<string, Timing>;
  /** Texts a run produced as results, e.g. the message of an error it caught on purpose. */
  notes?: Record<string, string>;
  memory?: MemoryReport;
}

export interface RunProvenance {
  /** ISO date-time the run finished. */
  date: string;
  runner: 'browser' | 'node';
  /** The tfjs backend that ran it: webgpu, webgl, wasm or cpu. */
  backend: string;
  /** Library and runtime versions, e.g. { tfjs: "4.22.0", node: "24.21.0" }. */
  versions: Record<string, string>;
  seed: number;
  userAgent?: string;
  /** What the browser says of the GPU adapter (vendor, architecture, description). */
  adapter?: Record<string, string>;
  /** What the backend chose for itself, e.g. { simd: true, threads: 4 } for WASM. */
  backendDetails?: Record<string, string | number | boolean>;
  /** Backends tried before this one, with why they were skipped. */
  skippedBackends?: { name: string; reason: string }[];
  crossOriginIsolated?: boolean;
}
