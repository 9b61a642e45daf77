import * as Comlink from 'comlink';
import type { RunOutput } from '../runtime/output.ts';
import type { BackendName } from '../runtime/backends.ts';
import type { FilesCallback, ProgressCallback, WorkerApi } from './worker.ts';
import { workerName, type WorkerConfig } from '../runtime/worker-config.ts';

/**
 * The page's side of the experiment workers. Imported on the first Run, so neither a worker nor
 * TensorFlow.js loads with the page. One worker per configuration, kept for the page's life so
 * compiled shaders and the WASM module are reused between runs (first-run costs are measured and
 * shown separately; they should not be paid again on every click).
 */
export interface Runner {
  /** `onFiles` receives the files the run made for the reader to download, if any; `texts` are
   *  handed to the experiment as `ctx.texts`. */
  run(
    id: string,
    params: unknown,
    backend: BackendName | undefined,
    onProgress: ProgressCallback,
    onFiles?: FilesCallback,
    texts?: Readonly<Record<string, string>>,
  ): Promise<RunOutput>;
  cancel(): Promise<void>;
  /** Live tensors in the worker. */
  memory(): Promise<number>;
}

const workers = new Map<string, Comlink.Remote<WorkerApi>>();

export function getRunner(config: WorkerConfig = { wasmThreads: true }): Runner {
  const name = workerName(config);
  const remote = () => {
    let worker = workers.get(name);
    if (!worker) {
      worker = Comlink.wrap<WorkerApi>(new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name }));
      workers.set(name, worker);
    }
    return worker;
  };
  return {
    run: (id, params, backend, onProgress, onFiles, texts) =>
      remote().run(id, params, backend, Comlink.proxy(onProgress), onFiles ? Comlink.proxy(onFiles) : undefined, texts),
    cancel: () => remote().cancel(),
    memory: () => remote().memory(),
  };
}
