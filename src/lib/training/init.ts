import type { Rng } from '../runtime/rng.ts';

/** Normal values scaled to std `scale`, from the seeded generator (same weights in every browser). */
export const normalValues = (rng: Rng, length: number, scale: number) =>
  Float32Array.from({ length }, () => rng.normal() * scale);
