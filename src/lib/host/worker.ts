/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import type { RunOutput } from '../runtime/output.ts';
import { EXPERIMENTS } from '../experiments/registry.ts';
import { selectBackend, type BackendName } from '../runtime/backends.ts';
import { backendDetails, browserBackends, describeAdapter } from '../runtime/browser-backends.ts';
import type { OutputFile } from '../runtime/experiment.ts';
import { runExperiment } from '../runtime/run.ts';
import { parseWorkerConfig } from '../runtime/worker-config.ts';

/**
 * The worker experiments run in, so the page never blocks. TensorFlow.js and the experiment's
 * code load here, on the first Run, never with the page. A worker holds one configuration for its
 * life (WASM threads cannot be switched off once the backend has started), named in `self.name`.
 */
const config = parseWorkerConfig(self.name);
const backends = browserBackends(config);
let controller: AbortController | undefined;
let backendStarted = false;

export type ProgressCallback = (fraction: number, metrics?: Record<string, number>) => void;
export type FilesCallback = (files: OutputFile[]) => void;

/** Site files come from our own origin, by path from the site root. */
async function readSiteFile(path: string): Promise<Uint8Array> {
  const response = await fetch(new URL(`/${path}`, self.location.origin));
  if (!response.ok) throw new Error(`could not load /${path}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

const api = {
  async run(
    id: string,
    params: unknown,
    backendPick: BackendName | undefined,
    onProgress: ProgressCallback,
    onFiles?: FilesCallback,
    texts?: Readonly<Record<string, string>>,
  ): Promise<RunOutput> {
    const load = EXPERIMENTS[id];
    if (!load) throw new Error(`unknown experiment "${id}"`);
    controller?.abort();
    const own = (controller = new AbortController());
    // One after the other: the bundler splits tfjs-core into shared chunks, and loading the
    // gradient registry alongside core ran a module that reads a flag before core registered it.
    // tfjs-core alone has no gradients; the full @tensorflow/tfjs package registers them on import.
    const tf = await import('@tensorflow/tfjs-core');
    await import('@tensorflow/tfjs-core/dist/register_all_gradients');
    const experiment = await load();
    const { backend, skipped } = await selectBackend(tf, backends, backendPick);
    backendStarted = true;
    const [adapter, details] = await Promise.all([describeAdapter(backend), backendDetails(tf, backend, config)]);
    return runExperiment(experiment, params, {
      tf,
      backend,
      skipped,
      signal: own.signal,
      onProgress,
      readSiteFile,
      ...(onFiles ? { onFiles } : {}),
      ...(texts ? { texts } : {}),
      environment: {
        runner: 'browser',
        versions: { tfjs: tf.version_core },
        userAgent: navigator.userAgent,
        crossOriginIsolated: self.crossOriginIsolated,
        ...(adapter ? { adapter } : {}),
        ...(details ? { backendDetails: details } : {}),
      },
    });
  },
  cancel() {
    controller?.abort();
  },
  /** Live tensor count, so a test can check that Cancel returns it to the baseline. */
  async memory() {
    // Before the first run no backend exists, and so no tensor can.
    if (!backendStarted) return 0;
    const tf = await import('@tensorflow/tfjs-core');
    return tf.memory().numTensors;
  },
};

export type WorkerApi = typeof api;
Comlink.expose(api);
