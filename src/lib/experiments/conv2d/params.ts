import { z } from 'astro/zod';

/**
 * Bounds keep one run inside what a phone or an integrated GPU can hold. Per size, the input, the
 * filter and the output must fit in MAX_FLOATS float32 values (128 MiB): WebGL contexts are lost
 * and tabs killed well before desktop GPU memory runs out. One convolution may cost at most
 * MAX_GFLOP: on the slowest fallback (tfjs cpu, about 1 GFLOP/s) a single run then takes
 * under a minute, and Cancel, checked between runs, answers within that.
 */
export const MAX_FLOATS = 32 * 1024 * 1024;
export const MAX_GFLOP = 40;

/** Output side of a stride-1, "valid" (unpadded) convolution. */
export const convOutSize = (size: number, kernel: number) => size - kernel + 1;

/**
 * FLOPs of one stride-1 "valid" convolution: every output value (N x Hout x Wout x Cout) is a dot
 * product of Cin x K x K inputs with the filter, i.e. that many multiplies and as many adds:
 *   FLOPs = 2 * N * Hout * Wout * Cout * Cin * K * K.
 * With "valid" padding no multiply touches a padded zero, so the count is exact, not an estimate.
 */
export const conv2dFlops = (
  {
    batch,
    channelsIn,
    channelsOut,
    kernel,
  }: { batch: number; channelsIn: number; channelsOut: number; kernel: number },
  size: number,
) => {
  const out = convOutSize(size, kernel);
  return 2 * batch * out * out * channelsOut * channelsIn * kernel * kernel;
};

/** float32 values held for one size: input, filter and output. */
export const conv2dFloats = (
  {
    batch,
    channelsIn,
    channelsOut,
    kernel,
  }: { batch: number; channelsIn: number; channelsOut: number; kernel: number },
  size: number,
) => {
  const out = convOutSize(size, kernel);
  return (
    batch * size * size * channelsIn + kernel * kernel * channelsIn * channelsOut + batch * out * out * channelsOut
  );
};

/** A square-image 2-D convolution across input sizes: GFLOP/s per backend and size. */
export const conv2dParams = z
  .object({
    /** Input height = width, in pixels. */
    sizes: z.array(z.number().int().min(8).max(512)).min(1).max(8).default([32, 64, 128, 224]),
    batch: z.number().int().min(1).max(64).default(4),
    channelsIn: z.number().int().min(1).max(512).default(32),
    channelsOut: z.number().int().min(1).max(512).default(64),
    /** Kernel height = width; every size must be at least this large. */
    kernel: z.number().int().min(1).max(11).default(3),
    warmups: z.number().int().min(0).max(20).default(2),
    runs: z.number().int().min(1).max(100).default(10),
    seed: z.number().int().min(0).max(0xffffffff).default(1),
  })
  .superRefine((p, ctx) => {
    p.sizes.forEach((size, i) => {
      // Metric names carry the size, so a repeated size would overwrite its own result.
      if (p.sizes.indexOf(size) !== i)
        ctx.addIssue({ code: 'custom', path: ['sizes', i], message: `size ${size} is listed twice` });
      else if (size < p.kernel)
        ctx.addIssue({
          code: 'custom',
          path: ['sizes', i],
          message: `size ${size} is smaller than the ${p.kernel}x${p.kernel} kernel`,
        });
      else if (conv2dFloats(p, size) > MAX_FLOATS)
        ctx.addIssue({
          code: 'custom',
          path: ['sizes', i],
          message:
            `size ${size} needs ${(conv2dFloats(p, size) / 2 ** 20).toFixed(0)} M floats with this batch and channels; the ` +
            `limit is ${MAX_FLOATS / 2 ** 20} M (128 MiB)`,
        });
      else if (conv2dFlops(p, size) > MAX_GFLOP * 1e9)
        ctx.addIssue({
          code: 'custom',
          path: ['sizes', i],
          message:
            `size ${size} costs ${(conv2dFlops(p, size) / 1e9).toFixed(1)} GFLOP per run with this batch and channels; the ` +
            `limit is ${MAX_GFLOP}`,
        });
    });
  });
export type Conv2dParams = z.infer<typeof conv2dParams>;
