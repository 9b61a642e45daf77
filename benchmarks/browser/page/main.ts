/**
 * The page side of the browser benchmark runner: `window.benchRun` runs one experiment through the
 * site's own engine (the comlink worker, backend choice, validation, leak check) exactly as a
 * panel's Run button does, and returns its result with the worker's provenance. WASM threads off
 * runs it in the worker the site starts for that (one thread, as without cross-origin isolation).
 */
import { getRunner } from '../../../src/lib/host/host.ts';
import type { BackendName } from '../../../src/lib/runtime/backends.ts';

const benchRun = (id: string, params: unknown, backend: BackendName, wasmThreads = true) =>
  getRunner({ wasmThreads }).run(id, params, backend, () => {});

Object.assign(window, { benchRun });
document.body.dataset.ready = 'true';
