/**
 * How much a transposed matrix product costs on tfjs's WASM backend, in Node.
 *
 *   npm run -s bench:wasm-matmul [-- --runs N]
 *
 * A dense layer's gradients are products with a transposed input (dW = xᵀ·dy, dx = dy·Wᵀ), and
 * tfjs computes them with matMul's transposeA/transposeB flags. The WASM backend sends a product
 * to XNNPACK only when neither flag is set (tfjs-backend-wasm/src/cc/batch_mat_mul_impl.cc) and
 * loops otherwise. This times, for the first layer of an MNIST MLP (batch 64, 784 -> 256), the
 * forward product and both gradient products, each with the flag and as an explicit transpose
 * followed by a plain product, and prints median milliseconds and GFLOP/s.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 50;
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write('usage: npm run -s bench:wasm-matmul [-- --runs N]\n');
  process.exit(2);
}
if (!(await tf.setBackend('wasm'))) {
  process.stderr.write('tfjs could not start the wasm backend\n');
  process.exit(1);
}
await tf.ready();

const [batch, inputs, units] = [64, 784, 256];
const x = tf.randomNormal([batch, inputs], 0, 1, 'float32', 1);
const w = tf.randomNormal([inputs, units], 0, 1, 'float32', 2);
const dy = tf.randomNormal([batch, units], 0, 1, 'float32', 3);
const flops = 2 * batch * inputs * units;
const cases: [string, () => tf.Tensor][] = [
  ['forward x·W (no flag)', () => tf.matMul(x, w)],
  ['dW = xᵀ·dy, transposeA flag', () => tf.matMul(x, dy, true, false)],
  ['dW = xᵀ·dy, explicit transpose', () => tf.tidy(() => tf.matMul(tf.transpose(x), dy))],
  ['dx = dy·Wᵀ, transposeB flag', () => tf.matMul(dy, w, false, true)],
  ['dx = dy·Wᵀ, explicit transpose', () => tf.tidy(() => tf.matMul(dy, tf.transpose(w)))],
];
console.log(
  `tfjs ${tf.version.tfjs} wasm, simd: ${Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'))}, ` +
    `threads: ${Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'))}`,
);
console.log(
  `machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.versions.node}, ` +
    `load ${os.loadavg()[0]!.toFixed(2)}`,
);
console.log(`shapes: batch ${batch}, ${inputs} -> ${units}; ${runs} timed runs after 5 warm-ups, each read back`);
for (const [name, product] of cases) {
  for (let i = 0; i < 5; i++) product().dispose();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const r = product();
    await r.data();
    times.push(performance.now() - start);
    r.dispose();
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(
    `${name.padEnd(34)} ${median.toFixed(2).padStart(7)} ms  ${(flops / median / 1e6).toFixed(1).padStart(6)} GFLOP/s`,
  );
}
tf.dispose([x, w, dy]);
