import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { affineUint8, quantizeWeights, toFloat16 } from './quantize.ts';

describe('toFloat16', () => {
  it('gives the IEEE binary16 bits worked out by hand', () => {
    expect(toFloat16(1)).toBe(0x3c00);
    expect(toFloat16(-2)).toBe(0xc000);
    expect(toFloat16(0.5)).toBe(0x3800);
    expect(toFloat16(65504)).toBe(0x7bff); // largest finite half
    expect(toFloat16(1e6)).toBe(0x7c00); // overflows to infinity
    expect(toFloat16(0.1)).toBe(0x2e66); // 0.0999755859375, the nearest half
    expect(toFloat16(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(toFloat16(0)).toBe(0);
    expect(toFloat16(Number.NaN) & 0x7c00).toBe(0x7c00);
  });
  it('rounds halfway cases to even', () => {
    // 1 + 2^-11 lies halfway between 1 and 1 + 2^-10: ties go to the even mantissa (1).
    expect(toFloat16(1 + 2 ** -11)).toBe(0x3c00);
    // 1 + 3 * 2^-11 lies halfway between 1 + 2^-10 and 1 + 2^-9: ties go up to the even one.
    expect(toFloat16(1 + 3 * 2 ** -11)).toBe(0x3c02);
  });
});

describe('affineUint8', () => {
  it('maps min to 0, max to 255 and the middle to 128', () => {
    const { q, min, scale } = affineUint8(Float32Array.from([0, 0.5, 1]));
    expect(Array.from(q)).toEqual([0, 128, 255]);
    expect(min).toBe(0);
    expect(scale).toBeCloseTo(1 / 255, 12);
  });
  it('keeps a constant tensor decodable', () => {
    const { q, min, scale } = affineUint8(Float32Array.from([0, 0, 0]));
    expect(Array.from(q)).toEqual([0, 0, 0]);
    expect(min + q[0]! * scale).toBe(0);
  });
});

describe('quantizeWeights', () => {
  const values = Float32Array.from([-1, -0.25, 0, 0.3, 1, 2]);
  const specs = [
    { name: 'w', shape: [2, 2], dtype: 'float32' as const },
    { name: 'b', shape: [2], dtype: 'float32' as const },
  ];
  it("round-trips through tfjs's own decoder within each format's step", () => {
    for (const [to, size, step] of [
      ['float16', 12, 2 ** -10 * 2],
      ['uint8', 6, 1.25 / 255 / 2 + 1e-7],
    ] as const) {
      const q = quantizeWeights(specs, values.buffer.slice(0), to);
      expect(q.data.byteLength).toBe(size);
      const decoded = tf.io.decodeWeights(q.data, q.specs);
      const back = [...decoded.w!.dataSync(), ...decoded.b!.dataSync()];
      back.forEach((v, i) => expect(Math.abs(v - values[i]!), `${to} ${i}`).toBeLessThanOrEqual(step));
      tf.dispose(Object.values(decoded));
    }
  });
  it('says which weight is inconsistent with the data', () => {
    expect(() => quantizeWeights(specs, values.buffer.slice(0, 20), 'uint8')).toThrow(/weight b runs past the end/);
    expect(() => quantizeWeights(specs.slice(0, 1), values.buffer.slice(0), 'uint8')).toThrow(
      /8 bytes the specs do not describe/,
    );
  });
});
