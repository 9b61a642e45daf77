import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomValues, relError, runOn, type ConvCase } from './kernel-test-support.ts';
import { registerWasmTrainingKernels } from './register-wasm.ts';
import { simdKernels } from './simd/instance.ts';
import type { WasmBackend } from './wasm-backend.ts';

// Output channels in fours take the SIMD tiles (3, 2 and 1 pixels by 8 and 4 channels); the rest,
// and dilations, go to the backend's XNNPACK kernel. Strides 1 to 3, same, valid and numeric
// padding with both rounding modes, oblong filters, and inputs read in place (valid, no padding).
const CASES: (ConvCase & { dilations?: number })[] = [
  { x: [3, 28, 28, 1], filter: [3, 3, 1, 16], strides: 1, pad: 'same' },
  { x: [2, 14, 14, 16], filter: [3, 3, 16, 32], strides: 1, pad: 'same' },
  { x: [2, 9, 11, 3], filter: [3, 3, 3, 12], strides: 1, pad: 'valid' },
  { x: [2, 9, 11, 5], filter: [3, 3, 5, 4], strides: 2, pad: 'valid' },
  { x: [2, 9, 11, 3], filter: [3, 3, 3, 20], strides: 2, pad: 'same' },
  { x: [1, 10, 10, 2], filter: [3, 3, 2, 8], strides: 3, pad: 'same' },
  { x: [2, 12, 7, 2], filter: [5, 2, 2, 4], strides: [2, 1], pad: 'same' },
  { x: [2, 8, 13, 7], filter: [2, 4, 7, 8], strides: [1, 3], pad: 'valid' },
  { x: [2, 7, 9, 2], filter: [3, 3, 2, 4], strides: 2, pad: 2, dimRoundingMode: 'ceil' },
  { x: [2, 7, 9, 3], filter: [3, 3, 3, 8], strides: 2, pad: 1, dimRoundingMode: 'floor' },
  { x: [1, 5, 5, 2], filter: [1, 1, 2, 4], strides: 1, pad: 'valid' },
  { x: [2, 9, 11, 3], filter: [3, 3, 3, 5], strides: 1, pad: 'same' },
  { x: [2, 9, 9, 4], filter: [3, 3, 4, 8], strides: 1, pad: 'same', dilations: 2 },
];

const attrsOf = (c: (typeof CASES)[number]) => ({
  strides: c.strides,
  pad: c.pad,
  dataFormat: 'NHWC',
  dilations: c.dilations ?? 1,
  dimRoundingMode: c.dimRoundingMode,
});

beforeAll(async () => {
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('Conv2D on wasm', () => {
  it('runs its SIMD loop here, so the cases in fours test it', () => {
    expect(simdKernels(tf.backend() as unknown as WasmBackend)).not.toBeNull();
  });

  it.each(CASES)(
    'equals the cpu kernel within 1e-4, leaving nothing: x $x, filter $filter, strides $strides, pad $pad',
    async (c) => {
      const inputs = {
        x: { values: randomValues(c.x), shape: c.x },
        filter: { values: randomValues(c.filter), shape: c.filter },
      };
      const ref = await runOn('cpu', 'Conv2D', inputs, attrsOf(c));
      const got = await runOn('wasm', 'Conv2D', inputs, attrsOf(c));
      expect(got.shape).toEqual(ref.shape);
      expect(relError(got.values, ref.values)).toBeLessThan(1e-4);
      expect(got.left).toEqual({ tensors: 0, data: 0 });
    },
  );

  it('keeps the backend kernel for what it hands back, with its errors', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor4d(randomValues([1, 2, 6, 6]), [1, 2, 6, 6]);
    const f = tf.tensor4d(randomValues([3, 3, 2, 4]), [3, 3, 2, 4]);
    expect(() => tf.conv2d(x, f, 1, 'same', 'NCHW')).toThrow(/channelsFirst|NCHW/);
    tf.dispose([x, f]);
  });
});
