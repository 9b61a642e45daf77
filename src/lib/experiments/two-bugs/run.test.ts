import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectRecordOf } from '../../results/record-test-helpers.ts';
import { readPublicFile } from '../../data/read-node.ts';
import { ParamsError } from '../../runtime/experiment.ts';
import { runExperiment } from '../../runtime/run.ts';
import { metricLabel } from './labels.ts';
import { twoBugs } from './run.ts';
import { expectCancelFreesEverything } from '../../../../tests/support/cancel.ts';

const environment = { runner: 'node' as const, versions: { tfjs: tf.version.tfjs } };
const readSiteFile = readPublicFile();
const tiny = { hidden: 8, batch: 4, steps: 3 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('two-bugs experiment', () => {
  it('reports where each bug surfaced, how far each version got and the error text, leaking nothing', async () => {
    const result = await runExperiment(twoBugs, tiny, { tf, backend: 'cpu', environment, readSiteFile });
    expectRecordOf(result);
    const m = result.metrics;
    const notes = result.notes!;
    // NaN, eager with a check after each op: stops at the log in the first step, naming it.
    expect(m.nan_eager_checked_where).toBe(1);
    expect(m.nan_eager_checked_step).toBe(1);
    expect(notes.nan_eager_checked_error).toMatch(/^NumericsError: Log: Tensor had Inf values/);
    // Eager without a check, and the graph without checkNumerics, raise nothing: the loss is NaN
    // and every step ran.
    for (const style of ['eager_unchecked', 'graph_unchecked']) {
      expect(m[`nan_${style}_where`]).toBe(2);
      expect(m[`nan_${style}_steps_run`]).toBe(tiny.steps);
      expect(m[`nan_${style}_first_nan_step`]).toBeGreaterThanOrEqual(1);
      expect(notes[`nan_${style}_error`]).toMatch(/no error raised; loss after 3 steps: NaN/);
    }
    // The graph with checkNumerics fails in Session.run and names the check node.
    expect(m.nan_graph_checked_where).toBe(1);
    expect(m.nan_graph_checked_step).toBe(1);
    expect(notes.nan_graph_checked_error).toMatch(
      /InvalidArgumentError: log\(p\) : Tensor had Inf values[\s\S]*\[\[node Log\/CheckNumerics\]\]/,
    );
    // The checked runs stop early; the unchecked graph runs every op of every step.
    expect(m.nan_graph_checked_ops).toBeLessThan(m.nan_graph_unchecked_ops!);
    expect(m.nan_eager_checked_tensors).toBeLessThan(m.nan_eager_unchecked_tensors!);
    // Shape mismatch: eager throws from matMul itself, before its step runs anything else.
    expect(m.shape_eager_where).toBe(1);
    expect(m.shape_eager_step).toBe(1);
    expect(notes.shape_eager_error).toMatch(/matMul/);
    expect(notes.shape_eager_error).toMatch(/1024/);
    // A graph whose input width is declared fails while it is built, with nothing run.
    expect(m.shape_graph_static_where).toBe(0);
    expect(m.shape_graph_static_ops).toBe(0);
    expect(notes.shape_graph_static_error).toMatch(/^ValueError: .*784 and 1024.*layer1\/MatMul/);
    // With the width unknown the graph builds, and Session.run fails at layer1/MatMul.
    expect(m.shape_graph_dynamic_where).toBe(1);
    expect(m.shape_graph_dynamic_step).toBe(1);
    expect(m.shape_graph_dynamic_ops).toBeGreaterThan(0);
    expect(notes.shape_graph_dynamic_error).toMatch(/^InvalidArgumentError: [\s\S]*\[\[node layer1\/MatMul\]\]/);
    expect(result.memory?.leakedTensors).toBe(0);
    for (const name of [...Object.keys(m), ...Object.keys(notes)]) expect(metricLabel(name), name).toBeDefined();
  }, 60_000);

  it('rejects out-of-range parameters and stops on cancel without leaking', async () => {
    await expect(
      runExperiment(twoBugs, { steps: 0 }, { tf, backend: 'cpu', environment, readSiteFile }),
    ).rejects.toBeInstanceOf(ParamsError);
    await expect(
      runExperiment(twoBugs, { hidden: 513 }, { tf, backend: 'cpu', environment, readSiteFile }),
    ).rejects.toThrow(/hidden/);
    await expectCancelFreesEverything(twoBugs, tiny, { tf, backend: 'cpu', environment, readSiteFile });
  }, 60_000);
});
