import {
  Identity,
  type IdentityInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import type { WasmBackend } from './wasm-backend.ts';

/**
 * Identity for tfjs-backend-wasm that shares its input's data, as the cpu backend's does and as
 * the wasm backend's own Reshape already does (a reference count on the data). tfjs-core calls
 * Identity to keep every tensor a gradient needs (Engine.clone, once per saved input and output),
 * and the backend's kernel copied each one: 24 copies per MNIST CNN training step, the largest
 * 3 MB (tf.profile, batch 64). No tfjs kernel writes into its inputs, so sharing is safe (strings too: their bytes are never
 * changed in place either).
 */
export function identityWasm(args: { inputs: IdentityInputs; backend: WasmBackend }): TensorInfo {
  const { x } = args.inputs as { x: TensorInfo };
  args.backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

export const identityWasmConfig: KernelConfig = {
  kernelName: Identity,
  backendName: 'wasm',
  kernelFunc: identityWasm as unknown as KernelFunc,
};
