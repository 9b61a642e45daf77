import { Add, type BinaryInputs, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import { simdKernels } from './simd/instance.ts';
import { heapView, runBuiltIn, type WasmBackend } from './wasm-backend.ts';

/**
 * Add for tfjs-backend-wasm, for one case: a float32 tensor plus a vector as long as its last
 * axis, a multiple of 4 (a bias added to a layer's output), in WebAssembly SIMD
 * (simd/kernels.wat addRowVector). In the MNIST CNN's step the backend's broadcast took 0.62 ms
 * for the first layer's bias, [64, 28, 28, 16] + [16]; ours takes 0.19 ms (`npm run -s
 * bench:wasm-cnn-profile -- --shapes`, Node, one 2-core EPYC, before and after this kernel).
 * Every other Add is the backend's own.
 */
export function addWasm(args: { inputs: BinaryInputs; backend: WasmBackend }): TensorInfo {
  const { inputs, backend } = args;
  const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
  const isBias = (big: TensorInfo, vec: TensorInfo) =>
    big.dtype === 'float32' &&
    vec.dtype === 'float32' &&
    vec.shape.length === 1 &&
    big.shape.length > 1 &&
    big.shape.at(-1) === vec.shape[0] &&
    vec.shape[0]! % 4 === 0;
  const [big, vec] = isBias(a, b) ? [a, b] : isBias(b, a) ? [b, a] : [undefined, undefined];
  const simd = big && vec ? simdKernels(backend) : null;
  if (!simd || !big || !vec) return runBuiltIn(Add, args);
  const out = backend.makeOutput(big.shape, 'float32');
  const cols = vec.shape[0]!;
  const rows = big.shape.reduce((p, d) => p * d, 1) / cols;
  if (rows === 0) return out;
  const [src, v, dst] = [heapView(backend, big), heapView(backend, vec), heapView(backend, out)];
  simd.addRowVector(src.byteOffset, v.byteOffset, dst.byteOffset, rows, cols);
  return out;
}

export const addWasmConfig: KernelConfig = {
  kernelName: Add,
  backendName: 'wasm',
  kernelFunc: addWasm as unknown as KernelFunc,
};
