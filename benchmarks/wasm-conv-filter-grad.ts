/**
 * Ways to compute a convolution's filter gradient on tfjs's WASM backend, in Node, timed on the
 * MNIST CNN's two layers (benchmarks/workloads.json, batch 64) and on channel counts between them:
 *
 *   npm run -s bench:wasm-conv-grad [-- --runs N]
 *
 * - the two XNNPACK forms src/lib/kernels/conv2d-backprop-filter.ts chooses between by input channels:
 *   "im2col + BatchMatMul" (the patches written into the heap transposed, times the output gradient,
 *   by XNNPACK's matrix product) and "conv2d, swapped axes" (one XNNPACK convolution of the input,
 *   batch and channel axes swapped, with the output gradient as the filter), which it uses where
 *   the output channels do not come in fours; and the kernel as registered, which for these layers
 *   is the SIMD loop of simd/kernels.wat (convFilterGrad);
 * - "Conv3DBackpropFilterV2, depth 1": the WASM backend's own 3-D filter gradient on a 5-D view;
 * - "im2col by ops + matMul": the patches built from pad, slice and concat, multiplied by the output
 *   gradient with matMul's transposeA flag (Pᵀ·dy), the fallback the site used before the kernel.
 *
 * Each is checked against the cpu backend's Conv2DBackpropFilter before it is timed. Stride 1,
 * "same" padding, as in the CNN; the kernel's other cases are covered by its unit tests.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { backend_util } from '@tensorflow/tfjs-core';
import { byPatches, bySwappedConv } from '../src/lib/kernels/conv2d-backprop-filter.ts';
import { registerWasmTrainingKernels } from '../src/lib/kernels/register-wasm.ts';
import type { WasmBackend } from '../src/lib/kernels/wasm-backend.ts';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 30;
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write('usage: npm run -s bench:wasm-conv-grad [-- --runs N]\n');
  process.exit(2);
}
registerWasmTrainingKernels();

type Grad = (x: tf.Tensor4D, dy: tf.Tensor4D, k: number) => tf.Tensor;
const attrs = (filterShape: number[]) =>
  ({ strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape }) as unknown as tf.NamedAttrMap;

const direct =
  (form: typeof byPatches): Grad =>
  (x, dy, k) => {
    const info = backend_util.computeConv2DInfo(x.shape, [k, k, x.shape[3], dy.shape[3]], 1, 1, 'same');
    return tf.engine().makeTensorFromTensorInfo(form(tf.backend() as unknown as WasmBackend, x, dy, info));
  };

const candidates: [string, Grad][] = [
  [
    'registered kernel',
    (x, dy, k) =>
      tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs([k, k, x.shape[3], dy.shape[3]])) as tf.Tensor,
  ],
  ['im2col + BatchMatMul', direct(byPatches)],
  ['conv2d, swapped axes', direct(bySwappedConv)],
  [
    'Conv3DBackpropFilterV2, depth 1',
    (x, dy, k) =>
      tf.tidy(() => {
        const [n, h, w, cin] = x.shape;
        const [, ho, wo, cout] = dy.shape;
        const dw = tf
          .engine()
          .runKernel(
            'Conv3DBackpropFilterV2',
            { x: tf.reshape(x, [n, 1, h, w, cin]), dy: tf.reshape(dy, [n, 1, ho, wo, cout]) },
            { strides: [1, 1, 1], pad: 'same', filterShape: [1, k, k, cin, cout] } as unknown as tf.NamedAttrMap,
          ) as tf.Tensor;
        return tf.reshape(dw, [k, k, cin, cout]);
      }),
  ],
  [
    'im2col by ops + matMul (old fallback)',
    (x, dy, k) =>
      tf.tidy(() => {
        const [n, h, w, cin] = x.shape;
        const cout = dy.shape[3];
        const p = (k - 1) / 2;
        const padded = tf.pad(x, [
          [0, 0],
          [p, p],
          [p, p],
          [0, 0],
        ]);
        const shifted: tf.Tensor4D[] = [];
        for (let i = 0; i < k; i++)
          for (let j = 0; j < k; j++) shifted.push(tf.slice(padded, [0, i, j, 0], [-1, h, w, -1]));
        const cols = tf.reshape(tf.concat(shifted, 3), [n * h * w, k * k * cin]);
        return tf.reshape(tf.matMul(cols, tf.reshape(dy, [n * h * w, cout]), true, false), [k, k, cin, cout]);
      }),
  ],
];

// The CNN's layers (28x28x1 -> 16 filters, 14x14x16 -> 32, 3x3, batch 64), and input-channel
// counts between them, where the registered kernel switches from one form to the other.
const layers = [
  { name: 'conv1 28x28x1 -> 16', x: [64, 28, 28, 1], cout: 16 },
  { name: '14x14x4 -> 32', x: [64, 14, 14, 4], cout: 32 },
  { name: '14x14x8 -> 32', x: [64, 14, 14, 8], cout: 32 },
  { name: 'conv2 14x14x16 -> 32', x: [64, 14, 14, 16], cout: 32 },
] as const;

if (!(await tf.setBackend('wasm'))) {
  process.stderr.write('tfjs could not start the wasm backend\n');
  process.exit(1);
}
await tf.ready();
const threads = (await import('@tensorflow/tfjs-backend-wasm')).getThreadsCount();
console.log(
  `tfjs ${tf.version.tfjs} wasm, simd: ${Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'))}, threads: ${threads}`,
);
console.log(
  `machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.versions.node}, ` +
    `load ${os.loadavg()[0]!.toFixed(2)}`,
);
console.log(`${runs} timed runs after 3 warm-ups, each read back; batch 64, 3x3 filters, stride 1, same padding\n`);

for (const layer of layers) {
  const shape = [...layer.x] as [number, number, number, number];
  const [n, h, w, cin] = shape;
  const xs = Float32Array.from({ length: n * h * w * cin }, (_, i) => Math.sin(i * 0.37));
  const dys = Float32Array.from({ length: n * h * w * layer.cout }, (_, i) => Math.cos(i * 0.11));
  await tf.setBackend('cpu');
  const reference = tf.tidy(() =>
    tf
      .engine()
      .runKernel(
        'Conv2DBackpropFilter',
        { x: tf.tensor4d(xs, shape), dy: tf.tensor4d(dys, [n, h, w, layer.cout]) },
        attrs([3, 3, cin, layer.cout]),
      ),
  ) as tf.Tensor;
  const ref = (await reference.data()) as Float32Array;
  reference.dispose();
  await tf.setBackend('wasm');
  const x = tf.tensor4d(xs, shape);
  const dy = tf.tensor4d(dys, [n, h, w, layer.cout]);
  const flops = 2 * 9 * cin * layer.cout * n * h * w;
  console.log(layer.name);
  for (const [name, grad] of candidates) {
    const check = grad(x, dy, 3);
    const got = (await check.data()) as Float32Array;
    check.dispose();
    let diff = 0;
    let scale = 0;
    for (let i = 0; i < ref.length; i++) {
      diff = Math.max(diff, Math.abs(got[i]! - ref[i]!));
      scale = Math.max(scale, Math.abs(ref[i]!));
    }
    for (let i = 0; i < 3; i++) grad(x, dy, 3).dispose();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const r = grad(x, dy, 3);
      await r.data();
      times.push(performance.now() - start);
      r.dispose();
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    const gflops = (flops / median / 1e6).toFixed(2).padStart(6);
    console.log(
      `  ${name.padEnd(36)} ${median.toFixed(2).padStart(8)} ms  ${gflops} GFLOP/s  max rel. error vs ` +
        `cpu ${(diff / scale).toExponential(1)}`,
    );
  }
  tf.dispose([x, dy]);
}
