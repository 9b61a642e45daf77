import {
  backend_util,
  Conv2D,
  type Conv2DAttrs,
  type Conv2DInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { runPaddedConv } from './padded-input.ts';
import { simdKernels } from './simd/instance.ts';
import { runBuiltIn, type WasmBackend } from './wasm-backend.ts';

/**
 * Conv2D for tfjs-backend-wasm: where the output channels come in fours (NHWC, float32, dilation
 * 1), our WebAssembly SIMD loop (simd/kernels.wat conv2d), the same tiling as the filter gradient's;
 * anything else, the backend's own XNNPACK kernel. For the MNIST CNN's second layer, and for the
 * convolution its input gradient runs, ours took 2.8 ms where XNNPACK took 3.2 ms (about 41
 * against 36 GFLOP/s); for the first layer, one input channel, the two were even at 0.7-0.8 ms
 * (benchmarks/wasm-conv2d.ts, Node, one 2-core EPYC). Conv2DBackpropInput runs its convolution
 * through this kernel too.
 */
export function conv2DWasm(args: { inputs: Conv2DInputs; backend: WasmBackend; attrs: Conv2DAttrs }): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, filter } = inputs as { x: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dilations, dimRoundingMode } = attrs;
  const format = backend_util.convertConv2DDataFormat(dataFormat);
  const simd = simdKernels(backend);
  if (
    !simd ||
    format !== 'channelsLast' ||
    x.dtype !== 'float32' ||
    filter.dtype !== 'float32' ||
    x.shape.length !== 4 ||
    filter.shape.length !== 4 ||
    x.shape[3] !== filter.shape[2] ||
    !backend_util.tupleValuesAreOne(dilations ?? 1) ||
    filter.shape[3]! % 4 !== 0
  )
    return runBuiltIn(Conv2D, args);
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    format,
  );
  const { batchSize: n, outHeight: ho, outWidth: wo, outChannels: cout } = info;
  return runPaddedConv(backend, simd.conv2d, x, filter, [n, ho, wo, cout], info);
}

export const conv2DWasmConfig: KernelConfig = {
  kernelName: Conv2D,
  backendName: 'wasm',
  kernelFunc: conv2DWasm as unknown as KernelFunc,
};
