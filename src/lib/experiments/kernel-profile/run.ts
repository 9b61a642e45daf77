import type * as tfc from '@tensorflow/tfjs-core';
import type { Experiment, ExperimentOutput } from '../../runtime/experiment.ts';
import { spread } from '../../runtime/stats.ts';
import { checkpoint, type Timing } from '../../runtime/timing.ts';
import { kernelProfileParams } from './params.ts';

export { metricLabel } from './labels.ts';

const INPUTS = 784;
const CLASSES = 10;
const now = () => performance.now();
/** Backends whose reads complete synchronously, where tfjs debug mode checks every output. */
const DEBUG_BACKENDS = new Set(['cpu', 'wasm']);

/** A Timing from per-step figures that were measured some other way than timeSteps (no warm-ups). */
const timingOf = (timesMs: number[]): Timing => ({
  protocol: { warmups: 0, runs: timesMs.length, readback: true },
  firstMs: timesMs[0]!,
  timesMs,
  wall: spread(timesMs),
});

/**
 * What the profiler and the debug mode of TensorFlow.js show about one training step: which kernels
 * it launches and how long each takes (tf.profile, the equivalent of TF's and PyTorch's profilers'
 * per-op tables), and what checking every kernel's output for NaN costs (tfjs's DEBUG flag, the
 * analogue of tf.debugging.enable_check_numerics and torch.autograd.detect_anomaly). Debug mode
 * prints a line per kernel; those lines are counted rather than sent to the console.
 */
export const kernelProfile: Experiment<typeof kernelProfileParams> = {
  id: 'kernel-profile',
  title: 'Profiler and debug mode on one training step',
  params: kernelProfileParams,
  async run(params, { tf, backend, progress, signal, rng }): Promise<ExperimentOutput> {
    const { hidden, batch } = params;
    const normal = (n: number, scale: number) => Float32Array.from({ length: n }, () => rng.normal() * scale);
    // Inside tidy, the initial values and the label indices are freed; variables are kept.
    const vars = tf.tidy(() => [
      tf.variable(tf.tensor2d(normal(INPUTS * hidden, Math.sqrt(2 / INPUTS)), [INPUTS, hidden])),
      tf.variable(tf.zeros([hidden])),
      tf.variable(tf.tensor2d(normal(hidden * CLASSES, Math.sqrt(1 / hidden)), [hidden, CLASSES])),
      tf.variable(tf.zeros([CLASSES])),
    ]);
    const labels = Array.from({ length: batch }, () => rng.int(CLASSES));
    const x = tf.tensor2d(normal(batch * INPUTS, 1), [batch, INPUTS]);
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES));
    const optimizer = tf.train.adam(0.001);
    const step = async () => {
      const cost = optimizer.minimize(
        () => {
          const h = tf.relu(tf.add(tf.matMul(x, vars[0] as tfc.Tensor2D), vars[1]!));
          return tf.losses.softmaxCrossEntropy(
            y,
            tf.add(tf.matMul(h, vars[2] as tfc.Tensor2D), vars[3]!),
          ) as tfc.Scalar;
        },
        true,
        vars,
      )!;
      await cost.data();
      cost.dispose();
    };
    const total = params.profiledSteps + 2 * params.debugSteps;
    let done = 0;
    try {
      await step(); // first step apart: kernel compilation would dominate the profile
      const perKernel = new Map<string, number[]>();
      let kernelsPerStep = 0;
      for (let i = 0; i < params.profiledSteps; i++) {
        await checkpoint(signal);
        const info = await tf.profile(step);
        kernelsPerStep = info.kernels.length;
        const sums = new Map<string, number>();
        for (const k of info.kernels) {
          const ms = await k.kernelTimeMs;
          if (typeof ms === 'number') sums.set(k.name, (sums.get(k.name) ?? 0) + ms);
        }
        for (const [name, ms] of sums) perKernel.set(name, [...(perKernel.get(name) ?? []), ms]);
        progress(++done / total);
      }
      const kernelTimings = () => {
        const timings: Record<string, Timing> = {};
        // Slowest kernels first, so the table reads as a profile.
        const byTime = [...perKernel].sort((a, b) => spread(b[1]).median - spread(a[1]).median);
        for (const [name, times] of byTime)
          if (times.length === params.profiledSteps) timings[`kernel_${name}`] = timingOf(times);
        return timings;
      };
      const stepTimes = async () => {
        const times: number[] = [];
        for (let i = 0; i < params.debugSteps; i++) {
          await checkpoint(signal);
          const t0 = now();
          await step();
          times.push(now() - t0);
          progress(++done / total);
        }
        return times;
      };
      const off = await stepTimes();
      // On the GPU backends, debug mode reads each kernel's output asynchronously and fails on the
      // intermediates that minimize() frees before the read arrives (unhandled errors, and checks
      // that never happen), so it is measured only where reads are synchronous.
      if (!DEBUG_BACKENDS.has(backend)) {
        progress(1);
        return {
          metrics: { kernels_per_step: kernelsPerStep, step_ms_debug_off: spread(off).median, debug_measured: 0 },
          timings: { ...kernelTimings(), step_debug_off: timingOf(off) },
        };
      }
      const debugWas = tf.env().getBool('DEBUG');
      const log = console.log;
      let logLines = 0;
      console.log = () => void logLines++;
      tf.env().set('DEBUG', true);
      let on: number[];
      try {
        on = await stepTimes();
        // Debug mode's per-kernel lines arrive after each output's data resolves.
        await new Promise((resolve) => setTimeout(resolve, 0));
      } finally {
        tf.env().set('DEBUG', debugWas);
        console.log = log;
      }
      const timings = kernelTimings();
      timings.step_debug_off = timingOf(off);
      timings.step_debug_on = timingOf(on);
      const offMs = spread(off).median;
      const onMs = spread(on).median;
      return {
        metrics: {
          kernels_per_step: kernelsPerStep,
          step_ms_debug_off: offMs,
          step_ms_debug_on: onMs,
          debug_slowdown: onMs / offMs,
          debug_log_lines: logLines,
          debug_measured: 1,
        },
        timings,
      };
    } finally {
      vars.forEach((v) => v.dispose());
      optimizer.dispose();
      x.dispose();
      y.dispose();
    }
  },
};
