import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type Conv2DBackpropFilterInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import {
  assertChannelsLast,
  assertFloat32,
  heapView,
  runWasmKernel,
  withShape,
  withTemps,
  type WasmBackend,
} from './wasm-backend.ts';
import { runPaddedConv } from './padded-input.ts';
import { simdKernels, type SimdKernels } from './simd/instance.ts';

/**
 * Conv2DBackpropFilter for tfjs-backend-wasm, which ships none (tfjs 4.22), so that `tf.conv2d`
 * and `tf.layers.conv2d` train on WASM as on every other backend.
 *
 * dW[i, j, c, o] = sum over n, y, x of x[n, y*s + i - pad, x*s + j - pad, c] * dy[n, y, x, o].
 * Where the output channels come in fours, our own WebAssembly SIMD loop does the sum straight
 * from x and dy (bySimdTiles). For the MNIST CNN's two layers it took 0.5 and 2.7 ms where the best
 * XNNPACK form took 1.9 and 7.0 ms (benchmarks/wasm-conv-filter-grad.ts, which times every form
 * and the backend's Conv3DBackpropFilterV2 with a depth of 1, many times slower than any). XNNPACK
 * runs such a sum as a matrix product with one very long inner dimension, which it does at half
 * the speed of a convolution. Other channel counts, or a browser without SIMD, take the faster of
 * two XNNPACK forms for the shape:
 * - a matrix product Pᵀ·dy, where P holds the input patch each output pixel saw (im2col). The
 *   patches are written straight into the heap already transposed ([kh*kw*Cin, N*Ho*Wo]), because
 *   the backend's BatchMatMul reaches XNNPACK only without transpose flags and loops otherwise;
 * - one convolution over swapped axes (below).
 */
export function conv2DBackpropFilterWasm(args: {
  inputs: Conv2DBackpropFilterInputs;
  backend: WasmBackend;
  attrs: Conv2DBackpropFilterAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  const format = backend_util.convertConv2DDataFormat(dataFormat);
  assertChannelsLast('Conv2DBackpropFilter', format);
  assertFloat32('Conv2DBackpropFilter', { x, dy });
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    format,
  );
  const expected = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
  if (dy.shape.some((d, i) => d !== expected[i]))
    throw new Error(
      `Error in conv2dDerFilter: dy must have shape [${expected}] for this input, filter and stride, got [${dy.shape}]`,
    );
  const simd = info.outChannels % 4 === 0 ? simdKernels(backend) : null;
  if (simd) return bySimdTiles(backend, simd, x, dy, info);
  return info.inChannels < SWAPPED_CONV_MIN_CHANNELS
    ? byPatches(backend, x, dy, info)
    : bySwappedConv(backend, x, dy, info);
}

/**
 * Without the SIMD loop: below this many input channels the swapped-axes convolution has too few
 * output rows (Cin * kh * kw) for XNNPACK to run well, and the patch product wins; from it up, the
 * convolution wins (benchmarks/wasm-conv-filter-grad.ts).
 */
export const SWAPPED_CONV_MIN_CHANNELS = 8;

type Info = backend_util.Conv2DInfo;

// All forms are exported for benchmarks/wasm-conv-filter-grad.ts, which times each on its own.

/**
 * The sum in WebAssembly SIMD (simd/kernels.wat convFilterGrad), straight from the input and the
 * output gradient: no patch matrix, no transposes (the input padded first, padded-input.ts).
 */
export function bySimdTiles(
  backend: WasmBackend,
  simd: SimdKernels,
  x: TensorInfo,
  dy: TensorInfo,
  info: Info,
): TensorInfo {
  const { filterHeight: kh, filterWidth: kw, inChannels: cin, outChannels: cout } = info;
  return runPaddedConv(backend, simd.convFilterGrad, x, dy, [kh, kw, cin, cout], info);
}

/** Pᵀ·dy, with the patches P written into the heap already transposed. */
export function byPatches(backend: WasmBackend, x: TensorInfo, dy: TensorInfo, info: Info): TensorInfo {
  const {
    batchSize: n,
    inHeight: h,
    inWidth: w,
    inChannels: cin,
    outHeight: ho,
    outWidth: wo,
    outChannels: cout,
  } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  const rows = kh * kw * cin;
  const pixels = n * ho * wo;
  return withTemps(backend, (keep) => {
    const patches = keep(backend.makeOutput([1, rows, pixels], 'float32'));
    const xs = heapView(backend, x);
    const cols = heapView(backend, patches);
    for (let i = 0; i < kh; i++)
      for (let j = 0; j < kw; j++)
        for (let c = 0; c < cin; c++) {
          let o = ((i * kw + j) * cin + c) * pixels;
          for (let b = 0; b < n; b++)
            for (let y = 0; y < ho; y++) {
              const r = y * sh + i - top;
              if (r < 0 || r >= h) {
                cols.fill(0, o, o + wo);
                o += wo;
                continue;
              }
              const rowBase = (b * h + r) * w;
              for (let q = 0; q < wo; q++, o++) {
                const col = q * sw + j - left;
                cols[o] = col >= 0 && col < w ? xs[(rowBase + col) * cin + c]! : 0;
              }
            }
        }
    const product = runWasmKernel(
      'BatchMatMul',
      backend,
      { a: patches, b: withShape(dy, [1, pixels, cout]) },
      { transposeA: false, transposeB: false },
    );
    return withShape(product, [kh, kw, cin, cout]);
  });
}

/**
 * The same sum as one convolution: the input read as [Cin, H, W, N], the output gradient as a
 * [Ho, Wo, N, Cout] filter dilated by the forward stride, giving [Cin, kh, kw, Cout].
 */
export function bySwappedConv(backend: WasmBackend, x: TensorInfo, dy: TensorInfo, info: Info): TensorInfo {
  const { top, left } = info.padInfo;
  // Pad the far edges just enough that the output is exactly kh x kw; rows the forward pass never
  // reached (a 'valid' stride leaving a remainder) are cut by the slice below instead.
  const bottom = Math.max(0, (info.outHeight - 1) * info.strideHeight + info.filterHeight - info.inHeight - top);
  const right = Math.max(0, (info.outWidth - 1) * info.strideWidth + info.filterWidth - info.inWidth - left);
  return withTemps(backend, (keep) => {
    const xT = keep(runWasmKernel('Transpose', backend, { x }, { perm: [3, 1, 2, 0] }));
    const dyT = keep(runWasmKernel('Transpose', backend, { x: dy }, { perm: [1, 2, 0, 3] }));
    const pads = [
      [0, 0],
      [top, bottom],
      [left, right],
      [0, 0],
    ];
    const dilations = [info.strideHeight, info.strideWidth];
    let grad = keep(
      runWasmKernel(
        'Conv2D',
        backend,
        { x: xT, filter: dyT },
        { strides: 1, pad: pads, dilations, dataFormat: 'NHWC' },
      ),
    );
    if (grad.shape[1] !== info.filterHeight || grad.shape[2] !== info.filterWidth)
      grad = keep(
        runWasmKernel(
          'Slice',
          backend,
          { x: grad },
          { begin: [0, 0, 0, 0], size: [-1, info.filterHeight, info.filterWidth, -1] },
        ),
      );
    return runWasmKernel('Transpose', backend, { x: grad }, { perm: [1, 2, 0, 3] });
  });
}

export const conv2DBackpropFilterWasmConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilterWasm as unknown as KernelFunc,
};
