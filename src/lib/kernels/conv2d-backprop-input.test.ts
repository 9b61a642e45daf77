import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomValues, relError, runOn, shapeOf, type ConvCase } from './kernel-test-support.ts';
import { registerWasmTrainingKernels } from './register-wasm.ts';

// Strides 1 to 3 (zeros spread between the output gradient's pixels), same, valid and explicit
// padding, rounding modes, oblong filters; and a padding wider than the filter, which goes to the
// backend's own kernel.
const CASES: ConvCase[] = [
  { x: [2, 14, 14, 16], filter: [3, 3, 16, 32], strides: 1, pad: 'same' },
  { x: [2, 9, 11, 3], filter: [3, 3, 3, 5], strides: 1, pad: 'valid' },
  { x: [2, 9, 11, 3], filter: [3, 3, 3, 5], strides: 2, pad: 'valid' },
  { x: [2, 9, 11, 3], filter: [3, 3, 3, 5], strides: 2, pad: 'same' },
  { x: [1, 10, 10, 2], filter: [3, 3, 2, 3], strides: 3, pad: 'same' },
  { x: [2, 12, 7, 2], filter: [5, 2, 2, 3], strides: [2, 1], pad: 'same' },
  { x: [2, 8, 13, 4], filter: [2, 4, 4, 2], strides: [1, 3], pad: 'valid' },
  { x: [1, 6, 6, 3], filter: [4, 4, 3, 2], strides: 2, pad: 'same' },
  { x: [2, 7, 9, 2], filter: [3, 3, 2, 2], strides: 2, pad: 1, dimRoundingMode: 'floor' },
  { x: [2, 7, 9, 2], filter: [3, 3, 2, 2], strides: 2, pad: 2, dimRoundingMode: 'ceil' },
  { x: [1, 6, 6, 1], filter: [2, 2, 1, 1], strides: 1, pad: 3, dimRoundingMode: 'floor' },
  // Input channels in fours: the convolution inside runs on this site's SIMD Conv2D (conv2d.ts).
  { x: [2, 9, 11, 4], filter: [3, 3, 4, 5], strides: 2, pad: 'same' },
  { x: [2, 7, 9, 8], filter: [3, 3, 8, 2], strides: 2, pad: 2, dimRoundingMode: 'ceil' },
  { x: [1, 10, 10, 12], filter: [3, 3, 12, 3], strides: 3, pad: 'valid' },
  { x: [2, 12, 7, 4], filter: [5, 2, 4, 3], strides: [2, 1], pad: 'same' },
];

const attrsOf = (c: ConvCase) => ({
  strides: c.strides,
  pad: c.pad,
  dataFormat: 'NHWC',
  dimRoundingMode: c.dimRoundingMode,
  inputShape: c.x,
});
const dyShape = (c: ConvCase) =>
  shapeOf(() =>
    tf.conv2d(
      tf.zeros(c.x) as tf.Tensor4D,
      tf.zeros(c.filter) as tf.Tensor4D,
      c.strides,
      c.pad,
      'NHWC',
      1,
      c.dimRoundingMode,
    ),
  );

beforeAll(async () => {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('Conv2DBackpropInput on wasm', () => {
  it.each(CASES)(
    'equals the cpu kernel within 1e-4, leaving nothing: x $x, filter $filter, strides $strides, pad $pad',
    async (c) => {
      const inputs = {
        dy: { values: randomValues(dyShape(c)), shape: dyShape(c) },
        filter: { values: randomValues(c.filter), shape: c.filter },
      };
      const ref = await runOn('cpu', 'Conv2DBackpropInput', inputs, attrsOf(c));
      const got = await runOn('wasm', 'Conv2DBackpropInput', inputs, attrsOf(c));
      expect(got.shape).toEqual(c.x);
      expect(relError(got.values, ref.values)).toBeLessThan(1e-4);
      expect(got.left).toEqual({ tensors: 0, data: 0 });
    },
  );

  it("gives tf.grad of a convolution with respect to its input the cpu backend's gradient", async () => {
    const c = CASES[3]!;
    const [xv, fv, wv] = [randomValues(c.x), randomValues(c.filter), randomValues(dyShape(c))];
    const gradOn = async (backend: string) => {
      await tf.setBackend(backend);
      const [x, f, w] = [tf.tensor4d(xv, c.x), tf.tensor4d(fv, c.filter), tf.tensor(wv, dyShape(c))];
      const grad = tf.grad((input: tf.Tensor) =>
        tf.sum(tf.mul(tf.conv2d(input as tf.Tensor4D, f, c.strides, c.pad), w)),
      )(x);
      const values = (await grad.data()) as Float32Array;
      tf.dispose([grad, x, f, w]);
      return values;
    };
    expect(relError(await gradOn('wasm'), await gradOn('cpu'))).toBeLessThan(1e-4);
  });

  it('runs conv2dTranspose, which is the same kernel', async () => {
    const [xv, fv] = [randomValues([1, 4, 4, 3]), randomValues([3, 3, 2, 3])];
    const on = async (backend: string) => {
      await tf.setBackend(backend);
      return tf.tidy(
        () =>
          tf
            .conv2dTranspose(tf.tensor4d(xv, [1, 4, 4, 3]), tf.tensor4d(fv, [3, 3, 2, 3]), [1, 8, 8, 2], 2, 'same')
            .dataSync() as Float32Array,
      );
    };
    expect(relError(await on('wasm'), await on('cpu'))).toBeLessThan(1e-4);
  });
});
