import * as tf from '@tensorflow/tfjs';
import { createRng } from '../runtime/rng.ts';

/** Shared by the kernel tests: seeded inputs, one kernel run on a named backend, and the error measure. */
const rng = createRng(14);
export const randomValues = (shape: readonly number[]) =>
  Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal());

/**
 * Runs a kernel on `backend` from raw values and returns its output, and how many tensors and
 * backend data buffers the call left behind (a kernel's temporaries are backend data, not tensors).
 */
export async function runOn(
  backend: string,
  kernel: string,
  inputs: Record<string, { values: Float32Array; shape: readonly number[] }>,
  attrs: object,
) {
  await tf.setBackend(backend);
  const before = { tensors: tf.memory().numTensors, data: tf.backend().numDataIds() };
  const tensors = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, tf.tensor(v.values, [...v.shape])]));
  const out = tf.engine().runKernel(kernel, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
  const values = (await out.data()) as Float32Array;
  const shape = out.shape;
  tf.dispose([out, ...Object.values(tensors)]);
  return {
    values,
    shape,
    left: { tensors: tf.memory().numTensors - before.tensors, data: tf.backend().numDataIds() - before.data },
  };
}

/** Largest difference relative to the largest reference value. */
export function relError(a: Float32Array, ref: Float32Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < ref.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - ref[i]!));
    scale = Math.max(scale, Math.abs(ref[i]!));
  }
  return diff / scale;
}

/** The output shape of a forward op, for building its gradient's inputs. */
export const shapeOf = (f: () => tf.Tensor) => tf.tidy(() => f().shape);

/** A convolution's shapes and settings, as the gradient kernels receive them. */
export interface ConvCase {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: 'same' | 'valid' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}
