/** What the sampler needs of the seeded generator (runtime/rng.ts's Rng has it). */
export interface Shuffler {
  shuffle<T>(items: T[]): T[];
}

/**
 * PyTorch's RandomSampler, one epoch after another: the indices 0..count-1 in a seeded shuffled
 * order, reshuffled each time an epoch runs out, so every example is seen once per epoch and the
 * same seed gives the same order everywhere. The reshuffle happens when the next index is drawn,
 * so callers that draw other random numbers between indices keep one reproducible sequence.
 */
export function randomSampler(count: number, rng: Shuffler): () => number {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`a sampler needs a whole number of examples of at least 1, got ${count}`);
  const order = rng.shuffle(Array.from({ length: count }, (_, i) => i));
  let next = 0;
  return () => {
    if (next === order.length) {
      rng.shuffle(order);
      next = 0;
    }
    return order[next++]!;
  };
}
