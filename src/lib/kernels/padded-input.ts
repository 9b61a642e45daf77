import type { backend_util, TensorInfo } from '@tensorflow/tfjs-core';
import type { PaddedConvKernel } from './simd/instance.ts';
import { heapView, withTemps, type WasmBackend } from './wasm-backend.ts';

/**
 * The input of a stride-s, dilation-1 convolution as the SIMD kernels read it (simd/kernels.wat
 * conv2d and convFilterGrad): [n, hp, wp, cin] holding every row and column the filter reaches,
 * padding as zeros, so no read falls outside. Where the convolution reads no padding, that is the
 * input itself (with its own row lengths); otherwise a zeroed copy with the input placed in it,
 * made with `keep` so the caller frees it. Take heap views only after this: it may grow the heap.
 */
export function paddedInput(
  backend: WasmBackend,
  x: TensorInfo,
  info: backend_util.Conv2DInfo,
  keep: (t: TensorInfo) => TensorInfo,
): { data: TensorInfo; hp: number; wp: number } {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: cin, outHeight: ho, outWidth: wo } = info;
  const { top, left } = info.padInfo;
  const hp = (ho - 1) * info.strideHeight + info.filterHeight;
  const wp = (wo - 1) * info.strideWidth + info.filterWidth;
  if (top === 0 && left === 0 && hp <= h && wp <= w) return { data: x, hp: h, wp: w };
  const padded = keep(backend.makeOutput([n, hp, wp, cin], 'float32'));
  const [xs, xp] = [heapView(backend, x), heapView(backend, padded)];
  xp.fill(0);
  const c0 = Math.max(0, -left);
  const c1 = Math.min(w, wp - left);
  for (let b = 0; b < n; b++)
    for (let r = Math.max(0, -top); r < Math.min(h, hp - top); r++) {
      const from = ((b * h + r) * w + c0) * cin;
      xp.set(xs.subarray(from, from + (c1 - c0) * cin), ((b * hp + r + top) * wp + c0 + left) * cin);
    }
  return { data: padded, hp, wp };
}

/**
 * Runs one of the SIMD convolution loops (conv2d, convFilterGrad) on x, padded as they need, and
 * the other operand, into a new output of outShape.
 */
export function runPaddedConv(
  backend: WasmBackend,
  kernel: PaddedConvKernel,
  x: TensorInfo,
  other: TensorInfo,
  outShape: number[],
  info: backend_util.Conv2DInfo,
): TensorInfo {
  const out = backend.makeOutput(outShape, 'float32');
  if (outShape.some((d) => d === 0)) return out;
  const { batchSize: n, inChannels: cin, outHeight: ho, outWidth: wo, outChannels: cout } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  return withTemps(backend, (keep) => {
    const { data, hp, wp } = paddedInput(backend, x, info, keep);
    const [xp, o, dst] = [heapView(backend, data), heapView(backend, other), heapView(backend, out)];
    kernel(xp.byteOffset, o.byteOffset, dst.byteOffset, n, hp, wp, cin, ho, wo, cout, kh, kw, sh, sw);
    return out;
  });
}
