import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomValues, relError, runOn } from './kernel-test-support.ts';
import { registerWasmTrainingKernels } from './register-wasm.ts';

interface MatMulCase {
  a: number[];
  b: number[];
  transposeA: boolean;
  transposeB: boolean;
}
// A dense layer's two gradient products, both flags, batches, and a batch broadcast from 1.
const CASES: MatMulCase[] = [
  { a: [1, 64, 784], b: [1, 64, 256], transposeA: true, transposeB: false },
  { a: [1, 64, 256], b: [1, 784, 256], transposeA: false, transposeB: true },
  { a: [3, 5, 7], b: [3, 4, 5], transposeA: true, transposeB: true },
  { a: [1, 6, 5], b: [4, 6, 3], transposeA: true, transposeB: false },
  { a: [2, 3, 9], b: [2, 9, 4], transposeA: false, transposeB: false },
];

beforeAll(async () => {
  registerWasmTrainingKernels();
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('BatchMatMul on wasm', () => {
  it.each(CASES)(
    'equals the cpu kernel within 1e-5, leaving nothing: a $a (T $transposeA), b $b (T $transposeB)',
    async (c) => {
      const inputs = {
        a: { values: randomValues(c.a), shape: c.a },
        b: { values: randomValues(c.b), shape: c.b },
      };
      const attrs = { transposeA: c.transposeA, transposeB: c.transposeB };
      const ref = await runOn('cpu', 'BatchMatMul', inputs, attrs);
      const got = await runOn('wasm', 'BatchMatMul', inputs, attrs);
      expect(got.shape).toEqual(ref.shape);
      expect(relError(got.values, ref.values)).toBeLessThan(1e-5);
      expect(got.left).toEqual({ tensors: 0, data: 0 });
    },
  );

  it("gives a dense layer's gradients through tf.grads the cpu backend's values", async () => {
    const [xv, wv] = [randomValues([8, 20]), randomValues([20, 6])];
    const gradsOn = async (backend: string) => {
      await tf.setBackend(backend);
      return tf.tidy(() => {
        const f = (x: tf.Tensor, w: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, w)));
        return tf
          .grads(f)([tf.tensor2d(xv, [8, 20]), tf.tensor2d(wv, [20, 6])])
          .map((g) => g.dataSync() as Float32Array);
      });
    };
    const [wasm, cpu] = [await gradsOn('wasm'), await gradsOn('cpu')];
    expect(relError(wasm[0]!, cpu[0]!)).toBeLessThan(1e-5);
    expect(relError(wasm[1]!, cpu[1]!)).toBeLessThan(1e-5);
  });
});
