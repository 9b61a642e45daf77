import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatchParams } from '../experiments/dispatch/params.ts';
import { dispatch } from '../experiments/dispatch/run.ts';
import { matmulParams } from '../experiments/matmul/params.ts';
import { mnistCnnParams } from '../experiments/mnist-cnn/params.ts';
import { mnistMlpParams } from '../experiments/mnist-mlp/params.ts';
import { matmul } from '../experiments/matmul/run.ts';
import { runExperiment } from '../runtime/run.ts';
import { experimentCall, forWorkload, matchWorkloads, settingsFor } from './workload-runs.ts';
import { liveRecord } from './run-record.ts';
import { parseResultText, resultFileName } from './schema.ts';
import { getWorkload, workloadsFile } from './workloads.ts';

const environment = {
  runner: 'browser' as const,
  versions: { tfjs: tf.version.tfjs },
  userAgent: 'test',
  crossOriginIsolated: true,
};
const workloads = workloadsFile.workloads;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A reader's matmul run with the workload's sizes and seed, fewer runs than the archive's. */
async function readerMatmul(params: Record<string, unknown>) {
  const out = await runExperiment(matmul, params, { tf, backend: 'cpu', environment });
  return liveRecord(out);
}

describe("a reader's run as a result record", () => {
  it('is the one schema: it survives its own download and names itself from its content', async () => {
    const record = await readerMatmul({ sizes: [16, 32], runs: 2, warmups: 0 });
    expect(record).toMatchObject({
      format: 'tfc-result-v2',
      origin: 'live',
      runner: 'browser',
      experiment: 'matmul',
      mode: 'tfjs-cpu',
    });
    expect(record.backend).toEqual({ name: 'cpu', device: 'CPU (JavaScript)' });
    expect(record.provenance).toMatchObject({
      libraries: { tfjs: tf.version.tfjs },
      userAgent: 'test',
      crossOriginIsolated: true,
    });
    expect(parseResultText(JSON.stringify(record), 'a.json')).toEqual(record);
    expect(resultFileName(record)).toMatch(/^matmul--live--tfjs-cpu--\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.json$/);
  });

  it('finds the workload it measures when only the number of runs differs, with that as a deviation', async () => {
    const w = getWorkload('matmul-sweep', 'matmul');
    const record = await readerMatmul({ sizes: w.sizes.slice(0, 4), runs: 2, warmups: 1, seed: w.seed });
    const { matches } = matchWorkloads(record, workloads);
    expect(matches.map((m) => m.workload.id)).toEqual(['matmul-sweep']);
    const match = matches[0]!;
    expect(match.settings.deviations).toEqual([`steps 2 instead of ${w.steps}`, `warmup 1 instead of ${w.warmup}`]);
    const asWorkload = forWorkload(record, match.workload, match.settings);
    expect(asWorkload.measurements.map((m) => [m.name, m.params])).toEqual(w.sizes.map((n) => [`n${n}`, { n }]));
    expect(asWorkload.measurements.map((m) => m.timesMs)).toEqual(record.measurements.map((m) => m.timesMs));
    expect(resultFileName(asWorkload)).toMatch(/^matmul-sweep--live--tfjs-cpu--/);
  });

  it('says what differs when the run changed what the workload measures', async () => {
    const record = await readerMatmul({ sizes: [16, 32], runs: 2, warmups: 0 });
    expect(matchWorkloads(record, workloads)).toEqual({
      matches: [],
      reasons: ["matmul-sweep: sizes [16,32] (the workload's: [64,128,256,512])"],
    });
    expect(matchWorkloads({ experiment: 'two-bugs', params: {} }, workloads)).toEqual({
      matches: [],
      reasons: ['no benchmark workload runs the two-bugs experiment'],
    });
  });

  it('matches every workload from the parameters its own experiment call gives', () => {
    for (const w of workloads) {
      const call = experimentCall(w, settingsFor(w));
      const { matches } = matchWorkloads({ experiment: call.experiment, params: call.params }, workloads);
      expect(
        matches.map((m) => m.workload.id),
        w.id,
      ).toContain(w.id);
    }
  });

  it("matches a Speed panel's defaults: the MLP and CNN training, the matmul sweep and the dispatch sweep", () => {
    const defaults = {
      'mnist-mlp': mnistMlpParams,
      'mnist-cnn': mnistCnnParams,
      matmul: matmulParams,
      dispatch: dispatchParams,
    };
    const ids = Object.entries(defaults).flatMap(([experiment, schema]) =>
      matchWorkloads({ experiment, params: schema.parse({}) as Record<string, unknown> }, workloads).matches.map(
        (m) => m.workload.id,
      ),
    );
    expect(ids).toEqual(['mnist-mlp-train', 'mnist-cnn-train', 'matmul-sweep', 'op-overhead']);
    // Inference at the archive's batch sizes is one field away.
    const b128 = matchWorkloads(
      { experiment: 'mnist-cnn', params: mnistCnnParams.parse({ inferBatch: 128 }) as Record<string, unknown> },
      workloads,
    );
    expect(b128.matches.map((m) => m.workload.id)).toEqual(['mnist-cnn-train', 'cnn-infer-b128']);
  });

  it('becomes a dispatch workload run with the many and fused cases under their workload names', async () => {
    // The workload's two smallest sizes only: the largest take minutes on the cpu backend.
    const w = { ...getWorkload('op-overhead', 'dispatch'), sizes: [16, 256] };
    const settings = settingsFor(w, { steps: 2, warmup: 0 });
    const out = await runExperiment(dispatch, experimentCall(w, settings).params, { tf, backend: 'cpu', environment });
    const run = forWorkload(liveRecord(out), w, settings);
    expect(run.measurements.map((m) => [m.name, m.params])).toEqual([
      ['many_n16', { n: 16, ops: w.ops }],
      ['fused_n16', { n: 16, ops: w.ops }],
      ['many_n256', { n: 256, ops: w.ops }],
      ['fused_n256', { n: 256, ops: w.ops }],
    ]);
    expect(run.settings?.deviations).toEqual([`steps 2 instead of ${w.steps}`, `warmup 0 instead of ${w.warmup}`]);
  });
});
