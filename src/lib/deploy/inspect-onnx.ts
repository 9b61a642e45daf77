import type * as Ort from 'onnxruntime-web';

/** What a reader's model file turned out to hold, or why it could not be read. */
export interface OnnxSummary {
  bytes: number;
  inputs: ValueSummary[];
  outputs: ValueSummary[];
}
export interface ValueSummary {
  name: string;
  /** e.g. "float32 [batch, 1, 28, 28]", or "not a tensor". */
  type: string;
}

export class ModelFileError extends Error {}

/** Larger files are refused before ONNX Runtime sees them: this is a quick check, not a loader. */
export const MAX_MODEL_BYTES = 64 * 2 ** 20;

/**
 * Opens a reader's file with ONNX Runtime and lists its inputs and outputs. Every way a file can
 * be wrong ends in a ModelFileError whose message says what was wrong, never in an exception
 * from deep inside the runtime.
 */
export async function inspectOnnx(ort: typeof Ort, bytes: Uint8Array): Promise<OnnxSummary> {
  if (bytes.byteLength === 0) throw new ModelFileError('The file is empty.');
  if (bytes.byteLength > MAX_MODEL_BYTES)
    throw new ModelFileError(
      `The file is ${(bytes.byteLength / 2 ** 20).toFixed(1)} MB; this check opens models up to ${MAX_MODEL_BYTES / 2 ** 20} MB.`,
    );
  const head = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart();
  if (head.startsWith('{'))
    throw new ModelFileError('This is a JSON file (a TensorFlow.js model.json, perhaps), not an ONNX model.');
  let session: Ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new ModelFileError(`ONNX Runtime could not read this file as an ONNX model: ${reason}`);
  }
  try {
    return {
      bytes: bytes.byteLength,
      inputs: session.inputMetadata.map(describe),
      outputs: session.outputMetadata.map(describe),
    };
  } finally {
    await session.release();
  }
}

function describe(value: Ort.InferenceSession.ValueMetadata): ValueSummary {
  if (!value.isTensor) return { name: value.name, type: 'not a tensor' };
  return { name: value.name, type: `${value.type} [${value.shape.join(', ')}]` };
}
