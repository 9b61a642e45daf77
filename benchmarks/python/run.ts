// Starts a Python benchmark runner with an interpreter that can import its framework: $PYTHON if
// set, else python3 on PATH, else Debian's /usr/bin/python3 (where python3-torch lives).
//
// Usage: node benchmarks/python/run.ts <torch|jax|tf1|tf2> [runner options; --help for them]
import { spawnSync } from 'node:child_process';
import { findPython } from '../../tests/support/python.ts';

const RUNNERS: Record<string, { script: string; needs: string }> = {
  torch: { script: 'benchmarks/python/torch_bench.py', needs: 'torch' },
  jax: { script: 'benchmarks/python/jax_bench.py', needs: 'jax' },
  tf1: { script: 'benchmarks/python/tf1_bench.py', needs: 'tensorflow' },
  tf2: { script: 'benchmarks/python/tf2_bench.py', needs: 'tensorflow' },
};
const [name, ...args] = process.argv.slice(2);
if (!name || name === '--help' || !RUNNERS[name]) {
  console.log(`Usage: node benchmarks/python/run.ts <${Object.keys(RUNNERS).join('|')}> [options]

  torch  PyTorch eager, TorchScript, torch.compile (where the installed torch has it)
  jax    JAX jit
  tf1    TensorFlow graph + Session (tf.compat.v1)
  tf2    TensorFlow eager and tf.function

Options go to the Python script; \`node benchmarks/python/run.ts torch --help\` lists them.
The interpreter is $PYTHON, else the first of python3 and /usr/bin/python3 that imports the framework.`);
  process.exit(name && name !== '--help' ? 2 : 0);
}
const runner = RUNNERS[name]!;
// --help needs no framework; any Python shows it.
const python = args.includes('--help') || args.includes('-h') ? findPython() : findPython({ needs: runner.needs });
if (!python) {
  console.error(
    `python/run.ts: no Python here imports ${runner.needs} (tried $PYTHON, python3, /usr/bin/python3); no result written`,
  );
  process.exit(3);
}
const r = spawnSync(python, [runner.script, ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
