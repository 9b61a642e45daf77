import type { backend_util, TensorInfo } from '@tensorflow/tfjs-core';
import { heapView, type WasmBackend } from './wasm-backend.ts';

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
