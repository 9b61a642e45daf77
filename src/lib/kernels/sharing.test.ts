import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from './register-wasm.ts';

beforeAll(async () => {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('Cast on wasm', () => {
  it('shares the data for a cast to the same dtype and converts for another, leaving nothing', async () => {
    const before = { tensors: tf.memory().numTensors, data: tf.backend().numDataIds() };
    const x = tf.tensor([1.5, -2.5, 3]);
    const same = tf.cast(x, 'float32');
    expect(tf.backend().numDataIds()).toBe(before.data + 1);
    const asInt = tf.cast(x, 'int32');
    expect(asInt.dtype).toBe('int32');
    expect(Array.from(await asInt.data())).toEqual([1, -2, 3]);
    x.dispose();
    expect(Array.from(await same.data())).toEqual([1.5, -2.5, 3]);
    tf.dispose([same, asInt]);
    expect({ tensors: tf.memory().numTensors, data: tf.backend().numDataIds() }).toEqual(before);
  });
});

describe('Identity on wasm', () => {
  it('shares its input data instead of copying it, and each tensor keeps it alive', async () => {
    const x = tf.tensor([1, 2, 3, 4], [2, 2]);
    const data = tf.backend().numDataIds();
    const y = tf.clone(x);
    expect(tf.backend().numDataIds()).toBe(data);
    x.dispose();
    expect(Array.from(await y.data())).toEqual([1, 2, 3, 4]);
    y.dispose();
    expect(tf.backend().numDataIds()).toBe(data - 1);
  });

  it('keeps what a gradient saved when the forward tensors are gone (clones made by the tape)', async () => {
    const before = { tensors: tf.memory().numTensors, data: tf.backend().numDataIds() };
    const x = tf.tensor([-1, 2, -3, 4]);
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.relu(t), t)))(x);
    expect(Array.from(await g.data())).toEqual([0, 4, 0, 8]);
    tf.dispose([x, g]);
    expect({ tensors: tf.memory().numTensors, data: tf.backend().numDataIds() }).toEqual(before);
  });

  it('clones string and int32 tensors too', async () => {
    const s = tf.tensor(['a', 'bc']);
    const i = tf.tensor([7, 8], [2], 'int32');
    const [s2, i2] = [tf.clone(s), tf.clone(i)];
    tf.dispose([s, i]);
    expect(await s2.array()).toEqual(['a', 'bc']);
    expect(Array.from(await i2.data())).toEqual([7, 8]);
    tf.dispose([s2, i2]);
  });
});
