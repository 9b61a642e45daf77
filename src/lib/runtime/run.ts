import type * as tfc from '@tensorflow/tfjs-core';
import type { z } from 'astro/zod';
import type { RunOutput } from './output.ts';
import type { BackendName, SkippedBackend } from './backends.ts';
import { parseParams, type Experiment, type OutputFile } from './experiment.ts';
import { withLeakCheck } from './memory.ts';
import { createRng } from './rng.ts';
import type { ReadBytes } from '../data/mnist.ts';

const noSiteFiles: ReadBytes = (path) =>
  Promise.reject(new Error(`this runner cannot read site files (asked for ${path})`));

/** What the host knows of where a run happens; the worker (browser) or a script (Node) fills it. */
export interface Environment {
  runner: 'browser' | 'node';
  versions: Record<string, string>;
  userAgent?: string;
  adapter?: Record<string, string>;
  crossOriginIsolated?: boolean;
  backendDetails?: Record<string, string | number | boolean>;
}

export interface RunOptions {
  tf: typeof tfc;
  backend: BackendName;
  skipped?: SkippedBackend[];
  environment: Environment;
  signal?: AbortSignal;
  onProgress?: (fraction: number, metrics?: Record<string, number>) => void;
  readSiteFile?: ReadBytes;
  /** Handed to the experiment as `ctx.texts`. */
  texts?: Readonly<Record<string, string>>;
  /** Receives the files a run made, if any, once it has finished without leaking. */
  onFiles?: (files: OutputFile[]) => void;
}

/**
 * Runs one experiment and returns a result with its provenance. Parameters are validated first
 * (a ParamsError names each bad field); the run must leave no tensor behind (a LeakError says how
 * many); a cancelled run rejects with Cancelled after freeing what it made.
 */
export async function runExperiment<P extends z.ZodObject>(
  experiment: Experiment<P>,
  rawParams: unknown,
  {
    tf,
    backend,
    skipped = [],
    environment,
    signal = new AbortController().signal,
    onProgress,
    readSiteFile = noSiteFiles,
    texts = {},
    onFiles,
  }: RunOptions,
): Promise<RunOutput> {
  const params = parseParams(experiment, rawParams);
  const seed = typeof params.seed === 'number' ? params.seed : 0;
  const { result, memory } = await withLeakCheck(tf, () =>
    experiment.run(params, {
      tf,
      backend,
      signal,
      rng: createRng(seed),
      readSiteFile,
      texts,
      progress: (fraction, metrics) => onProgress?.(Math.min(1, Math.max(0, fraction)), metrics),
    }),
  );
  if (result.files?.length) onFiles?.(result.files);
  return {
    experiment: experiment.id,
    params: params as Record<string, unknown>,
    provenance: {
      date: new Date().toISOString(),
      runner: environment.runner,
      backend,
      versions: environment.versions,
      seed,
      ...(environment.userAgent ? { userAgent: environment.userAgent } : {}),
      ...(environment.adapter ? { adapter: environment.adapter } : {}),
      ...(environment.crossOriginIsolated !== undefined
        ? { crossOriginIsolated: environment.crossOriginIsolated }
        : {}),
      ...(environment.backendDetails ? { backendDetails: environment.backendDetails } : {}),
      ...(skipped.length ? { skippedBackends: skipped } : {}),
    },
    metrics: result.metrics,
    timings: result.timings,
    ...(result.notes && Object.keys(result.notes).length ? { notes: result.notes } : {}),
    memory,
  };
}
