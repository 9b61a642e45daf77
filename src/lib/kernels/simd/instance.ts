import type { WasmBackend } from '../wasm-backend.ts';
import { SIMD_KERNELS_PLAIN, SIMD_KERNELS_SHARED } from './kernels.wasm.ts';

/**
 * What conv2d and convFilterGrad take: the padded input ([n, hp, wp, cin]), the other operand
 * (the filter, or the output gradient), the output, then the sizes.
 */
export type PaddedConvKernel = (
  xp: number,
  other: number,
  out: number,
  n: number,
  hp: number,
  wp: number,
  cin: number,
  ho: number,
  wo: number,
  cout: number,
  kh: number,
  kw: number,
  sh: number,
  sw: number,
) => void;

/** The functions of kernels.wat. Pointers are byte offsets into the backend's heap. */
export interface SimdKernels {
  maxPoolGrad(
    x: number,
    dy: number,
    dx: number,
    n: number,
    h: number,
    w: number,
    ch: number,
    ho: number,
    wo: number,
    sh: number,
    sw: number,
    fh: number,
    fw: number,
    top: number,
    left: number,
    /** 1 where the windows cover the input exactly once: dx is written, not zeroed and added to. */
    tiles: number,
  ): void;
  sumRows(src: number, dst: number, rows: number, cols: number): void;
  addRowVector(src: number, vec: number, dst: number, rows: number, cols: number): void;
  conv2d: PaddedConvKernel;
  convFilterGrad: PaddedConvKernel;
}

interface EmscriptenModule {
  /** The threaded build's memory, made in JavaScript and shared with its workers. */
  wasmMemory?: WebAssembly.Memory;
  /** The plain build's memory, exported by its WebAssembly instance. */
  asm?: { memory?: WebAssembly.Memory };
}

const instances = new WeakMap<WebAssembly.Memory, SimdKernels | null>();

const bytesOf = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

/**
 * kernels.wat instantiated on the backend's own memory, so that it reads and writes tensors where
 * they lie, or null where that cannot be: a browser without WebAssembly SIMD (the module does not
 * compile), or a backend build whose memory is not reachable. Callers then use their JavaScript
 * loops. One instance per memory, made on first use.
 */
export function simdKernels(backend: WasmBackend): SimdKernels | null {
  const emscripten = (backend as unknown as { wasm?: EmscriptenModule }).wasm;
  const memory = emscripten?.wasmMemory ?? emscripten?.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return null;
  const known = instances.get(memory);
  if (known !== undefined) return known;
  const made = instantiate(memory);
  instances.set(memory, made);
  return made;
}

function instantiate(memory: WebAssembly.Memory): SimdKernels | null {
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  try {
    const module = new WebAssembly.Module(bytesOf(shared ? SIMD_KERNELS_SHARED : SIMD_KERNELS_PLAIN));
    return new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as SimdKernels;
  } catch {
    // A CompileError here means no WebAssembly SIMD: the callers' JavaScript loops are the answer.
    return null;
  }
}
