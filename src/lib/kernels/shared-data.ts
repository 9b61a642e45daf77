import {
  Cast,
  Identity,
  type CastAttrs,
  type CastInputs,
  type IdentityInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { runBuiltIn, type WasmBackend } from './wasm-backend.ts';

/**
 * Kernels whose output is their input, unchanged, for tfjs-backend-wasm: they share the input's
 * data (a reference count on it), as the cpu backend's Identity does and as the wasm backend's own
 * Reshape already does, where the backend's kernels copied it. No tfjs kernel writes into its
 * inputs, so sharing is safe; strings too, whose bytes are never changed in place either.
 */
function share(backend: WasmBackend, x: TensorInfo): TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/**
 * tfjs-core calls Identity to keep every tensor a gradient needs (Engine.clone, once per saved
 * input and output): 24 copies per MNIST CNN training step, the largest 3 MB (tf.profile, batch 64).
 */
export function identityWasm(args: { inputs: IdentityInputs; backend: WasmBackend }): TensorInfo {
  return share(args.backend, args.inputs.x as TensorInfo);
}

/**
 * A cast to the dtype the tensor already has: tfjs-core's ReLU gradient makes one per layer
 * (`cast(step(x), 'float32')` on a float32 mask), 3 MB for the MNIST CNN's first layer. A real
 * conversion goes to the backend's own kernel.
 */
export function castWasm(args: { inputs: CastInputs; backend: WasmBackend; attrs: CastAttrs }): TensorInfo {
  const x = args.inputs.x as TensorInfo;
  return x.dtype === args.attrs.dtype ? share(args.backend, x) : runBuiltIn(Cast, args);
}

export const identityWasmConfig: KernelConfig = {
  kernelName: Identity,
  backendName: 'wasm',
  kernelFunc: identityWasm as unknown as KernelFunc,
};

export const castWasmConfig: KernelConfig = {
  kernelName: Cast,
  backendName: 'wasm',
  kernelFunc: castWasm as unknown as KernelFunc,
};
