import { parseArgs } from 'node:util';
import { RESULTS_DIR } from '../src/lib/results/files.ts';
import { workloadIds } from '../src/lib/results/workloads.ts';

/**
 * The command line every tfjs runner (benchmarks/node, benchmarks/browser) shares: workloads,
 * backends, step overrides (recorded as deviations), output folder, dry run. Bad usage prints the
 * runner's help and exits 2; --help prints it and exits 0.
 */
export function parseRunnerArgs(
  script: string,
  help: string,
  backends: { allowed: readonly string[]; default: string[]; why?: string },
  extra: Record<string, { type: 'string'; default?: string }> = {},
) {
  const { values } = parseArgs({
    options: {
      ...extra,
      workload: { type: 'string', multiple: true },
      backend: { type: 'string', multiple: true },
      steps: { type: 'string' },
      warmup: { type: 'string' },
      out: { type: 'string', default: RESULTS_DIR },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const fail = (message: string): never => {
    console.error(`${script}: ${message}\n\n${help}`);
    process.exit(2);
  };
  if (values.help) {
    console.log(help);
    process.exit(0);
  }
  const int = (name: string, v: string | undefined, min: number) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer >= ${min}, got "${v}"`);
    return n;
  };
  const override = { steps: int('steps', values.steps, 1), warmup: int('warmup', values.warmup, 0) };
  const ids = (values.workload ?? []).flatMap((w) => (w === 'all' ? workloadIds : [w]));
  if (ids.length === 0) fail('give at least one --workload');
  for (const id of ids) if (!workloadIds.includes(id)) fail(`unknown workload "${id}"`);
  const picked = values.backend ?? backends.default;
  for (const b of picked)
    if (!backends.allowed.includes(b))
      fail(backends.why ? `backend "${b}" ${backends.why}` : `unknown backend "${b}" (${backends.allowed.join(', ')})`);
  const options = values as Record<string, string | boolean | string[] | undefined>;
  return {
    ids,
    backends: picked,
    override,
    out: values.out!,
    dryRun: values['dry-run']!,
    fail,
    extra: (name: string) => options[name] as string | undefined,
  };
}
