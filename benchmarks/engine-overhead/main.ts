/**
 * The page side of the engine-overhead benchmark. `window.benchEngine` runs the mnist-mlp
 * experiment through the real engine (comlink worker, validation, leak check, progress messages);
 * `window.benchBare` runs the identical loop in a bare worker. Both report the training loop's
 * own time (measured in the worker) and the wall time the page waited.
 */
import { getRunner } from '../../src/lib/host/host.ts';
import type { BackendName } from '../../src/lib/runtime/backends.ts';

export interface BenchRun {
  loopMs: number;
  pageMs: number;
}

const bare = new Worker(new URL('./bare-worker.ts', import.meta.url), { type: 'module' });

function runBare(backend: BackendName, params: Record<string, number>): Promise<BenchRun> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    bare.onmessage = (e: MessageEvent<{ ok: boolean; loopMs: number; error?: string }>) => {
      if (e.data.ok) resolve({ loopMs: e.data.loopMs, pageMs: performance.now() - t0 });
      else reject(new Error(e.data.error));
    };
    bare.postMessage({ backend, params });
  });
}

async function runEngine(backend: BackendName, params: Record<string, number>): Promise<BenchRun> {
  const t0 = performance.now();
  const result = await getRunner().run('mnist-mlp', { ...params, warmups: 5 }, backend, () => {});
  const loopMs = result.metrics.loop_ms;
  if (loopMs === undefined) throw new Error('mnist-mlp result has no loop_ms metric');
  return { loopMs, pageMs: performance.now() - t0 };
}

Object.assign(window, { benchBare: runBare, benchEngine: runEngine });
document.body.dataset.ready = 'true';
