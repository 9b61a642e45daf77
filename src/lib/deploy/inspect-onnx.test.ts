import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inspectOnnx, MAX_MODEL_BYTES, ModelFileError } from './inspect-onnx.ts';
import { loadOrt } from './ort.ts';

const model = new Uint8Array(readFileSync('public/models/mnist-cnn-torch/model.onnx'));

describe('inspectOnnx (onnxruntime-web WASM in Node)', () => {
  it('lists the inputs and outputs of the committed PyTorch export', async () => {
    const summary = await inspectOnnx(await loadOrt('wasm'), model);
    expect(summary.bytes).toBe(model.byteLength);
    expect(summary.inputs).toEqual([{ name: 'image', type: 'float32 [batch, 1, 28, 28]' }]);
    expect(summary.outputs).toEqual([{ name: 'logits', type: 'float32 [batch, 10]' }]);
  });

  it('explains each kind of bad file with a ModelFileError', async () => {
    const ort = await loadOrt('wasm');
    const corrupt = model.slice();
    corrupt.fill(0x7f, 0, 64);
    const cases: [Uint8Array, RegExp][] = [
      [new Uint8Array(0), /empty/],
      [new TextEncoder().encode('  {"modelTopology": {}}'), /JSON file .*not an ONNX model/],
      [corrupt, /could not read this file as an ONNX model/],
      [model.subarray(0, 1000), /could not read this file as an ONNX model/],
      [new Uint8Array(MAX_MODEL_BYTES + 1), /this check opens models up to 64 MB/],
    ];
    for (const [bytes, message] of cases) {
      const error = await inspectOnnx(ort, bytes).catch((e: unknown) => e);
      expect(error, String(message)).toBeInstanceOf(ModelFileError);
      expect((error as Error).message).toMatch(message);
    }
  });
});
