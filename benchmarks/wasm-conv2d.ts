/**
 * The forward convolution on tfjs's WASM backend, in Node: this site's SIMD kernel
 * (src/lib/kernels/conv2d.ts, simd/kernels.wat conv2d) against the backend's own XNNPACK Conv2D,
 * on the MNIST CNN's two layers (batch 64, 3x3, stride 1, same padding) and on the convolution its
 * input gradient runs (the output gradient, 14x14x32, back to 16 channels):
 *
 *   npm run -s bench:wasm-conv2d [-- --runs N]
 *
 * Each is checked against the cpu backend's Conv2D before it is timed. Times the kernel call
 * alone: WASM kernels run synchronously, so no read-back is needed to know the work is done.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { registerWasmTrainingKernels } from '../src/lib/kernels/register-wasm.ts';
import { runBuiltIn } from '../src/lib/kernels/wasm-backend.ts';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 40;
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write('usage: npm run -s bench:wasm-conv2d [-- --runs N]\n');
  process.exit(2);
}
registerWasmTrainingKernels();
if (!(await tf.setBackend('wasm'))) {
  process.stderr.write('tfjs could not start the wasm backend\n');
  process.exit(1);
}
await tf.ready();

const attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC', dilations: 1 } as unknown as tf.NamedAttrMap;
type Conv = (x: tf.Tensor4D, f: tf.Tensor4D) => tf.Tensor;
const candidates: [string, Conv][] = [
  ['registered kernel (SIMD tiles)', (x, f) => tf.engine().runKernel('Conv2D', { x, filter: f }, attrs) as tf.Tensor],
  [
    'backend XNNPACK Conv2D',
    (x, f) =>
      tf
        .engine()
        .makeTensorFromTensorInfo(runBuiltIn('Conv2D', { inputs: { x, filter: f }, backend: tf.backend(), attrs })),
  ],
];
const layers = [
  { name: 'conv1 28x28x1 -> 16', x: [64, 28, 28, 1], cout: 16 },
  { name: 'conv2 14x14x16 -> 32', x: [64, 14, 14, 16], cout: 32 },
  { name: 'conv2 input gradient 14x14x32 -> 16', x: [64, 14, 14, 32], cout: 16 },
] as const;

console.log(`tfjs ${tf.version.tfjs} wasm, simd: ${Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'))}`);
console.log(
  `machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.versions.node}, ` +
    `load ${os.loadavg()[0]!.toFixed(2)}`,
);
console.log(`median of ${runs} timed calls after 3 warm-ups; batch 64, 3x3 filters, stride 1, same padding\n`);

for (const layer of layers) {
  const shape = [...layer.x] as [number, number, number, number];
  const fshape: [number, number, number, number] = [3, 3, shape[3], layer.cout];
  const xs = Float32Array.from({ length: shape.reduce((a, b) => a * b) }, (_, i) => Math.sin(i * 0.37));
  const fs = Float32Array.from({ length: fshape.reduce((a, b) => a * b) }, (_, i) => Math.cos(i * 0.11));
  await tf.setBackend('cpu');
  const reference = tf.tidy(() => tf.conv2d(tf.tensor4d(xs, shape), tf.tensor4d(fs, fshape), 1, 'same'));
  const ref = (await reference.data()) as Float32Array;
  reference.dispose();
  await tf.setBackend('wasm');
  const [x, f] = [tf.tensor4d(xs, shape), tf.tensor4d(fs, fshape)];
  const flops = 2 * 9 * shape[3] * layer.cout * shape[0] * shape[1] * shape[2];
  console.log(layer.name);
  for (const [name, conv] of candidates) {
    const check = conv(x, f);
    const got = (await check.data()) as Float32Array;
    check.dispose();
    let [diff, scale] = [0, 0];
    for (let i = 0; i < ref.length; i++) {
      diff = Math.max(diff, Math.abs(got[i]! - ref[i]!));
      scale = Math.max(scale, Math.abs(ref[i]!));
    }
    for (let i = 0; i < 3; i++) conv(x, f).dispose();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const r = conv(x, f);
      times.push(performance.now() - start);
      r.dispose();
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    console.log(
      `  ${name.padEnd(36)} ${median.toFixed(2).padStart(8)} ms  ${(flops / median / 1e6).toFixed(2).padStart(6)} ` +
        `GFLOP/s  max rel. error vs cpu ${(diff / scale).toExponential(1)}`,
    );
  }
  tf.dispose([x, f]);
}
