import {
  backend_util,
  MaxPoolGrad,
  type KernelConfig,
  type KernelFunc,
  type MaxPoolGradAttrs,
  type MaxPoolGradInputs,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { simdKernels } from './simd/instance.ts';
import { assertFloat32, heapView, type WasmBackend } from './wasm-backend.ts';

/**
 * MaxPoolGrad for tfjs-backend-wasm. The backend's own kernel took 28 ms of a 115 ms MNIST CNN
 * training step (tf.profile, batch 64) for what is one pass over the input: find each window's
 * maximum and send that window's gradient to it. This does that pass on the heap: four channels at
 * a time with WebAssembly SIMD (simd/kernels.wat) where the channel count is a multiple of 4, else
 * in JavaScript. For the CNN's two pools SIMD took 1.4 ms where JavaScript took 6.6 ms (tf.profile
 * in Node, batch 64, one 2-core EPYC).
 * Ties and padding follow the cpu backend (tfjs-backend-cpu maxPoolPositions): the first largest
 * value in row-major window order gets the gradient, positions outside the input never do, and a
 * window with nothing above -Infinity (or only NaN) passes none on.
 */
export function maxPoolGradWasm(args: {
  inputs: MaxPoolGradInputs;
  backend: WasmBackend;
  attrs: MaxPoolGradAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  assertFloat32('MaxPoolGrad', { dy, input });
  const { filterSize, strides, pad, dimRoundingMode } = attrs;
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ch, outHeight: ho, outWidth: wo } = info;
  const { strideHeight: sh, strideWidth: sw, effectiveFilterHeight: fh, effectiveFilterWidth: fw } = info;
  const { top, left } = info.padInfo;
  const expected = [n, ho, wo, ch];
  if (dy.shape.some((d, i) => d !== expected[i]))
    throw new Error(`Error in maxPoolGrad: dy must have shape [${expected}], got [${dy.shape}]`);

  const dx = backend.makeOutput(input.shape, 'float32');
  const [x, g, out] = [heapView(backend, input), heapView(backend, dy), heapView(backend, dx)];
  const simd = ch % 4 === 0 ? simdKernels(backend) : null;
  if (simd) {
    const tiles = sh === fh && sw === fw && top === 0 && left === 0 && ho * sh === h && wo * sw === w ? 1 : 0;
    simd.maxPoolGrad(x.byteOffset, g.byteOffset, out.byteOffset, n, h, w, ch, ho, wo, sh, sw, fh, fw, top, left, tiles);
    return dx;
  }
  out.fill(0);
  // Channels innermost, as they lie in memory: one running maximum per channel for each window.
  const best = new Float32Array(ch);
  const at = new Int32Array(ch);
  for (let b = 0; b < n; b++)
    for (let y = 0; y < ho; y++) {
      const r0 = Math.max(0, y * sh - top);
      const r1 = Math.min(h, y * sh - top + fh);
      for (let q = 0; q < wo; q++) {
        const c0 = Math.max(0, q * sw - left);
        const c1 = Math.min(w, q * sw - left + fw);
        best.fill(Number.NEGATIVE_INFINITY);
        at.fill(-1);
        for (let r = r0; r < r1; r++)
          for (let c = c0; c < c1; c++) {
            const base = ((b * h + r) * w + c) * ch;
            for (let d = 0; d < ch; d++) {
              const v = x[base + d]!;
              if (v > best[d]!) {
                best[d] = v;
                at[d] = base + d;
              }
            }
          }
        const gBase = ((b * ho + y) * wo + q) * ch;
        for (let d = 0; d < ch; d++) if (at[d]! >= 0) out[at[d]!] = out[at[d]!]! + g[gBase + d]!;
      }
    }
  return dx;
}

export const maxPoolGradWasmConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGradWasm as unknown as KernelFunc,
};
