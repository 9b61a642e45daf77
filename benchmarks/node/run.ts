// tfjs in Node on the shared workloads (benchmarks/workloads.json), through the site's own
// experiments (the same code the Speed page runs), on the cpu or wasm backend. Writes one result
// file per workload and backend to benchmarks/results/ (or --out).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../../src/lib/kernels/register-wasm.ts';
import { simdKernels } from '../../src/lib/kernels/simd/instance.ts';
import { EXPERIMENTS } from '../../src/lib/experiments/registry.ts';
import { readPublicFile } from '../../src/lib/data/read-node.ts';
import { runExperiment } from '../../src/lib/runtime/run.ts';
import { experimentCall, settingsFor } from '../../src/lib/results/workload-runs.ts';
import { runRecord } from '../../src/lib/results/run-record.ts';
import { commandLine, hostProvenance, RESULTS_DIR, writeResult } from '../../src/lib/results/files.ts';
import { getWorkload, workloadIds } from '../../src/lib/results/workloads.ts';
import { parseRunnerArgs } from '../runner-args.ts';

const HELP = `Usage: node benchmarks/node/run.ts --workload <id|all> [--backend cpu|wasm ...] [options]

Runs benchmark workloads with TensorFlow.js in Node through the site's experiments and writes
one result JSON per workload and backend (validated against src/lib/results/schema.ts).

  --workload <id|all>  ${workloadIds.join(', ')}, or all (repeatable)
  --backend <name>     cpu or wasm (repeatable; default: both)
  --steps <n>          override the workload's steps (recorded as a deviation)
  --warmup <n>         override the workload's warm-ups (recorded as a deviation)
  --out <dir>          where result files go (default: ${RESULTS_DIR})
  --dry-run            run and validate, write nothing
  --help               this text

Needs the MNIST subset in public/data (npm run data) for the MNIST workloads.`;

const { ids, backends, override, out, dryRun, fail } = parseRunnerArgs('node/run.ts', HELP, {
  allowed: ['cpu', 'wasm'],
  default: ['cpu', 'wasm'],
  why: 'is not available in Node here (cpu or wasm)',
});

// The same kernel the site's worker adds to the WASM backend.
registerWasmTrainingKernels();
const readSiteFile = readPublicFile();
const command = commandLine('benchmarks/node/run.ts', process.argv.slice(2));
for (const backend of backends as ('cpu' | 'wasm')[]) {
  if (!(await tf.setBackend(backend))) fail(`tfjs could not start the ${backend} backend`);
  await tf.ready();
  const details: Record<string, string | number | boolean> =
    backend === 'wasm'
      ? {
          simd: Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')),
          threads: Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')),
          simdKernels: simdKernels(tf.backend() as unknown as Parameters<typeof simdKernels>[0]) !== null,
        }
      : {};
  for (const id of ids) {
    const workload = getWorkload(id);
    const settings = settingsFor(workload, override);
    const call = experimentCall(workload, settings);
    const experiment = await EXPERIMENTS[call.experiment]!();
    const date = new Date().toISOString();
    const host = hostProvenance(command);
    const result = await runExperiment(experiment, call.params, {
      tf,
      backend,
      environment: { runner: 'node', versions: { tfjs: tf.version.tfjs, node: process.versions.node } },
      readSiteFile,
    });
    const file = runRecord(
      result,
      {
        origin: 'node',
        device: `CPU: ${host.cpu.model}`,
        details,
        provenance: {
          date,
          ...host,
          runtime: { name: 'node', version: process.versions.node },
          libraries: { '@tensorflow/tfjs': tf.version.tfjs, [`@tensorflow/tfjs-backend-${backend}`]: tf.version.tfjs },
        },
      },
      { workload, settings },
    );
    const summary = file.measurements.map((m) => `${m.name} ${m.median.toFixed(3)} ms`).join(', ');
    const where = dryRun ? '(not written)' : writeResult(out, file);
    console.log(
      `${id} tfjs-${backend}: ${summary}${file.finalLoss !== undefined ? `, final loss ${file.finalLoss.toFixed(4)}` : ''} -> ${where}`,
    );
  }
}
