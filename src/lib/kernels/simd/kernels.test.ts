import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assembleSimdKernels, toBase64 } from './assemble.ts';
import { SIMD_KERNELS_PLAIN, SIMD_KERNELS_SHARED } from './kernels.wasm.ts';

const wat = readFileSync(new URL('kernels.wat', import.meta.url), 'utf8');
const bytes = (b64: string) => Uint8Array.from(Buffer.from(b64, 'base64'));

describe('the SIMD kernels module', () => {
  it('is the assembly of kernels.wat (run npm run -s build:simd-kernels after editing it)', async () => {
    const { plain, shared } = await assembleSimdKernels(wat);
    expect(SIMD_KERNELS_PLAIN).toBe(toBase64(plain));
    expect(SIMD_KERNELS_SHARED).toBe(toBase64(shared));
  });

  it('runs on a plain memory and on a shared one, as the plain and threaded backends have', () => {
    const memories = [
      [SIMD_KERNELS_PLAIN, new WebAssembly.Memory({ initial: 1 })],
      [SIMD_KERNELS_SHARED, new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true })],
    ] as const;
    for (const [code, memory] of memories) {
      const { sumRows } = new WebAssembly.Instance(new WebAssembly.Module(bytes(code)), { env: { memory } })
        .exports as { sumRows: (src: number, dst: number, rows: number, cols: number) => void };
      const heap = new Float32Array(memory.buffer);
      heap.set([1, 2, 3, 4, 10, 20, 30, 40, 100, 200, 300, 400], 0);
      sumRows(0, 64, 3, 4);
      expect(Array.from(heap.subarray(16, 20))).toEqual([111, 222, 333, 444]);
    }
  });

  it('will not pair a plain import with a shared memory (so the loader must pick by memory)', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
    expect(
      () => new WebAssembly.Instance(new WebAssembly.Module(bytes(SIMD_KERNELS_PLAIN)), { env: { memory } }),
    ).toThrow(WebAssembly.LinkError);
  });
});
