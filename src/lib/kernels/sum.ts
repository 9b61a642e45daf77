import {
  Sum,
  util,
  type KernelConfig,
  type KernelFunc,
  type SumAttrs,
  type SumInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { simdKernels } from './simd/instance.ts';
import { heapView, runBuiltIn, type WasmBackend } from './wasm-backend.ts';

/**
 * Sum for tfjs-backend-wasm, for the reduction every bias gradient is: over the leading axes
 * (batch, height, width of NHWC), keeping the channels. The backend's kernel first transposes the
 * tensor so that the summed axes are innermost, a full copy with strided reads: 1.7 ms of a 25 ms
 * MNIST CNN training step for its two conv biases (tf.profile, batch 64). Summed in place instead,
 * one SIMD row of channels at a time (simd/kernels.wat), in the same order, so the result is the
 * same to the bit. Every other case (other axes, other dtypes, a channel count not a multiple of 4,
 * no SIMD) goes to the backend's own kernel.
 */
export function sumWasm(args: { inputs: SumInputs; backend: WasmBackend; attrs: SumAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x } = inputs as { x: TensorInfo };
  const axes = util.parseAxisParam(attrs.axis, x.shape).sort((a, b) => a - b);
  const k = axes.length;
  const rows = util.sizeFromShape(x.shape.slice(0, k));
  const cols = util.sizeFromShape(x.shape.slice(k));
  const leading = k > 0 && k < x.shape.length && axes.every((a, i) => a === i);
  const simd = x.dtype === 'float32' && leading && rows > 0 && cols > 0 && cols % 4 === 0 ? simdKernels(backend) : null;
  if (!simd) return runBuiltIn(Sum, args);
  const shape = attrs.keepDims ? x.shape.map((d, i) => (i < k ? 1 : d)) : x.shape.slice(k);
  const out = backend.makeOutput(shape, 'float32');
  simd.sumRows(heapView(backend, x).byteOffset, heapView(backend, out).byteOffset, rows, cols);
  return out;
}

export const sumWasmConfig: KernelConfig = {
  kernelName: Sum,
  backendName: 'wasm',
  kernelFunc: sumWasm as unknown as KernelFunc,
};
