import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomValues, relError, runOn, shapeOf } from './kernel-test-support.ts';
import { registerWasmTrainingKernels } from './register-wasm.ts';
import { simdKernels } from './simd/instance.ts';
import type { WasmBackend } from './wasm-backend.ts';

interface PoolCase {
  x: [number, number, number, number];
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'same' | 'valid' | number;
}
// The CNN's 2x2 pools, overlapping windows, same padding (windows past the edge), oblong windows.
// Channel counts that are multiples of 4 run the WebAssembly SIMD loop, the others JavaScript's.
const CASES: PoolCase[] = [
  { x: [4, 28, 28, 16], filterSize: 2, strides: 2, pad: 'valid' },
  { x: [2, 7, 9, 3], filterSize: 3, strides: 1, pad: 'same' },
  { x: [2, 7, 9, 3], filterSize: 3, strides: 2, pad: 'same' },
  { x: [1, 8, 5, 2], filterSize: [3, 2], strides: [2, 1], pad: 'valid' },
  { x: [1, 6, 6, 1], filterSize: 2, strides: 2, pad: 1 },
  { x: [2, 7, 9, 8], filterSize: 3, strides: 1, pad: 'same' },
  { x: [2, 7, 9, 4], filterSize: 3, strides: 2, pad: 'same' },
  { x: [1, 8, 5, 12], filterSize: [3, 2], strides: [2, 1], pad: 'valid' },
  { x: [1, 6, 6, 4], filterSize: 2, strides: 2, pad: 1 },
  // Windows that cover the input exactly once (written, not added), and ones that leave a row and a
  // column out (those stay zero).
  { x: [2, 8, 6, 8], filterSize: [2, 3], strides: [2, 3], pad: 'valid' },
  { x: [2, 7, 9, 4], filterSize: 2, strides: 2, pad: 'valid' },
];
const attrsOf = (c: PoolCase) => ({ filterSize: c.filterSize, strides: c.strides, pad: c.pad });

/** MaxPoolGrad's inputs on the cpu backend's forward pass: dy, the input, and its pooled output. */
async function inputsFor(c: PoolCase, xv: Float32Array) {
  await tf.setBackend('cpu');
  const y = tf.tidy(() => tf.maxPool(tf.tensor4d(xv, c.x), c.filterSize, c.strides, c.pad));
  const output = { values: (await y.data()) as Float32Array, shape: y.shape };
  y.dispose();
  return { dy: { values: randomValues(output.shape), shape: output.shape }, input: { values: xv, shape: c.x }, output };
}

beforeAll(async () => {
  registerWasmTrainingKernels();
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('MaxPoolGrad on wasm', () => {
  it('runs its SIMD loop here (the cases with 4, 8, 12 or 16 channels test it)', async () => {
    await tf.setBackend('wasm');
    expect(simdKernels(tf.backend() as unknown as WasmBackend)).not.toBeNull();
  });

  it.each(CASES)(
    'equals the cpu kernel, leaving nothing: x $x, window $filterSize, strides $strides, pad $pad',
    async (c) => {
      const inputs = await inputsFor(c, randomValues(c.x));
      const ref = await runOn('cpu', 'MaxPoolGrad', inputs, attrsOf(c));
      const got = await runOn('wasm', 'MaxPoolGrad', inputs, attrsOf(c));
      expect(got.shape).toEqual(c.x);
      expect(relError(got.values, ref.values)).toBeLessThan(1e-6);
      expect(got.left).toEqual({ tensors: 0, data: 0 });
    },
  );

  it('sends a tie to the first maximum and a window of negatives to its largest, as the cpu backend does', async () => {
    // After a ReLU most 2x2 windows are all zeros; tfjs-backend-wasm 4.22's own kernel gave
    // windows whose maximum is negative no gradient at all.
    const c: PoolCase = { x: [1, 4, 4, 1], filterSize: 2, strides: 2, pad: 'valid' };
    const xv = Float32Array.from([0, 0, -3, -1, 0, 0, -2, -5, 1, 1, 7, 7, 1, 1, 7, 7]);
    const inputs = await inputsFor(c, xv);
    inputs.dy.values = Float32Array.from([1, 2, 3, 4]);
    const ref = await runOn('cpu', 'MaxPoolGrad', inputs, attrsOf(c));
    const got = await runOn('wasm', 'MaxPoolGrad', inputs, attrsOf(c));
    expect(Array.from(ref.values)).toEqual([1, 0, 0, 2, 0, 0, 0, 0, 3, 0, 4, 0, 0, 0, 0, 0]);
    expect(Array.from(got.values)).toEqual(Array.from(ref.values));
  });

  it('breaks ties, and skips NaN and -Infinity, as the cpu backend does in the SIMD loop too', async () => {
    // Four channels, each its own pattern: ties, all negative, NaN first, -Infinity everywhere.
    const c: PoolCase = { x: [1, 2, 2, 4], filterSize: 2, strides: 2, pad: 'valid' };
    const [inf, nan] = [Number.NEGATIVE_INFINITY, Number.NaN];
    const xv = Float32Array.from([0, -3, nan, inf, 0, -1, 2, inf, 5, -2, 2, inf, 5, -5, 1, inf]);
    const inputs = await inputsFor(c, xv);
    inputs.dy.values = Float32Array.from([1, 2, 3, 4]);
    const ref = await runOn('cpu', 'MaxPoolGrad', inputs, attrsOf(c));
    const got = await runOn('wasm', 'MaxPoolGrad', inputs, attrsOf(c));
    expect(Array.from(ref.values)).toEqual([0, 0, 0, 0, 0, 2, 3, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(got.values)).toEqual(Array.from(ref.values));
  });

  it("gives tf.grad through maxPool the cpu backend's gradient", async () => {
    const c = CASES[2]!;
    const [xv, wv] = [
      randomValues(c.x),
      randomValues(shapeOf(() => tf.maxPool(tf.zeros(c.x) as tf.Tensor4D, c.filterSize, c.strides, c.pad))),
    ];
    const gradOn = async (backend: string) => {
      await tf.setBackend(backend);
      return tf.tidy(() => {
        const w = tf.tensor(
          wv,
          shapeOf(() => tf.maxPool(tf.zeros(c.x) as tf.Tensor4D, c.filterSize, c.strides, c.pad)),
        );
        return tf
          .grad((x: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(x as tf.Tensor4D, c.filterSize, c.strides, c.pad), w)))(
            tf.tensor4d(xv, c.x),
          )
          .dataSync() as Float32Array;
      });
    };
    expect(relError(await gradOn('wasm'), await gradOn('cpu'))).toBeLessThan(1e-6);
  });
});
