/**
 * ONNX Runtime Web, loaded on demand with its .wasm binary served from this site (copied from
 * node_modules at build by scripts/copy-vendor.mjs), never from a CDN. Two builds, so a reader
 * fetches one runtime: the WASM one (3.7 MB gzip) or the one with the WebGPU provider (6.7 MB).
 */
export type OrtProvider = 'webgpu' | 'wasm';

const ORT_WASM_DIR = '/vendor/ort/';

const inNode = () => !!(globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;

export async function loadOrt(provider: OrtProvider) {
  const ort = provider === 'webgpu' ? await import('onnxruntime-web/webgpu') : await import('onnxruntime-web/wasm');
  if (!inNode()) {
    // Only the binary is fetched; its JavaScript glue is part of the bundled build.
    const binary = provider === 'webgpu' ? 'ort-wasm-simd-threaded.asyncify.wasm' : 'ort-wasm-simd-threaded.wasm';
    ort.env.wasm.wasmPaths = { wasm: new URL(ORT_WASM_DIR + binary, globalThis.location.origin).href };
    // Threads need SharedArrayBuffer, i.e. a cross-origin isolated page.
    ort.env.wasm.numThreads = globalThis.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1;
  }
  return ort;
}

/** WebGPU only where it can run: in a browser whose reader picked it. */
export const canUseWebgpu = (backend: string) => !inNode() && backend === 'webgpu';
