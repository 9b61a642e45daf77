import { spread } from '../runtime/stats.ts';
import type { Timing } from '../runtime/timing.ts';

/**
 * Training-step timing in the same shape as timeSteps gives: the first step on its own (shader
 * compile, JIT, first allocations), `warmups` steps left out, the rest timed. Every step's time
 * already includes reading its loss back, so GPU work is inside it.
 */
export function trainingTiming(stepMs: readonly number[], warmups: number): Timing {
  const timesMs = stepMs.slice(1 + warmups);
  if (timesMs.length === 0) throw new RangeError(`${stepMs.length} steps leave none to time after ${warmups} warm-ups`);
  return {
    protocol: { warmups, runs: timesMs.length, readback: true },
    firstMs: stepMs[0]!,
    timesMs,
    wall: spread(timesMs),
  };
}

/** Metrics every training experiment reports, from its step times and losses. */
export function trainingMetrics(timing: Timing, losses: readonly number[]): Record<string, number> {
  const last = losses.slice(-10);
  const steady = timing.wall.median;
  return {
    train_steps_per_s: 1000 / steady,
    first_step_ms: timing.firstMs,
    steady_step_ms: steady,
    first_over_steady: timing.firstMs / steady,
    first_loss: losses[0]!,
    // A mean over the last steps: one batch's loss is noisy, ten tell where training stands.
    final_loss: last.reduce((a, b) => a + b, 0) / last.length,
  };
}

/** Progress at most ~100 times a run: enough for a smooth loss chart, few messages out of the worker. */
export const progressEvery = (steps: number) => Math.max(1, Math.ceil(steps / 100));
