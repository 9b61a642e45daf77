/**
 * Where the MNIST CNN's training step spends its time on tfjs's WASM backend, in Node, kernel by
 * kernel (tf.profile), with this site's training kernels registered as the site registers them:
 *
 *   npm run -s bench:wasm-cnn-profile [-- --steps N] [--profiles N] [--shapes]
 *
 * The model is the site's own (src/lib/experiments/mnist-cnn/model.ts, 16 and 32 filters), the
 * step the benchmark workload's (batch 64, Adam, softmax cross-entropy, loss read back), on seeded
 * random images: kernel times do not depend on the pixel values. Prints the step's median wall
 * time, then each kernel's time per step (mean over the profiled steps) and calls per step, with
 * whether the kernel is one of ours; with --shapes, one line per kernel and input shapes. Use it to
 * see which kernel to work on next.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { makeCnn } from '../src/lib/experiments/mnist-cnn/model.ts';
import { registerWasmTrainingKernels, WASM_TRAINING_KERNELS } from '../src/lib/kernels/register-wasm.ts';
import { parseArgs } from 'node:util';
import { createRng } from '../src/lib/runtime/rng.ts';

const USAGE = 'usage: npm run -s bench:wasm-cnn-profile [-- --steps N] [--profiles N] [--shapes]';
const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '60' },
    profiles: { type: 'string', default: '10' },
    shapes: { type: 'boolean', default: false },
  },
});
const [steps, profiles] = [Number(values.steps), Number(values.profiles)];
if (![steps, profiles].every((n) => Number.isInteger(n) && n >= 1)) {
  process.stderr.write(`${USAGE}\n--steps and --profiles take whole numbers >= 1\n`);
  process.exit(2);
}

registerWasmTrainingKernels();
const ours = new Set(WASM_TRAINING_KERNELS.map((k) => k.kernelName));
if (!(await tf.setBackend('wasm'))) {
  process.stderr.write('tfjs could not start the wasm backend\n');
  process.exit(1);
}
await tf.ready();

const rng = createRng(1);
const model = makeCnn(tf as unknown as Parameters<typeof makeCnn>[0], rng, 16, 32);
const optimizer = tf.train.adam(0.002);
const batch = 64;
const pixels = Float32Array.from({ length: batch * 784 }, () => rng.next());
const labels = new Float32Array(batch * 10);
for (let i = 0; i < batch; i++) labels[i * 10 + (i % 10)] = 1;

const step = async () => {
  const xs = tf.tensor4d(pixels, [batch, 28, 28, 1]);
  const ys = tf.tensor2d(labels, [batch, 10]);
  const loss = optimizer.minimize(
    () => tf.losses.softmaxCrossEntropy(ys, model.logits(xs)) as tf.Scalar,
    true,
    model.vars as unknown as tf.Variable[],
  )!;
  await loss.data();
  tf.dispose([loss, xs, ys]);
};

for (let i = 0; i < 10; i++) await step();
const times: number[] = [];
for (let i = 0; i < steps; i++) {
  const t0 = performance.now();
  await step();
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);

const perKernel = new Map<string, { ms: number; calls: number }>();
for (let i = 0; i < profiles; i++) {
  const info = await tf.profile(step);
  for (const k of info.kernels) {
    const key = values.shapes ? `${k.name} ${k.inputShapes.map((s) => `[${s.join(',')}]`).join(' ')}` : k.name;
    const entry = perKernel.get(key) ?? { ms: 0, calls: 0 };
    entry.ms += Number(k.kernelTimeMs) / profiles;
    entry.calls += 1 / profiles;
    perKernel.set(key, entry);
  }
}
model.dispose();
optimizer.dispose();

console.log(`tfjs ${tf.version.tfjs} wasm, simd: ${String(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'))}`);
console.log(
  `machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.versions.node}, ` +
    `load ${os.loadavg()[0]!.toFixed(2)}`,
);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
console.log(
  `step: median ${at(0.5).toFixed(2)} ms (p10 ${at(0.1).toFixed(2)}, p90 ${at(0.9).toFixed(2)}) over ${steps} steps; ` +
    `kernels over ${profiles} profiled steps:\n`,
);
const rows = [...perKernel.entries()].sort((a, b) => b[1].ms - a[1].ms);
const total = rows.reduce((sum, [, v]) => sum + v.ms, 0);
const width = Math.max(26, ...rows.map(([name]) => name.length + 1));
for (const [name, v] of rows)
  console.log(
    `${name.padEnd(width)} ${v.ms.toFixed(2).padStart(6)} ms ${String(Math.round(v.calls)).padStart(4)} calls` +
      `${ours.has(name.split(' ')[0]!) ? '   (this site)' : ''}`,
  );
console.log(`${'all kernels'.padEnd(width)} ${total.toFixed(2).padStart(6)} ms`);
