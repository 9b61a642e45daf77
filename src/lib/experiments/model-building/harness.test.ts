import { describe, expect, it } from 'vitest';
import { createRng } from '../../runtime/rng.ts';
import { batches, centreCrops, INPUTS, MAX_SHIFT, SIDE, type Digits } from './harness.ts';

/** Digits whose pixel (r, c) holds r * 28 + c, plus the digit's index times 1000. */
function numbered(count: number): Digits {
  const pixels = new Float32Array(count * 784);
  for (let i = 0; i < count; i++) for (let p = 0; p < 784; p++) pixels[i * 784 + p] = i * 1000 + p;
  const labels = Int32Array.from({ length: count }, (_, i) => i % 10);
  const oneHot = new Float32Array(count * 10);
  labels.forEach((l, i) => (oneHot[i * 10 + l] = 1));
  return { count, pixels, labels, oneHot };
}

/** Where a window starts, read back from its first pixel. */
const origin = (window: Float32Array) => {
  const p = window[0]! % 1000;
  return [Math.floor(p / 28), p % 28];
};

describe('classifier inputs', () => {
  it('tests on the central 20x20 window, row by row', () => {
    const crops = centreCrops(numbered(2));
    expect(crops).toHaveLength(2 * INPUTS);
    expect(origin(crops.subarray(0, INPUTS))).toEqual([4, 4]);
    // Row r of the window is image row 4 + r, columns 4..23.
    expect(crops[SIDE]).toBe(5 * 28 + 4);
    expect(crops[INPUTS - 1]).toBe(23 * 28 + 23);
    expect(crops[INPUTS]).toBe(1000 + 4 * 28 + 4);
  });

  it('shifts each training window by at most `shift` pixels, keeping labels with their digits', () => {
    const data = numbered(200);
    const starts = new Set<string>();
    for (const b of batches(data, 64, createRng(3), 1)) {
      for (let k = 0; k < b.size; k++) {
        const window = b.xs.subarray(k * INPUTS, (k + 1) * INPUTS);
        const digit = Math.floor(window[0]! / 1000);
        expect(b.labels[k]).toBe(data.labels[digit]);
        const [r, c] = origin(window);
        expect(Math.abs(r! - 4)).toBeLessThanOrEqual(1);
        expect(Math.abs(c! - 4)).toBeLessThanOrEqual(1);
        starts.add(`${r},${c}`);
      }
    }
    expect(starts.size).toBe(9); // every shift in -1..1 x -1..1 turns up over 200 digits
    for (const b of batches(data, 64, createRng(3), 0))
      for (let k = 0; k < b.size; k++) expect(origin(b.xs.subarray(k * INPUTS))).toEqual([4, 4]);
  });

  it('rejects a shift the window cannot take', () => {
    expect(() => batches(numbered(1), 1, createRng(1), MAX_SHIFT + 1).next()).toThrow(
      /shift must be an integer from 0 to 4/,
    );
    expect(() => batches(numbered(1), 1, createRng(1), 0.5).next()).toThrow(RangeError);
  });
});
