import {
  backend_util,
  Conv2DBackpropInput,
  type Conv2DBackpropInputAttrs,
  type Conv2DBackpropInputInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import {
  assertChannelsLast,
  assertFloat32,
  heapView,
  runBuiltIn,
  runWasmKernel,
  withTemps,
  type WasmBackend,
} from './wasm-backend.ts';

/**
 * Conv2DBackpropInput (the input gradient, and conv2dTranspose) for tfjs-backend-wasm. The backend
 * has one, a plain loop: 56 ms of a 115 ms MNIST CNN training step (batch 64, 14x14x16 -> 32),
 * measured with tf.profile. The input gradient is a convolution too: the output gradient, with
 * (stride - 1) zeros between its pixels, convolved with the filter turned 180 degrees and its
 * channel axes swapped, padded by (k - 1 - pad). That runs on the backend's XNNPACK Conv2D.
 * A padding larger than the filter, which this form cannot express, goes to the backend's own kernel.
 */
export function conv2DBackpropInputWasm(args: {
  inputs: Conv2DBackpropInputInputs;
  backend: WasmBackend;
  attrs: Conv2DBackpropInputAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs;
  const format = backend_util.convertConv2DDataFormat(dataFormat);
  assertChannelsLast('Conv2DBackpropInput', format);
  assertFloat32('Conv2DBackpropInput', { dy, filter });
  const info = backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    format,
  );
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
  const expected = [n, ho, wo, cout];
  if (dy.shape.some((d, i) => d !== expected[i]))
    throw new Error(
      `Error in conv2dDerInput: dy must have shape [${expected}] for this input, filter and stride, got [${dy.shape}]`,
    );
  const top = kh - 1 - info.padInfo.top;
  const left = kw - 1 - info.padInfo.left;
  if (top < 0 || left < 0) return runBuiltIn(Conv2DBackpropInput, args);

  const lh = (ho - 1) * sh + 1;
  const lw = (wo - 1) * sw + 1;
  // Enough padding at the far edges for an output of h x w; more rows than that are sliced off.
  const bottom = h - lh - top + kh - 1;
  const right = w - lw - left + kw - 1;
  return withTemps(backend, (keep) => {
    const turned = keep(backend.makeOutput([kh, kw, cout, cin], 'float32'));
    const [f, t] = [heapView(backend, filter), heapView(backend, turned)];
    for (let i = 0; i < kh; i++)
      for (let j = 0; j < kw; j++)
        for (let c = 0; c < cin; c++)
          for (let o = 0; o < cout; o++)
            t[((i * kw + j) * cout + o) * cin + c] = f[(((kh - 1 - i) * kw + (kw - 1 - j)) * cin + c) * cout + o]!;

    let spread = dy;
    if (sh > 1 || sw > 1) {
      spread = keep(backend.makeOutput([n, lh, lw, cout], 'float32'));
      const [src, dst] = [heapView(backend, dy), heapView(backend, spread)];
      dst.fill(0);
      for (let b = 0; b < n; b++)
        for (let y = 0; y < ho; y++)
          for (let x = 0; x < wo; x++) {
            const from = ((b * ho + y) * wo + x) * cout;
            dst.set(src.subarray(from, from + cout), ((b * lh + y * sh) * lw + x * sw) * cout);
          }
    }
    const pads = [
      [0, 0],
      [top, Math.max(0, bottom)],
      [left, Math.max(0, right)],
      [0, 0],
    ];
    const dx = runWasmKernel(
      'Conv2D',
      backend,
      { x: spread, filter: turned },
      { strides: 1, pad: pads, dilations: 1, dataFormat: 'NHWC' },
    );
    if (dx.shape[1] === h && dx.shape[2] === w) return dx;
    keep(dx);
    return runWasmKernel('Slice', backend, { x: dx }, { begin: [0, 0, 0, 0], size: [-1, h, w, -1] });
  });
}

export const conv2DBackpropInputWasmConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropInputWasm as unknown as KernelFunc,
};
