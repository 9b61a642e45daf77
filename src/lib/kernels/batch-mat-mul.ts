import {
  BatchMatMul,
  type BatchMatMulAttrs,
  type BatchMatMulInputs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { runBuiltIn, runWasmKernel, withTemps, type WasmBackend } from './wasm-backend.ts';

/**
 * BatchMatMul for tfjs-backend-wasm with its transpose flags done as explicit transposes. The
 * backend sends a product to XNNPACK only when neither flag is set and runs a plain loop otherwise
 * (tfjs-backend-wasm/src/cc/batch_mat_mul_impl.cc), and every dense layer's two gradient products
 * set one (dW = xᵀ·dy, dx = dy·Wᵀ): 13.3 and 8.3 ms with the flag against 0.8 and 1.2 ms as a
 * transpose and a plain product for a 784 -> 256 layer at batch 64 (npm run bench:wasm-matmul).
 * The transpose is one pass over the operand; the product is the backend's own, unflagged.
 */
export function batchMatMulWasm(args: {
  inputs: BatchMatMulInputs;
  backend: WasmBackend;
  attrs: BatchMatMulAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
  const { transposeA, transposeB } = attrs;
  if ((!transposeA && !transposeB) || a.dtype !== 'float32' || b.dtype !== 'float32')
    return runBuiltIn(BatchMatMul, args);
  return withTemps(backend, (keep) => {
    const swapLastTwo = (t: TensorInfo) => {
      const rank = t.shape.length;
      const perm = [...Array(rank - 2).keys(), rank - 1, rank - 2];
      return keep(runWasmKernel('Transpose', backend, { x: t }, { perm }));
    };
    return runBuiltIn(BatchMatMul, {
      inputs: { a: transposeA ? swapLastTwo(a) : a, b: transposeB ? swapLastTwo(b) : b },
      backend,
      attrs: { ...attrs, transposeA: false, transposeB: false },
    });
  });
}

export const batchMatMulWasmConfig: KernelConfig = {
  kernelName: BatchMatMul,
  backendName: 'wasm',
  kernelFunc: batchMatMulWasm as unknown as KernelFunc,
};
