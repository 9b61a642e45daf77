import type * as tfc from '@tensorflow/tfjs-core';
import type { z } from 'astro/zod';
import type { BackendName } from './backends.ts';
import type { Rng } from './rng.ts';
import type { ReadBytes } from '../data/mnist.ts';

/**
 * The experiment contract. An experiment is a plain module with no DOM: the worker runtime gives
 * it TensorFlow.js on the chosen backend, a way to report progress, an AbortSignal and a seeded RNG.
 * It returns named metrics and timings; the runtime adds provenance and memory accounting.
 */
export interface ExperimentContext {
  tf: typeof tfc;
  backend: BackendName;
  /** fraction in 0..1, with any live metrics to plot. */
  progress(fraction: number, metrics?: Record<string, number>): void;
  signal: AbortSignal;
  rng: Rng;
  /** Reads a file the site serves, by its path from the site root (e.g. `data/mnist/manifest.json`):
   *  fetch in the browser, the public/ folder in Node. */
  readSiteFile: ReadBytes;
  /** Texts the page hands the run, by name (the Python tabs a chapter shows, say): content that an
   *  experiment reports on but cannot import, since src/lib never imports content. Empty unless the
   *  caller passes some; an experiment that needs one says so when it is missing. */
  texts: Readonly<Record<string, string>>;
}

export interface ExperimentOutput {
  metrics: Record<string, number>;
  timings: Record<string, import('./timing.ts').Timing>;
  /** Short texts that are results in their own right (an error message a run caught, say). */
  notes?: Record<string, string>;
  /** Files the run made for the reader to keep (a saved model, say). They are offered for
   *  download beside the result, not written into the result JSON. */
  files?: OutputFile[];
}

export interface OutputFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/**
 * An experiment with its own parameter schema P. `Experiment` with no argument is the erased form
 * that lists of experiments (the registry) hold; TypeScript takes any `Experiment<P>` for it with
 * no cast, relating the two through P (which extends z.ZodObject). The erasure is safe because
 * runs go through `runExperiment`, which parses the raw parameters with the experiment's own
 * `params` before its `run` sees them.
 */
export interface Experiment<P extends z.ZodObject = z.ZodObject> {
  id: string;
  title: string;
  /** Parameters with defaults and bounds; the form is built from it and URL state parsed with it. */
  params: P;
  run(params: z.infer<P>, ctx: ExperimentContext): Promise<ExperimentOutput>;
}

export class ParamsError extends Error {}

/** Validates raw parameters (a form, a URL, a JSON file) with a message per bad field. */
export function parseParams<P extends z.ZodObject>(experiment: Experiment<P>, raw: unknown): z.infer<P> {
  const parsed = experiment.params.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  throw new ParamsError(parsed.error.issues.map((i) => `${i.path.join('.') || 'params'}: ${i.message}`).join('; '));
}
