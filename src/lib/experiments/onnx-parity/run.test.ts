import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectRecordOf } from '../../results/record-test-helpers.ts';
import { readPublicFile } from '../../data/read-node.ts';
import { ParamsError } from '../../runtime/experiment.ts';
import { runExperiment } from '../../runtime/run.ts';
import { parseReference, ReferenceError } from './reference.ts';
import { onnxParity } from './run.ts';

const environment = { runner: 'node' as const, versions: { tfjs: tf.version.tfjs } };
const options = { tf, backend: 'cpu' as const, environment, readSiteFile: readPublicFile() };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('onnx-parity experiment (onnxruntime-web WASM in Node)', () => {
  it("reproduces PyTorch's logits for the exported CNN and its accuracy on the test subset", async () => {
    const result = await runExperiment(onnxParity, { testImages: 500, batch: 8, warmups: 0, runs: 2 }, options);
    expectRecordOf(result);
    // float32 kernels differ in summation order between PyTorch and ONNX Runtime: tiny, not zero.
    expect(result.metrics.max_abs_diff).toBeLessThan(1e-3);
    expect(result.metrics.argmax_agreement).toBe(1);
    expect(result.metrics.test_accuracy).toBeGreaterThan(0.9);
    expect(result.metrics.webgpu_provider).toBe(0);
    expect(Object.keys(result.timings)).toEqual(['infer_batch_1', 'infer_batch_8']);
    expect(result.memory?.leakedTensors).toBe(0);
  });

  it('says clearly when the model file is corrupt, and leaks nothing', async () => {
    const read = readPublicFile();
    const corrupt = async (path: string) => {
      const bytes = await read(path);
      if (!path.endsWith('.onnx')) return bytes;
      const broken = bytes.slice();
      broken.fill(0x7f, 0, 64); // same size, unreadable header
      return broken;
    };
    await expect(runExperiment(onnxParity, { testImages: 64 }, { ...options, readSiteFile: corrupt })).rejects.toThrow(
      /ONNX Runtime could not load model\.onnx \(\d+ bytes\)/,
    );
    const truncated = async (path: string) => (await read(path)).subarray(0, path.endsWith('.onnx') ? 100 : undefined);
    await expect(
      runExperiment(onnxParity, { testImages: 64 }, { ...options, readSiteFile: truncated }),
    ).rejects.toThrow(/model\.onnx is 100 bytes, but its reference file was made for \d+/);
    expect(tf.memory().numTensors).toBe(0);
  });

  it('rejects out-of-range parameters with the field name', async () => {
    await expect(runExperiment(onnxParity, { batch: 0 }, options)).rejects.toBeInstanceOf(ParamsError);
    await expect(runExperiment(onnxParity, { testImages: 1 }, options)).rejects.toThrow(/testImages/);
  });
});

describe('ONNX reference file', () => {
  const valid = async () =>
    JSON.parse(new TextDecoder().decode(await readPublicFile()('models/mnist-cnn-torch/reference.json')));
  const bytes = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

  it('accepts the committed file', async () => {
    expect(parseReference(bytes(await valid())).logits).toHaveLength(64);
  });
  it('names the field that is wrong', async () => {
    const broken = await valid();
    broken.logits[3] = [1, 2, 3];
    expect(() => parseReference(bytes(broken))).toThrow(ReferenceError);
    expect(() => parseReference(bytes(broken))).toThrow(/logits\.3/);
  });
  it('says when rows are missing or the file is not JSON', async () => {
    const short = await valid();
    short.logits.pop();
    expect(() => parseReference(bytes(short))).toThrow(/63 rows of logits for a batch of 64/);
    expect(() => parseReference(bytes('{"format": '))).toThrow(/not JSON/);
  });
});
