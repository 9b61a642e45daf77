import {
  Cast,
  type CastAttrs,
  type CastInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { runBuiltIn, type WasmBackend } from './wasm-backend.ts';

/**
 * Cast for tfjs-backend-wasm that shares the data when the dtype does not change, as Identity here
 * does. The backend's kernel copies even then, and tfjs-core's ReLU gradient casts its float32 mask
 * to float32 (`cast(step(x), 'float32')`): one 3 MB copy per step for the MNIST CNN's first layer.
 * A real conversion goes to the backend's own kernel.
 */
export function castWasm(args: { inputs: CastInputs; backend: WasmBackend; attrs: CastAttrs }): TensorInfo {
  const { x } = args.inputs as { x: TensorInfo };
  if (x.dtype !== args.attrs.dtype || x.dtype === 'string') return runBuiltIn(Cast, args);
  args.backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

export const castWasmConfig: KernelConfig = {
  kernelName: Cast,
  backendName: 'wasm',
  kernelFunc: castWasm as unknown as KernelFunc,
};
