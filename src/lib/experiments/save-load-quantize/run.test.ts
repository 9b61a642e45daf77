import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectRecordOf } from '../../results/record-test-helpers.ts';
import { readPublicFile } from '../../data/read-node.ts';
import { ParamsError, type OutputFile } from '../../runtime/experiment.ts';
import { runExperiment } from '../../runtime/run.ts';
import { saveLoadQuantize } from './run.ts';

const environment = { runner: 'node' as const, versions: { tfjs: tf.version.tfjs } };
const options = { tf, backend: 'cpu' as const, environment, readSiteFile: readPublicFile() };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('save-load-quantize experiment', () => {
  it('reloads the saved model exactly, and quantized weights shrink the file at a small cost', async () => {
    let files: OutputFile[] = [];
    const result = await runExperiment(
      saveLoadQuantize,
      { steps: 60, batchSize: 32, hidden: 16, evalExamples: 300 },
      { ...options, onFiles: (f) => (files = f) },
    );
    expectRecordOf(result);
    const m = result.metrics;
    expect(m.test_accuracy).toBeGreaterThan(0.6);
    // No IndexedDB in Node: the run says so instead of pretending.
    expect(m.indexeddb_tested).toBe(0);
    expect(m).not.toHaveProperty('indexeddb_max_diff');
    expect(m.files_max_diff).toBe(0);
    // 784*16 + 16 + 16*10 + 10 float32 weights.
    expect(m.weights_kb! * 1024).toBe((784 * 16 + 16 + 16 * 10 + 10) * 4);
    expect(m.float16_kb! * 2).toBeCloseTo(m.weights_kb!, 10);
    expect(m.uint8_kb! * 4).toBeCloseTo(m.weights_kb!, 10);
    expect(m.float16_max_diff).toBeGreaterThan(0);
    expect(m.float16_max_diff).toBeLessThan(m.uint8_max_diff!);
    expect(m.uint8_max_diff).toBeLessThan(0.2);
    expect(Math.abs(m.uint8_accuracy! - m.test_accuracy!)).toBeLessThan(0.05);
    expect(result.memory?.leakedTensors).toBe(0);

    // The files offered for download load back with tfjs's own loader and predict the same.
    expect(files.map((f) => f.name)).toEqual(['model.json', 'weights.bin', 'model-uint8.json', 'weights-uint8.bin']);
    const byName = new Map(files.map((f) => [f.name, f.bytes]));
    expect(byName.get('weights.bin')!.byteLength).toBe(m.weights_kb! * 1024);
    expect(byName.get('weights-uint8.bin')!.byteLength).toBe(m.uint8_kb! * 1024);
    const tfl = await import('@tensorflow/tfjs-layers');
    const fromFiles = async (json: string, bin: string) => {
      const modelJson = JSON.parse(new TextDecoder().decode(byName.get(json)));
      expect(modelJson.weightsManifest[0].paths).toEqual([bin]);
      const { weightsManifest, ...rest } = modelJson;
      return tfl.loadLayersModel(
        tf.io.fromMemory({
          ...rest,
          weightSpecs: weightsManifest[0].weights,
          weightData: byName.get(bin)!.slice().buffer,
        }),
      );
    };
    const [full, small] = [
      await fromFiles('model.json', 'weights.bin'),
      await fromFiles('model-uint8.json', 'weights-uint8.bin'),
    ];
    const x = tf.randomUniform([4, 784]);
    const diff = tf.tidy(
      () => tf.max(tf.abs(tf.sub(full.predict(x) as tf.Tensor, small.predict(x) as tf.Tensor))).dataSync()[0]!,
    );
    expect(diff).toBeGreaterThan(0);
    expect(diff).toBeLessThan(0.2);
    tf.dispose([x]);
    full.dispose();
    small.dispose();
  });

  it('rejects out-of-range parameters with the field name', async () => {
    await expect(runExperiment(saveLoadQuantize, { steps: 2 }, options)).rejects.toBeInstanceOf(ParamsError);
    await expect(runExperiment(saveLoadQuantize, { hidden: 4 }, options)).rejects.toThrow(/hidden/);
  });
});
