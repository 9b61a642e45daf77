import { describe, expect, it } from 'vitest';
import { createRng } from '../runtime/rng.ts';
import { randomSampler } from './sampler.ts';

describe('randomSampler', () => {
  it('gives every index once per epoch, in a new order each epoch', () => {
    const draw = randomSampler(10, createRng(7));
    const epochs = [0, 1, 2].map(() => Array.from({ length: 10 }, draw));
    for (const e of epochs) expect([...e].sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
    expect(epochs[0]).not.toEqual(epochs[1]);
  });

  it('repeats exactly for the same seed', () => {
    const a = randomSampler(50, createRng(3));
    const b = randomSampler(50, createRng(3));
    expect(Array.from({ length: 120 }, a)).toEqual(Array.from({ length: 120 }, b));
  });

  it('rejects an empty or fractional count', () => {
    expect(() => randomSampler(0, createRng(1))).toThrow(/at least 1, got 0/);
    expect(() => randomSampler(2.5, createRng(1))).toThrow(/got 2.5/);
  });
});
