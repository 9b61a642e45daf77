import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomValues, runOn } from './kernel-test-support.ts';
import { registerWasmTrainingKernels } from './register-wasm.ts';
import { simdKernels } from './simd/instance.ts';
import type { WasmBackend } from './wasm-backend.ts';

// A bias in fours (ours, either operand first), and what goes to the backend's own Add: a vector
// whose length is not a multiple of 4, equal shapes, a scalar, and a row vector of rank 2.
const CASES: [number[], number[]][] = [
  [[64, 28, 28, 16], [16]],
  [[8], [3, 5, 8]],
  [[2, 4], [4]],
  [[0, 8], [8]],
  [[2, 3], [3]],
  [
    [3, 4],
    [3, 4],
  ],
  [[3, 4], []],
  [
    [3, 4],
    [1, 4],
  ],
];

beforeAll(async () => {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('Add on wasm', () => {
  it('runs its SIMD loop here, so the cases in fours test it', () => {
    expect(simdKernels(tf.backend() as unknown as WasmBackend)).not.toBeNull();
  });

  it.each(CASES)('equals the cpu kernel to the bit, leaving nothing: %j + %j', async (a, b) => {
    const inputs = { a: { values: randomValues(a), shape: a }, b: { values: randomValues(b), shape: b } };
    const ref = await runOn('cpu', 'Add', inputs, {});
    const got = await runOn('wasm', 'Add', inputs, {});
    expect(got.shape).toEqual(ref.shape);
    expect(Array.from(got.values)).toEqual(Array.from(ref.values));
    expect(got.left).toEqual({ tensors: 0, data: 0 });
  });

  it('leaves int32 sums to the backend', async () => {
    await tf.setBackend('wasm');
    const sum = tf.add(tf.tensor2d([1, 2, 3, 4], [1, 4], 'int32'), tf.tensor1d([10, 20, 30, 40], 'int32'));
    expect(sum.dtype).toBe('int32');
    expect(Array.from(await sum.data())).toEqual([11, 22, 33, 44]);
    sum.dispose();
  });
});
