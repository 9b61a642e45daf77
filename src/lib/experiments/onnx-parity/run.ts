import { classify, openModel } from './shown/browser-inference.ts';
import { loadMnist } from '../../data/mnist.ts';
import { canUseWebgpu, loadOrt } from '../../deploy/ort.ts';
import type { Experiment, ExperimentOutput } from '../../runtime/experiment.ts';
import { checkpoint, type Timing } from '../../runtime/timing.ts';
import { trainingTiming } from '../../training/summary.ts';
import { onnxParityParams } from './params.ts';
import { ONNX_MODEL_DIR, parseReference } from './reference.ts';

export { metricLabel } from './labels.ts';

const PIXELS = 28 * 28;
const now = () => performance.now();

/**
 * A PyTorch model in the reader's browser: the MNIST CNN that benchmarks/python/export_onnx.py
 * trained with PyTorch and exported to ONNX runs here with onnxruntime-web, and its logits are
 * compared with the ones PyTorch itself computed for the same 64 test images. ONNX Runtime uses its
 * WebGPU provider when the reader's backend is WebGPU and its WASM provider otherwise. TensorFlow.js
 * is not involved in the inference: this is the "PyTorch model on a client device" path.
 */
export const onnxParity: Experiment<typeof onnxParityParams> = {
  id: 'onnx-parity',
  title: 'A PyTorch model exported to ONNX, run in the page and checked against PyTorch',
  params: onnxParityParams,
  async run(params, { backend, progress, signal, readSiteFile }): Promise<ExperimentOutput> {
    const [modelBytes, reference, test] = await Promise.all([
      readSiteFile(`${ONNX_MODEL_DIR}/model.onnx`),
      readSiteFile(`${ONNX_MODEL_DIR}/reference.json`).then(parseReference),
      loadMnist('test', readSiteFile),
    ]);
    if (modelBytes.byteLength !== reference.modelBytes)
      throw new Error(
        `model.onnx is ${modelBytes.byteLength} bytes, but its reference file was made for ${reference.modelBytes}: re-run the exporter`,
      );
    const useWebgpu = canUseWebgpu(backend);
    const ort = await loadOrt(useWebgpu ? 'webgpu' : 'wasm');
    let t0 = now();
    const session = await openModel(ort, modelBytes, useWebgpu ? 'webgpu' : 'wasm').catch((e: unknown) => {
      throw new Error(
        `ONNX Runtime could not load model.onnx (${modelBytes.byteLength} bytes): ${e instanceof Error ? e.message : String(e)}`,
      );
    });
    const sessionMs = now() - t0;
    /** Logits for test images [from, from + n). */
    const infer = (from: number, n: number) => classify(ort, session, test.images.subarray(from * PIXELS), n);

    try {
      if (session.inputNames[0] !== reference.input.name || session.outputNames[0] !== reference.output.name)
        throw new Error(
          `model.onnx takes "${session.inputNames[0]}" and gives "${session.outputNames[0]}", its reference expects ` +
            `"${reference.input.name}" and "${reference.output.name}"`,
        );
      progress(0.05);
      const refRows = reference.logits.length;
      const logits = await infer(0, refRows);
      let maxAbsDiff = 0;
      let agree = 0;
      for (let r = 0; r < refRows; r++) {
        const row = reference.logits[r]!;
        const mine = logits.subarray(r * 10, r * 10 + 10);
        for (let c = 0; c < 10; c++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(mine[c]! - row[c]!));
        if (argmax(mine) === argmax(row)) agree++;
      }

      let correct = 0;
      const chunk = 250;
      const count = Math.min(params.testImages, test.count);
      for (let from = 0; from < count; from += chunk) {
        await checkpoint(signal);
        const n = Math.min(chunk, count - from);
        const out = await infer(from, n);
        for (let i = 0; i < n; i++) if (argmax(out.subarray(i * 10, i * 10 + 10)) === test.labels[from + i]) correct++;
        progress(0.05 + (0.45 * (from + n)) / count);
      }

      const timings: Record<string, Timing> = {};
      const sizes = [...new Set([1, params.batch])];
      for (const [k, n] of sizes.entries()) {
        // Every run is timed; trainingTiming keeps the first apart and drops the warm-ups.
        const times: number[] = [];
        for (let i = 0; i < 1 + params.warmups + params.runs; i++) {
          await checkpoint(signal);
          t0 = now();
          await infer(0, n);
          times.push(now() - t0);
        }
        timings[`infer_batch_${n}`] = trainingTiming(times, params.warmups);
        progress(0.5 + (0.5 * (k + 1)) / sizes.length);
      }
      return {
        metrics: {
          max_abs_diff: maxAbsDiff,
          argmax_agreement: agree / refRows,
          test_accuracy: correct / count,
          pytorch_test_accuracy: reference.pytorchTestAccuracy,
          model_kb: modelBytes.byteLength / 1024,
          webgpu_provider: useWebgpu ? 1 : 0,
          session_ms: sessionMs,
        },
        timings,
      };
    } finally {
      await session.release();
    }
  },
};

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
