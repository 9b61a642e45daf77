import type { io } from '@tensorflow/tfjs-core';

type WeightsManifestEntry = io.WeightsManifestEntry;

/**
 * Post-training weight quantization in TensorFlow.js's own weight format: the same
 * `quantization` metadata (dtype, and min/scale for integers) that tensorflowjs_converter writes
 * with --quantize_float16 / --quantize_uint8, so tfjs's loader (io.decodeWeights) dequantizes it
 * exactly as it would a converted model. Only float32 weights are quantized; others are copied.
 */
export type QuantizeTo = 'float16' | 'uint8';

export interface QuantizedWeights {
  specs: WeightsManifestEntry[];
  data: ArrayBuffer;
}

export function quantizeWeights(
  specs: readonly WeightsManifestEntry[],
  data: ArrayBuffer,
  to: QuantizeTo,
): QuantizedWeights {
  const out: WeightsManifestEntry[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const spec of specs) {
    if ('quantization' in spec && spec.quantization) throw new Error(`weight ${spec.name} is already quantized`);
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const bytes = count * 4;
    if (offset + bytes > data.byteLength) throw new Error(`weight ${spec.name} runs past the end of the weight data`);
    if (spec.dtype !== 'float32') {
      chunks.push(new Uint8Array(data, offset, bytes).slice());
      out.push({ ...spec });
    } else {
      const values = new Float32Array(data.slice(offset, offset + bytes));
      if (to === 'float16') {
        chunks.push(new Uint8Array(Uint16Array.from(values, toFloat16).buffer));
        out.push({ ...spec, quantization: { dtype: 'float16' } });
      } else {
        const { q, min, scale } = affineUint8(values);
        chunks.push(q);
        out.push({ ...spec, quantization: { dtype: 'uint8', min, scale } });
      }
    }
    offset += bytes;
  }
  if (offset !== data.byteLength)
    throw new Error(`weight data has ${data.byteLength - offset} bytes the specs do not describe`);
  const total = chunks.reduce((n, c) => n + c.byteLength, 0);
  const joined = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    joined.set(c, at);
    at += c.byteLength;
  }
  return { specs: out, data: joined.buffer };
}

/** 256 evenly spaced levels from the tensor's min to its max: value = q * scale + min. */
export function affineUint8(values: Float32Array): { q: Uint8Array; min: number; scale: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (values.length === 0) return { q: new Uint8Array(0), min: 0, scale: 1 };
  // A constant tensor (e.g. zero biases) still needs a non-zero scale to decode.
  const scale = max > min ? (max - min) / 255 : 1;
  const q = Uint8Array.from(values, (v) => Math.round((v - min) / scale));
  return { q, min, scale };
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE 754 binary16 bits of a float32, rounding to nearest even (subnormals, inf and NaN kept). */
export function toFloat16(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  const mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    const m = mant | 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    let r = m >>> shift;
    const rest = m & ((1 << shift) - 1);
    if (rest > half || (rest === half && r & 1)) r++;
    return sign | r;
  }
  let r = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && r & 1)) r++;
  return sign | r;
}
