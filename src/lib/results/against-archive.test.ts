import * as tf from '@tensorflow/tfjs';
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { matmul } from '../experiments/matmul/run.ts';
import { runExperiment } from '../runtime/run.ts';
import { archivedFigures, compareWithArchive } from './against-archive.ts';
import { parseArchive } from './archive.ts';
import { liveRecord } from './run-record.ts';
import { getWorkload } from './workloads.ts';

const dir = 'benchmarks/results';
const archive = parseArchive(
  Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => [f, readFileSync(`${dir}/${f}`, 'utf8')]),
  ),
);
// What the Results page hands its island (components/results/CompareYourRunPanel.astro).
const figures = archivedFigures(archive);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe("a reader's run against the archive", () => {
  it('pairs a matmul run at the workload sizes with every current archived run of the sweep', async () => {
    const w = getWorkload('matmul-sweep', 'matmul');
    const out = await runExperiment(
      matmul,
      { sizes: w.sizes, runs: 2, warmups: 0, seed: w.seed },
      {
        tf,
        backend: 'cpu',
        environment: { runner: 'browser', versions: { tfjs: tf.version.tfjs } },
      },
    );
    const [c, ...more] = compareWithArchive(JSON.stringify(liveRecord(out)), 'run (1).json', figures);
    expect(more).toEqual([]);
    expect(c!.workload.id).toBe('matmul-sweep');
    expect(c!.names).toEqual(w.sizes.map((n) => `n${n}`));
    const archived = figures.filter((f) => f.workload === 'matmul-sweep');
    expect(c!.rows.map((r) => r.archived.file)).toEqual(archived.map((f) => f.file));
    const mine = c!.run.measurements.find((m) => m.name === 'n256')!.median;
    for (const r of c!.rows) expect(r.ratios.n256).toBeCloseTo(mine / r.archived.medians.n256!, 12);
    expect(c!.deviations).toEqual([`steps 2 instead of ${w.steps}`, `warmup 0 instead of ${w.warmup}`]);
  });

  it('loads an archived file too, as it is', () => {
    const file = archive.find((r) => r.workload === 'op-overhead' && !r.supersededBy)!;
    const [c] = compareWithArchive(readFileSync(`${dir}/${file.file}`, 'utf8'), file.file, figures);
    expect(c!.rows.find((r) => r.archived.file === file.file)!.ratios).toEqual(
      Object.fromEntries(c!.names.map((n) => [n, 1])),
    );
  });

  it('refuses, saying why, a file that is not JSON, not a result, or measures no workload', async () => {
    expect(() => compareWithArchive('{"format":', 'a.json', figures)).toThrow(
      /^a\.json: not valid JSON.*Download JSON/,
    );
    expect(() => compareWithArchive('{"format": "tfc-result-v1"}', 'b.json', figures)).toThrow(
      /^b\.json: format: .*Download JSON/,
    );
    const out = await runExperiment(
      matmul,
      { sizes: [16], runs: 2, warmups: 0 },
      { tf, backend: 'cpu', environment: { runner: 'browser', versions: { tfjs: tf.version.tfjs } } },
    );
    expect(() => compareWithArchive(JSON.stringify(liveRecord(out)), 'c.json', figures)).toThrow(
      /^c\.json measures no archived workload: matmul-sweep: sizes \[16\] \(the workload's: \[64,128,256,512\]\)\.$/,
    );
  });
});
