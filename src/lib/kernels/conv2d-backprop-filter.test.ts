import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SWAPPED_CONV_MIN_CHANNELS } from './conv2d-backprop-filter.ts';
import { randomValues, relError, runOn, shapeOf, type ConvCase } from './kernel-test-support.ts';
import { registerWasmTrainingKernels } from './register-wasm.ts';
import { simdKernels } from './simd/instance.ts';
import type { WasmBackend } from './wasm-backend.ts';

// Each stride and padding the forward conv2d allows, on odd and even, square and oblong shapes,
// including strides that leave input rows the forward pass never reads; with few input channels
// (the patch product) and many (the swapped-axes convolution).
const CASES: ConvCase[] = [
  { x: [3, 28, 28, 1], filter: [3, 3, 1, 4], strides: 1, pad: 'same' },
  { x: [2, 14, 14, 5], filter: [3, 3, 5, 6], strides: 1, pad: 'same' },
  { x: [2, 14, 14, 16], filter: [3, 3, 16, 6], strides: 1, pad: 'same' },
  { x: [2, 9, 11, 3], filter: [3, 3, 3, 5], strides: 1, pad: 'valid' },
  { x: [2, 9, 11, 3], filter: [3, 3, 3, 5], strides: 2, pad: 'valid' },
  { x: [2, 9, 11, 8], filter: [3, 3, 8, 5], strides: 2, pad: 'valid' },
  { x: [2, 9, 11, 3], filter: [3, 3, 3, 5], strides: 2, pad: 'same' },
  { x: [2, 9, 11, 9], filter: [3, 3, 9, 5], strides: 2, pad: 'same' },
  { x: [1, 10, 10, 2], filter: [3, 3, 2, 3], strides: 3, pad: 'same' },
  { x: [1, 10, 10, 12], filter: [3, 3, 12, 3], strides: 3, pad: 'same' },
  { x: [2, 12, 7, 2], filter: [5, 2, 2, 3], strides: [2, 1], pad: 'same' },
  { x: [2, 8, 13, 4], filter: [2, 4, 4, 2], strides: [1, 3], pad: 'valid' },
  { x: [2, 8, 13, 8], filter: [2, 4, 8, 2], strides: [1, 3], pad: 'valid' },
  { x: [1, 6, 6, 3], filter: [4, 4, 3, 2], strides: 2, pad: 'same' },
  { x: [2, 7, 9, 2], filter: [3, 3, 2, 2], strides: 2, pad: 1, dimRoundingMode: 'floor' },
  { x: [2, 7, 9, 2], filter: [3, 3, 2, 2], strides: 2, pad: 2, dimRoundingMode: 'ceil' },
  { x: [2, 7, 9, 10], filter: [3, 3, 10, 2], strides: 2, pad: 2, dimRoundingMode: 'ceil' },
  { x: [2, 5, 5, 1], filter: [5, 5, 1, 1], strides: 1, pad: 'valid' },
  // Output channels in fours: the SIMD tiles (simd/kernels.wat convFilterGrad), with 8-wide and
  // 4-wide tiles and 3-row and 1-row tiles at the edges, padded or read in place.
  { x: [3, 28, 28, 1], filter: [3, 3, 1, 16], strides: 1, pad: 'same' },
  { x: [2, 14, 14, 16], filter: [3, 3, 16, 32], strides: 1, pad: 'same' },
  { x: [2, 9, 11, 2], filter: [3, 3, 2, 12], strides: 1, pad: 'valid' },
  { x: [2, 9, 11, 5], filter: [3, 3, 5, 4], strides: 2, pad: 'valid' },
  { x: [2, 9, 11, 3], filter: [3, 3, 3, 20], strides: 2, pad: 'same' },
  { x: [1, 10, 10, 4], filter: [3, 3, 4, 8], strides: 3, pad: 'same' },
  { x: [2, 12, 7, 2], filter: [5, 2, 2, 4], strides: [2, 1], pad: 'same' },
  { x: [2, 8, 13, 7], filter: [2, 4, 7, 8], strides: [1, 3], pad: 'valid' },
  { x: [2, 7, 9, 2], filter: [3, 3, 2, 4], strides: 2, pad: 2, dimRoundingMode: 'ceil' },
  { x: [2, 7, 9, 3], filter: [3, 3, 3, 8], strides: 2, pad: 1, dimRoundingMode: 'floor' },
];

const attrsOf = (c: ConvCase, dataFormat = 'NHWC') => ({
  strides: c.strides,
  pad: c.pad,
  dataFormat,
  dimRoundingMode: c.dimRoundingMode,
  filterShape: c.filter,
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

describe('Conv2DBackpropFilter on wasm', () => {
  it('is registered once, through the kernel registry', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    registerWasmTrainingKernels(); // a second call must leave one registration
    expect(tf.getKernelsForBackend('wasm').filter((k) => k.kernelName === 'Conv2DBackpropFilter')).toHaveLength(1);
  });

  it('covers each of its forms, and the SIMD one runs here', () => {
    const xnnpack = CASES.filter((c) => c.filter[3] % 4 !== 0);
    expect(xnnpack.some((c) => c.x[3] < SWAPPED_CONV_MIN_CHANNELS)).toBe(true);
    expect(xnnpack.some((c) => c.x[3] >= SWAPPED_CONV_MIN_CHANNELS)).toBe(true);
    expect(CASES.some((c) => c.filter[3] % 4 === 0)).toBe(true);
    expect(simdKernels(tf.backend() as unknown as WasmBackend)).not.toBeNull();
  });

  it.each(CASES)(
    'equals the cpu kernel within 1e-4, leaving nothing: x $x, filter $filter, strides $strides, pad $pad',
    async (c) => {
      const inputs = {
        x: { values: randomValues(c.x), shape: c.x },
        dy: { values: randomValues(dyShape(c)), shape: dyShape(c) },
      };
      const ref = await runOn('cpu', 'Conv2DBackpropFilter', inputs, attrsOf(c));
      const got = await runOn('wasm', 'Conv2DBackpropFilter', inputs, attrsOf(c));
      expect(got.shape).toEqual(c.filter);
      expect(relError(got.values, ref.values)).toBeLessThan(1e-4);
      expect(got.left).toEqual({ tensors: 0, data: 0 });
    },
  );

  it("gives tf.grad of a convolution the cpu backend's gradient, and a finite difference agrees", async () => {
    for (const c of [CASES[6]!, CASES[7]!, CASES.at(-2)!]) {
      const [xv, fv] = [randomValues(c.x), randomValues(c.filter)];
      const wv = randomValues(dyShape(c));
      const gradOn = async (backend: string) => {
        await tf.setBackend(backend);
        const before = { tensors: tf.memory().numTensors, data: tf.backend().numDataIds() };
        const [x, f, w] = [tf.tensor4d(xv, c.x), tf.tensor4d(fv, c.filter), tf.tensor(wv, dyShape(c))];
        const loss = (filter: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, filter as tf.Tensor4D, c.strides, c.pad), w));
        const grad = tf.grad(loss)(f);
        const values = (await grad.data()) as Float32Array;
        // Linear in the filter, so a central difference with a unit step is exact up to rounding.
        const fd = tf.tidy(() => {
          const step = tf.reshape(tf.oneHot(tf.tensor1d([7], 'int32'), fv.length), c.filter);
          return (loss(tf.add(f, step)).dataSync()[0]! - loss(tf.sub(f, step)).dataSync()[0]!) / 2;
        });
        tf.dispose([grad, x, f, w]);
        return {
          values,
          fd,
          left: { tensors: tf.memory().numTensors - before.tensors, data: tf.backend().numDataIds() - before.data },
        };
      };
      const [onWasm, onCpu] = [await gradOn('wasm'), await gradOn('cpu')];
      expect(relError(onWasm.values, onCpu.values)).toBeLessThan(1e-4);
      expect(onWasm.values[7]).toBeCloseTo(onWasm.fd, 2);
      expect(onWasm.left).toEqual({ tensors: 0, data: 0 });
    }
    await tf.setBackend('wasm');
  });

  it('trains tf.layers.conv2d on wasm with no special code', async () => {
    await tf.setBackend('wasm');
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({
          inputShape: [8, 8, 1],
          filters: 3,
          kernelSize: 3,
          strides: 2,
          padding: 'same',
          activation: 'relu',
        }),
        tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 2 }),
      ],
    });
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    const xs = tf.tensor4d(randomValues([4, 8, 8, 1]), [4, 8, 8, 1]);
    const ys = tf.tensor2d(randomValues([4, 2]), [4, 2]);
    const before = model.layers.map((l) => l.getWeights()[0]?.dataSync().slice() as Float32Array | undefined);
    const history = await model.fit(xs, ys, { epochs: 2, batchSize: 4, verbose: 0 });
    expect(history.history.loss).toHaveLength(2);
    for (const i of [0, 1])
      expect(relError(model.layers[i]!.getWeights()[0]!.dataSync() as Float32Array, before[i]!)).toBeGreaterThan(1e-4);
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it("rejects what it does not support with tfjs's own errors", async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor4d(randomValues([1, 6, 6, 2]), [1, 6, 6, 2]);
    const f = tf.tensor4d(randomValues([3, 3, 2, 2]), [3, 3, 2, 2]);
    // Dilated convolutions have no gradient in tfjs on any backend: the same error as on cpu.
    const dilated = () => tf.grad((g: tf.Tensor) => tf.sum(tf.conv2d(x, g as tf.Tensor4D, 1, 'same', 'NHWC', 2)))(f);
    expect(dilated).toThrow(/dilation rates greater than 1 are not yet supported in gradients/);
    const c: ConvCase = { x: [1, 2, 6, 6], filter: [3, 3, 2, 2], strides: 1, pad: 'same' };
    const nchw = { x: { values: randomValues(c.x), shape: c.x }, dy: { values: randomValues(c.x), shape: c.x } };
    await expect(runOn('wasm', 'Conv2DBackpropFilter', nchw, attrsOf(c, 'NCHW'))).rejects.toThrow(
      /does not support dataFormat:'channelsFirst'/,
    );
    const wrongDy = {
      x: { values: randomValues([1, 6, 6, 2]), shape: [1, 6, 6, 2] },
      dy: { values: randomValues([1, 5, 5, 2]), shape: [1, 5, 5, 2] },
    };
    await expect(runOn('wasm', 'Conv2DBackpropFilter', wrongDy, attrsOf({ ...c, x: [1, 6, 6, 2] }))).rejects.toThrow(
      /dy must have shape \[1,6,6,2\]/,
    );
    tf.dispose([x, f]);
  });
});
