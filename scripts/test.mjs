// `npm test`: every check in order, stopping at the first failure.
//   format (prettier --check) -> lint (eslint) -> types (astro check) -> unit tests
//   -> build (broken internal links fail it) -> page weight -> e2e
import { spawnSync } from 'node:child_process';

const steps = [
  ['format', 'prettier', ['--check', '.']],
  ['lint', 'eslint', ['.']],
  ['types', 'astro', ['check']],
  ['unit', 'vitest', ['run', '--project', 'unit']],
  ['build', 'npm', ['run', '-s', 'build']],
  ['page weight', 'node', ['tests/page-weight.ts']],
  ['e2e', 'vitest', ['run', '--project', 'e2e']],
];

const started = Date.now();
for (const [name, cmd, args] of steps) {
  const t0 = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const { status, error } = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (error || status !== 0) {
    console.error(`\n=== ${name} FAILED after ${seconds} s${error ? `: ${error.message}` : ''}`);
    process.exit(status || 1);
  }
  console.log(`=== ${name} passed in ${seconds} s`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
