import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatchParams } from '../experiments/dispatch/params.ts';
import { matmulParams } from '../experiments/matmul/params.ts';
import { mnistCnnParams } from '../experiments/mnist-cnn/params.ts';
import { mnistMlpParams } from '../experiments/mnist-mlp/params.ts';
import { RESULTS_DIR, validateResultsDir, writeResult } from './files.ts';
import {
  measurement,
  resultFileName,
  resultJsonSchema,
  validateResultText,
  type ArchivedResult as ResultFile,
} from './schema.ts';
import { getWorkload, workloadsFile, workloadsFileSchema } from './workloads.ts';

const tmp = mkdtempSync(join(tmpdir(), 'tfc-results-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A valid training result, built here so the broken copies below do not depend on the archive. */
function sample(): ResultFile {
  return {
    format: 'tfc-result-v2',
    origin: 'node',
    workload: 'mnist-mlp-train',
    runner: 'node',
    framework: { name: 'tfjs', version: '4.22.0' },
    mode: 'tfjs-cpu',
    backend: { name: 'cpu', device: 'CPU: test' },
    settings: {
      batch: 64,
      steps: 5,
      warmup: 1,
      dtype: 'float32',
      seed: 1,
      deviations: ['steps 5 instead of 200', 'warmup 1 instead of 5'],
    },
    provenance: {
      date: '2026-11-25T08:00:00.000Z',
      cpu: { model: 'test', cores: 2 },
      memoryGiB: 8,
      os: 'Linux',
      runtime: { name: 'node', version: '24.0.0' },
      libraries: { '@tensorflow/tfjs': '4.22.0' },
      command: 'node benchmarks/node/run.ts --workload mnist-mlp-train',
      gitCommit: 'abcdef1',
      gitDirty: false,
    },
    measurements: [measurement('step', [3, 1, 2], { firstMs: 9 })],
    finalLoss: 1.5,
  };
}

/** Writes `data` under the file name its content implies (or `name`) into a fresh directory. */
function fixture(data: unknown, name?: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmp, 'case-'));
  const file = name ?? resultFileName(data as ResultFile);
  writeFileSync(join(dir, file), typeof data === 'string' ? data : JSON.stringify(data));
  return { dir, file };
}

describe('the result schema', () => {
  it('is committed as JSON Schema, identical to what the zod schema exports (npm run -s bench:schema)', () => {
    const committed = readFileSync('benchmarks/result.schema.json', 'utf8');
    expect(committed).toBe(`${JSON.stringify(resultJsonSchema(), null, 2)}\n`);
    expect(JSON.parse(committed).required).toEqual(
      expect.arrayContaining(['format', 'origin', 'runner', 'framework', 'mode', 'provenance', 'measurements']),
    );
  });

  it('accepts a well-formed result, and writeResult names the file from its content', () => {
    const path = writeResult(join(tmp, 'ok'), sample());
    expect(path).toMatch(/mnist-mlp-train--node--tfjs-cpu--2026-11-25T08-00-00Z\.json$/);
    expect(validateResultsDir(join(tmp, 'ok'))).toEqual({
      files: ['mnist-mlp-train--node--tfjs-cpu--2026-11-25T08-00-00Z.json'],
      errors: [],
    });
  });

  it.each([
    ['a core count of zero', (r: ResultFile) => void (r.provenance.cpu.cores = 0), 'provenance.cpu.cores'],
    [
      "a median that is not the raw times' median",
      (r: ResultFile) => void (r.measurements[0]!.median = 2.5),
      'measurements.0.median',
    ],
    ['no raw times', (r: ResultFile) => void (r.measurements[0]!.timesMs = []), 'measurements.0.timesMs'],
    ['a training run without its final loss', (r: ResultFile) => void delete r.finalLoss, 'finalLoss'],
    ['a workload that is not in workloads.json', (r: ResultFile) => void (r.workload = 'made-up'), 'workload'],
    ['an unknown mode', (r: ResultFile) => void ((r as { mode: string }).mode = 'turbo'), 'mode'],
    [
      'no git commit',
      (r: ResultFile) => void delete (r.provenance as Partial<ResultFile['provenance']>).gitCommit,
      'provenance.gitCommit',
    ],
    [
      'a node run with no command',
      (r: ResultFile) => void delete (r.provenance as Partial<ResultFile['provenance']>).command,
      'provenance.command',
    ],
    [
      'a workload run without its settings',
      (r: ResultFile) => void delete (r as Partial<ResultFile>).settings,
      'settings',
    ],
    [
      'a node run that names no workload',
      (r: ResultFile) => void delete (r as Partial<ResultFile>).workload,
      'workload',
    ],
    ['an unknown origin', (r: ResultFile) => void ((r as { origin: string }).origin = 'cloud'), 'origin'],
  ])('rejects %s, naming the file and the field', (_, breakIt, field) => {
    const bad = sample();
    breakIt(bad);
    const { dir, file } = fixture(bad, resultFileName(sample()));
    const { files, errors } = validateResultsDir(dir);
    expect(files).toEqual([file]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(file);
    expect(errors[0]).toContain(`: ${field}: `);
  });

  it('rejects a file whose name disagrees with its content, and one that is not JSON', () => {
    const renamed = fixture(sample(), 'mnist-mlp-train--node--tfjs-wasm--2026-11-25T08-00-00Z.json');
    expect(validateResultsDir(renamed.dir).errors[0]).toMatch(
      /tfjs-wasm--.*file name should be mnist-mlp-train--node--tfjs-cpu--/,
    );
    const broken = fixture('{"format": ', 'x.json');
    expect(validateResultsDir(broken.dir).errors[0]).toMatch(/^x\.json: not valid JSON/);
    expect(() => validateResultText('{}', 'y.json')).toThrow(/^y\.json: format: /);
  });

  it("keeps a reader's run out of the archive", () => {
    const live = { ...sample(), origin: 'live' as const };
    const { dir } = fixture(live, resultFileName(live));
    expect(validateResultsDir(dir).errors[0]).toMatch(/a live run belongs in no archive/);
  });
});

describe('the archive (benchmarks/results)', () => {
  const { files, errors } = validateResultsDir(RESULTS_DIR);

  it('has results, and every file validates', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('has each workload measured by PyTorch, tfjs in Node and tfjs in Chromium', () => {
    const runs = files.map((f) => validateResultText(readFileSync(join(RESULTS_DIR, f), 'utf8'), f));
    for (const w of workloadsFile.workloads)
      for (const runner of ['python', 'node', 'browser'] as const)
        expect(
          runs.some((r) => r.workload === w.id && r.runner === runner),
          `${w.id} by ${runner}`,
        ).toBe(true);
  });
});

describe('benchmarks/workloads.json', () => {
  it('gives the Speed experiments their defaults', () => {
    const mlp = getWorkload('mnist-mlp-train', 'train');
    expect(mnistMlpParams.parse({})).toMatchObject({
      steps: mlp.steps,
      batchSize: mlp.batch,
      hidden: 128,
      learningRate: mlp.optimizer.learningRate,
      warmups: mlp.warmup,
      seed: mlp.seed,
    });
    const cnn = getWorkload('mnist-cnn-train', 'train');
    expect(mnistCnnParams.parse({})).toMatchObject({
      steps: cnn.steps,
      batchSize: cnn.batch,
      filters1: 16,
      filters2: 32,
      optimizer: 'adam',
      warmups: cnn.warmup,
      inferRuns: getWorkload('cnn-infer-b1').steps,
    });
    const mm = getWorkload('matmul-sweep', 'matmul');
    expect(matmulParams.parse({})).toEqual({ sizes: mm.sizes, warmups: mm.warmup, runs: mm.steps, seed: mm.seed });
    const d = getWorkload('op-overhead', 'dispatch');
    expect(dispatchParams.parse({})).toEqual({
      sizes: d.sizes,
      ops: d.ops,
      warmups: d.warmup,
      runs: d.steps,
      seed: d.seed,
    });
  });

  it('rejects a duplicate workload id and a model that is not defined', () => {
    const raw = JSON.parse(readFileSync('benchmarks/workloads.json', 'utf8'));
    raw.workloads.push({ ...raw.workloads[0], model: 'nope' });
    const issues = workloadsFileSchema.safeParse(raw).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toEqual([
      `workloads.6.id: workload id "mnist-mlp-train" is listed twice`,
      `workloads.6.model: no model "nope" in models`,
    ]);
  });
});
