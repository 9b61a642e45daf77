import type { z } from 'astro/zod';
import { expect } from 'vitest';
import type { Experiment } from '../../src/lib/runtime/experiment.ts';
import { runExperiment, type RunOptions } from '../../src/lib/runtime/run.ts';
import { Cancelled } from '../../src/lib/runtime/timing.ts';

/**
 * Starts an experiment, aborts it at its `atReport`-th progress report, and expects the run to
 * reject with Cancelled and leave tfjs's tensor count where it was: the cancel check every unit
 * test of an experiment shares. Returns how many progress reports arrived in all, so a test can
 * also check that no work was reported after the abort.
 */
export async function expectCancelFreesEverything<P extends z.ZodObject>(
  experiment: Experiment<P>,
  params: unknown,
  options: Omit<RunOptions, 'signal' | 'onProgress'>,
  atReport = 1,
): Promise<number> {
  const controller = new AbortController();
  const before = options.tf.memory().numTensors;
  let reports = 0;
  const run = runExperiment(experiment, params, {
    ...options,
    signal: controller.signal,
    onProgress: () => {
      if (++reports === atReport) controller.abort();
    },
  });
  await expect(run).rejects.toBeInstanceOf(Cancelled);
  expect(options.tf.memory().numTensors).toBe(before);
  return reports;
}
