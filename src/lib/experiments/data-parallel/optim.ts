/**
 * Adam on a flat weight vector, in plain JavaScript. Every worker (and the parameter server)
 * applies it to the same averaged gradient, so weights stay bit-identical whatever backend
 * computed the gradients; tfjs's optimizers would tie the update to one backend's arithmetic.
 */
export interface AdamState {
  m: Float32Array;
  v: Float32Array;
  t: number;
}

export const adamState = (length: number): AdamState => ({
  m: new Float32Array(length),
  v: new Float32Array(length),
  t: 0,
});

/** tfjs's defaults: beta1 0.9, beta2 0.999, epsilon 1e-7. */
export function adamStep(
  state: AdamState,
  weights: Float32Array,
  grads: ArrayLike<number>,
  lr: number,
  beta1 = 0.9,
  beta2 = 0.999,
  eps = 1e-7,
): void {
  state.t++;
  const c1 = 1 - beta1 ** state.t;
  const c2 = 1 - beta2 ** state.t;
  const { m, v } = state;
  for (let i = 0; i < weights.length; i++) {
    const g = grads[i]!;
    m[i] = beta1 * m[i]! + (1 - beta1) * g;
    v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
    weights[i]! -= (lr * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + eps);
  }
}

/** Element-wise sum of the workers' gradients into the first argument (parameter-server mode). */
export function sumInto(total: Float32Array, parts: readonly Float32Array[]): Float32Array {
  total.fill(0);
  for (const part of parts) {
    if (part.length !== total.length)
      throw new RangeError(`gradient of length ${part.length}, expected ${total.length}`);
    for (let i = 0; i < total.length; i++) total[i]! += part[i]!;
  }
  return total;
}

/** Largest absolute difference between any worker's weights and the first worker's. */
export function maxAbsDifference(vectors: readonly Float32Array[]): number {
  let worst = 0;
  const first = vectors[0]!;
  for (const v of vectors.slice(1)) {
    if (v.length !== first.length) return Infinity;
    for (let i = 0; i < v.length; i++) worst = Math.max(worst, Math.abs(v[i]! - first[i]!));
  }
  return worst;
}
