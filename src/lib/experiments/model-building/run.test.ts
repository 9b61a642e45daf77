import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectRecordOf } from '../../results/record-test-helpers.ts';
import { readPublicFile } from '../../data/read-node.ts';
import { ParamsError } from '../../runtime/experiment.ts';
import { runExperiment } from '../../runtime/run.ts';
import { loadMnistCached } from '../../training/data.ts';
import { metricLabel } from './labels.ts';
import { modelBuilding, pythonTextName } from './run.ts';
import { expectCancelFreesEverything } from '../../../../tests/support/cancel.ts';

const environment = { runner: 'node' as const, versions: { tfjs: tf.version.tfjs } };
const readSiteFile = readPublicFile();
// What the chapter hands the panel: the Python tabs' text, from the files the page shows.
const PYTHON = ['tf1', 'tf2', 'torch', 'jax'] as const;
const texts = Object.fromEntries(
  PYTHON.map((fw) => [pythonTextName(fw), readFileSync(`content/snippets/model-building/classifier.${fw}.py`, 'utf8')]),
);
const tiny = { epochs: 2, batchSize: 20, hidden: 16, trainExamples: 500, testExamples: 200 };

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build-data.ts'], { stdio: 'ignore' });
  await Promise.all([loadMnistCached('train', readSiteFile), loadMnistCached('test', readSiteFile)]);
  await tf.setBackend('cpu');
});

describe('model-building experiment', () => {
  it('trains every style on real digits and reports time, accuracy and lines counted from the snippet files', async () => {
    const result = await runExperiment(modelBuilding, tiny, { tf, backend: 'cpu', environment, readSiteFile, texts });
    expectRecordOf(result);
    for (const style of ['graph', 'keras', 'module']) {
      expect(result.metrics[`test_accuracy_${style}`], style).toBeGreaterThan(0.5);
      expect(result.metrics[`epoch_ms_${style}`], style).toBeGreaterThan(0);
      expect(result.timings[`epoch_${style}`]?.timesMs, style).toHaveLength(1);
      expect(result.metrics[`loc_ts_${style}`], style).toBeGreaterThan(10);
    }
    for (const py of PYTHON) expect(result.metrics[`loc_py_${py}`], py).toBeGreaterThan(5);
    // Keras owns its loop, so its file is the shortest of the Python ones.
    expect(result.metrics.loc_py_tf2!).toBeLessThan(result.metrics.loc_py_tf1!);
    expect(result.metrics.loc_py_tf2!).toBeLessThan(result.metrics.loc_py_torch!);
    expect(result.metrics.loc_py_tf2!).toBeLessThan(result.metrics.loc_py_jax!);
    for (const name of Object.keys(result.metrics)) expect(metricLabel(name), name).toBeDefined();
    expect(result.memory?.leakedTensors).toBe(0);
  }, 120_000);

  it('fails before training when the page passed no Python tab to count', async () => {
    const withoutJax = Object.fromEntries(Object.entries(texts).filter(([name]) => name !== pythonTextName('jax')));
    const run = runExperiment(modelBuilding, tiny, {
      tf,
      backend: 'cpu',
      environment,
      readSiteFile,
      texts: withoutJax,
    });
    await expect(run).rejects.toThrow(/given no classifier\.jax\.py/);
  });

  it('rejects out-of-range parameters with the field name', async () => {
    const run = (p: object) =>
      runExperiment(modelBuilding, p, { tf, backend: 'cpu', environment, readSiteFile, texts });
    await expect(run({ epochs: 1 })).rejects.toBeInstanceOf(ParamsError);
    await expect(run({ epochs: 1 })).rejects.toThrow(/epochs/);
    await expect(run({ trainExamples: 20_000 })).rejects.toThrow(/trainExamples/);
  });

  it('stops when cancelled and frees everything', async () => {
    await expectCancelFreesEverything(modelBuilding, tiny, { tf, backend: 'cpu', environment, readSiteFile, texts });
  }, 60_000);
});
