import type * as tfc from '@tensorflow/tfjs-core';
import type { BackendLoader, BackendName } from './backends.ts';
import type { WasmThreadFacts } from './wasm-threads.ts';
import type { WorkerConfig } from './worker-config.ts';

/** Where the build copies tfjs-backend-wasm's .wasm files (scripts/copy-vendor.mjs): our origin, never a CDN. */
export const WASM_PATH = '/vendor/tfjs-wasm/';

/**
 * Backend loaders for a browser or worker: each imports its package only when tried. WASM uses
 * SIMD where the browser has it and threads when the page is cross-origin isolated (unless the
 * worker is configured without them); tfjs picks the matching .wasm file itself. The WASM backend
 * gets this site's training kernels (src/lib/kernels/: the conv filter gradient tfjs lacks, faster
 * conv input and max-pool gradients), so convolutions train there at XNNPACK speed.
 */
export const browserBackends = (config: WorkerConfig): Record<BackendName, BackendLoader> => ({
  webgpu: {
    precheck: async () => {
      const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
      if (!gpu) return 'this browser has no WebGPU (navigator.gpu is missing)';
      return (await gpu.requestAdapter()) ? undefined : 'WebGPU is present but offers no adapter';
    },
    load: () => import('@tensorflow/tfjs-backend-webgpu'),
  },
  webgl: {
    precheck: async () =>
      typeof OffscreenCanvas !== 'undefined' && new OffscreenCanvas(1, 1).getContext('webgl2')
        ? undefined
        : 'WebGL 2 is not available here',
    load: () => import('@tensorflow/tfjs-backend-webgl'),
  },
  wasm: {
    load: async () => {
      const [tf, wasm, kernels] = await Promise.all([
        import('@tensorflow/tfjs-core'),
        import('@tensorflow/tfjs-backend-wasm'),
        import('../kernels/register-wasm.ts'),
      ]);
      wasm.setWasmPaths(WASM_PATH);
      kernels.registerWasmTrainingKernels();
      // The flag exists once the wasm package has registered it, and is read when the backend starts.
      if (!config.wasmThreads) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    },
  },
  cpu: { load: () => import('@tensorflow/tfjs-backend-cpu') },
});

/** What the browser tells of its GPU: adapter info under WebGPU, the renderer string under WebGL. */
export async function describeAdapter(backend: BackendName): Promise<Record<string, string> | undefined> {
  if (backend === 'webgpu') {
    const gpu = (
      navigator as Navigator & { gpu?: { requestAdapter(): Promise<{ info?: Record<string, string> } | null> } }
    ).gpu;
    const info = (await gpu?.requestAdapter())?.info;
    if (!info) return undefined;
    const { vendor = '', architecture = '', device = '', description = '' } = info;
    return { vendor, architecture, device, description };
  }
  if (backend === 'webgl' && typeof OffscreenCanvas !== 'undefined') {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return undefined;
    return { renderer: String(gl.getParameter(gl.RENDERER)), vendor: String(gl.getParameter(gl.VENDOR)) };
  }
  return undefined;
}

/**
 * What a backend chose for itself that changes its speed: for WASM, SIMD and the thread count,
 * with the facts tfjs chose the count from, so the panel can say why (wasm-threads.ts), and
 * whether this site's SIMD training kernels (src/lib/kernels/simd/) run on its heap.
 */
export async function backendDetails(
  tf: typeof tfc,
  backend: BackendName,
  config: WorkerConfig,
): Promise<Record<string, string | number | boolean> | undefined> {
  if (backend !== 'wasm') return undefined;
  const [wasm, { simdKernels }] = await Promise.all([
    import('@tensorflow/tfjs-backend-wasm'),
    import('../kernels/simd/instance.ts'),
  ]);
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  // The same two flags tfjs read when it picked its build (false here when threads were turned off).
  const threadedBuild = simd && Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
  const facts: Omit<WasmThreadFacts, 'crossOriginIsolated' | 'logicalCores'> = {
    simd,
    threads: wasm.getThreadsCount(),
    threadedBuild,
    threadsAllowed: config.wasmThreads,
  };
  const kernels = simdKernels(tf.backend() as unknown as Parameters<typeof simdKernels>[0]) !== null;
  return {
    ...facts,
    simdKernels: kernels,
    ...(navigator.hardwareConcurrency ? { logicalCores: navigator.hardwareConcurrency } : {}),
  };
}
