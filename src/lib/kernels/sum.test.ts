import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomValues, relError } from './kernel-test-support.ts';
import { registerWasmTrainingKernels } from './register-wasm.ts';
import { runBuiltIn, type WasmBackend } from './wasm-backend.ts';

interface SumCase {
  shape: number[];
  axis: number | number[];
  keepDims?: boolean;
}
// The CNN's bias gradients (leading axes, the SIMD path), then cases the backend's kernel keeps:
// the innermost axis, a middle axis, every axis, a channel count that is not a multiple of 4.
const CASES: SumCase[] = [
  { shape: [64, 28, 28, 16], axis: [0, 1, 2] },
  { shape: [8, 14, 14, 32], axis: [2, 0, 1], keepDims: true },
  { shape: [5, 12], axis: 0 },
  { shape: [3, 4, 8], axis: [-3, -2] },
  { shape: [6, 10], axis: 1 },
  { shape: [4, 6, 8], axis: 1 },
  { shape: [4, 6, 8], axis: [0, 1, 2] },
  { shape: [7, 5, 3], axis: [0, 1] },
];

/** The sum on `backend`, and what the call left behind. */
async function sumOn(backend: string, c: SumCase, values: Float32Array) {
  await tf.setBackend(backend);
  const before = { tensors: tf.memory().numTensors, data: tf.backend().numDataIds() };
  const x = tf.tensor(values, c.shape);
  const y = tf.sum(x, c.axis, c.keepDims);
  const out = { values: (await y.data()) as Float32Array, shape: y.shape };
  tf.dispose([x, y]);
  return {
    ...out,
    left: { tensors: tf.memory().numTensors - before.tensors, data: tf.backend().numDataIds() - before.data },
  };
}

beforeAll(async () => {
  registerWasmTrainingKernels();
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('Sum on wasm', () => {
  it.each(CASES)('equals the cpu backend, leaving nothing: $shape over $axis (keepDims $keepDims)', async (c) => {
    const values = randomValues(c.shape);
    const [ref, got] = [await sumOn('cpu', c, values), await sumOn('wasm', c, values)];
    expect(got.shape).toEqual(ref.shape);
    expect(relError(got.values, ref.values)).toBeLessThan(1e-5);
    expect(got.left).toEqual({ tensors: 0, data: 0 });
  });

  it("gives the backend's own kernel's sums to the bit on the leading-axes path", async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor(randomValues([64, 14, 14, 32]), [64, 14, 14, 32]);
    const ours = tf.sum(x, [0, 1, 2]);
    const backend = tf.backend() as unknown as WasmBackend;
    const theirs = tf
      .engine()
      .makeTensorFromTensorInfo(
        runBuiltIn('Sum', { inputs: { x }, backend, attrs: { axis: [0, 1, 2], keepDims: false } }),
      );
    expect(Array.from(await ours.data())).toEqual(Array.from(await theirs.data()));
    tf.dispose([x, ours, theirs]);
  });

  it('sums int32 tensors through the backend kernel', async () => {
    await tf.setBackend('wasm');
    const y = tf.sum(
      tf.tensor(
        [
          [1, 2, 3, 4],
          [5, 6, 7, 8],
        ],
        [2, 4],
        'int32',
      ),
      0,
    );
    expect(y.dtype).toBe('int32');
    expect(Array.from(await y.data())).toEqual([6, 8, 10, 12]);
    y.dispose();
  });
});
