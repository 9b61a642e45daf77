import {
  getKernel,
  type KernelConfig,
  type KernelFunc,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';

/**
 * What the kernels here use of tfjs-backend-wasm's BackendWasm: its kernels run on tensors in the
 * WebAssembly heap, which plain JavaScript can read and write through typed-array views.
 */
export type WasmBackend = Parameters<KernelFunc>[0]['backend'] & {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  disposeData(dataId: object): boolean;
  incRef(dataId: object): void;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
};

const builtIns = new Map<string, KernelFunc>();

/**
 * Remembers the backend's own kernel before one of ours replaces it in the registry
 * (register-wasm.ts), for the cases ours hands back.
 */
export function keepBuiltIn(name: string, ours: KernelFunc): void {
  const current = getKernel(name, 'wasm')?.kernelFunc;
  if (current && current !== ours) builtIns.set(name, current);
}

/** Runs the backend's own kernel that ours replaced, on the same arguments. */
export function runBuiltIn(name: string, args: unknown): TensorInfo {
  const kernel = builtIns.get(name);
  if (!kernel)
    throw new Error(`wasm backend ${name}: this case needs the backend's own kernel, which is not registered`);
  return kernel(args as Parameters<KernelFunc>[0]) as TensorInfo;
}

/** Runs another kernel of the wasm backend on backend data (no engine tensors, no tape). */
export function runWasmKernel(
  name: string,
  backend: WasmBackend,
  inputs: Record<string, TensorInfo>,
  attrs: NamedAttrMap = {},
): TensorInfo {
  const kernel = getKernel(name, 'wasm');
  if (!kernel) throw new Error(`the wasm backend has no ${name} kernel, which this kernel needs`);
  return kernel.kernelFunc({ inputs, backend, attrs }) as TensorInfo;
}

/**
 * A float32 view of a tensor's data in the heap. Fetch it after the last allocation: growing the
 * WebAssembly memory detaches earlier views.
 */
export const heapView = (backend: WasmBackend, info: TensorInfo): Float32Array => backend.typedArrayFromHeap(info);

/** The same data seen with another shape (what the Reshape kernel returns, without a reference). */
export const withShape = (info: TensorInfo, shape: number[]): TensorInfo => ({
  dataId: info.dataId,
  shape,
  dtype: info.dtype,
});

export function assertFloat32(kernel: string, inputs: Record<string, TensorInfo>): void {
  for (const [name, t] of Object.entries(inputs))
    if (t.dtype !== 'float32') throw new Error(`wasm backend ${kernel} needs float32 tensors, got ${name} ${t.dtype}`);
}

/** The words the wasm backend's own Conv2D uses for the layout it lacks. */
export function assertChannelsLast(kernel: string, format: string): void {
  if (format !== 'channelsLast')
    throw new Error(`wasm backend ${kernel} does not support dataFormat:'${format}'. Please use 'channelsLast'.`);
}

/** Frees intermediate backend data whatever happens, as tfjs kernels do for their temporaries. */
export function withTemps<T>(backend: WasmBackend, body: (keep: (t: TensorInfo) => TensorInfo) => T): T {
  const temps: TensorInfo[] = [];
  try {
    return body((t) => {
      temps.push(t);
      return t;
    });
  } finally {
    for (const t of temps) backend.disposeData(t.dataId);
  }
}

export type { KernelConfig };
