import { z } from 'astro/zod';

/** Where the exporter (benchmarks/python/export_onnx.py) writes the model and PyTorch's outputs. */
export const ONNX_MODEL_DIR = 'models/mnist-cnn-torch';

const referenceSchema = z.object({
  format: z.literal('tfc-onnx-reference-v1'),
  model: z.string(),
  modelBytes: z.number().int().positive(),
  input: z.object({
    name: z.string(),
    shape: z.tuple([z.number().int().positive(), z.literal(1), z.literal(28), z.literal(28)]),
  }),
  output: z.object({ name: z.string(), shape: z.tuple([z.number().int().positive(), z.literal(10)]) }),
  logits: z.array(z.array(z.number()).length(10)),
  pytorchTestAccuracy: z.number().min(0).max(1),
  provenance: z.object({ torch: z.string(), date: z.string(), command: z.string() }).loose(),
});
export type OnnxReference = z.infer<typeof referenceSchema>;

export class ReferenceError extends Error {}

/** Parses reference.json; a malformed or inconsistent file is a clear error, never a wrong figure. */
export function parseReference(bytes: Uint8Array): OnnxReference {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new ReferenceError(`ONNX reference outputs are not JSON: ${(e as Error).message}`);
  }
  const parsed = referenceSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ReferenceError(`ONNX reference outputs: ${issue.path.join('.') || 'file'}: ${issue.message}`);
  }
  if (parsed.data.logits.length !== parsed.data.input.shape[0])
    throw new ReferenceError(
      `ONNX reference outputs: ${parsed.data.logits.length} rows of logits for a batch of ${parsed.data.input.shape[0]}`,
    );
  return parsed.data;
}
