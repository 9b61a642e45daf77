// TypeScript: the PyTorch model's ONNX file, scored in the browser
// with ONNX Runtime Web. The page's ONNX parity experiment runs this.
import type * as Ort from 'onnxruntime-web';

type OrtModule = typeof Ort;
type Provider = 'webgpu' | 'wasm';

export async function openModel(
  ort: OrtModule,
  modelBytes: Uint8Array,
  provider: Provider,
) {
  return ort.InferenceSession.create(modelBytes, {
    executionProviders: [provider],
  });
}

/** Logits for `count` 28x28 images (pixels 0..255), fed as
 *  PyTorch saw them: NCHW, scaled to 0..1. */
export async function classify(
  ort: OrtModule,
  session: Ort.InferenceSession,
  images: Uint8Array,
  count: number,
) {
  const pixels = Float32Array.from(
    images.subarray(0, count * 784),
    (p) => p / 255,
  );
  const shape = [count, 1, 28, 28];
  const input = new ort.Tensor('float32', pixels, shape);
  const [inputName] = session.inputNames;
  const [outputName] = session.outputNames;
  let output: Ort.Tensor | undefined;
  try {
    const outputs = await session.run({ [inputName!]: input });
    output = outputs[outputName!]!;
    return (await output.getData()) as Float32Array;
  } finally {
    // ONNX Runtime's tensors can hold GPU buffers: free them as
    // soon as the numbers are read.
    input.dispose();
    output?.dispose();
  }
}
