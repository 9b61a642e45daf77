// Browser tfjs, Node tfjs and PyTorch on one workload, side by side in one run, with ratios
// (browser / native). Absolute times on a shared machine drift from minute to minute; ratios
// taken minutes apart drift less, and rounds alternate the order to spread what drift remains.
//
// Usage: npm run -s bench:compare -- --workload <id> [options]   (--help for all)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { validateResultText, type ArchivedResult as ResultFile } from '../src/lib/results/schema.ts';
import { workloadIds } from '../src/lib/results/workloads.ts';
import { findPython } from '../tests/support/python.ts';

const HELP = `Usage: npm run -s bench:compare -- [--workload <id>] [options]

Runs one workload with tfjs in headless Chromium (the site's engine), tfjs in Node and PyTorch,
one after another in the same run, and prints each median with ratios browser / native.

  --workload <id>        ${workloadIds.join(', ')} (default: mnist-mlp-train)
  --browser-backend <b>  wasm (default), webgpu, webgl or cpu
  --wasm-threads <t>     on (default), off, or both: the browser's WASM with threads (the page is
                         cross-origin isolated) and without, side by side
  --node-backend <b>     wasm and cpu (repeatable; default: both)
  --steps <n>            override the workload's steps for every runner
  --warmup <n>           override the workload's warm-ups for every runner
  --rounds <n>           repeat the set, alternating the order (default 1)
  --out <dir>            keep the result files there (default: a temporary directory, removed)
  --help                 this text

PyTorch is skipped with a message where no Python imports torch (set PYTHON to choose one).
The browser runner builds a small page from public/ (npm run data && npm run vendor first).`;

const { values } = parseArgs({
  options: {
    workload: { type: 'string', default: 'mnist-mlp-train' },
    'browser-backend': { type: 'string', default: 'wasm' },
    'wasm-threads': { type: 'string', default: 'on' },
    'node-backend': { type: 'string', multiple: true },
    steps: { type: 'string' },
    warmup: { type: 'string' },
    rounds: { type: 'string', default: '1' },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const fail = (message: string): never => {
  console.error(`compare.ts: ${message}\n\n${HELP}`);
  process.exit(2);
};
if (!workloadIds.includes(values.workload)) fail(`unknown workload "${values.workload}"`);
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) fail(`--rounds must be a whole number >= 1`);
const nodeBackends = values['node-backend'] ?? ['wasm', 'cpu'];
const threadModes = { on: ['on'], off: ['off'], both: ['on', 'off'] }[values['wasm-threads']!];
if (!threadModes) fail(`--wasm-threads must be on, off or both, got "${values['wasm-threads']}"`);
if (values['browser-backend'] !== 'wasm' && values['wasm-threads'] !== 'on')
  fail('--wasm-threads applies to --browser-backend wasm only');

const out = values.out ?? mkdtempSync(join(tmpdir(), 'tfc-compare-'));
const common = [
  '--workload',
  values.workload,
  '--out',
  out,
  ...(values.steps ? ['--steps', values.steps] : []),
  ...(values.warmup ? ['--warmup', values.warmup] : []),
];
const node = [process.execPath, '--experimental-transform-types', '--no-warnings'];
const python = findPython({ needs: 'torch' });

type Job = { label: string; cmd: string[] };
const jobs: Job[] = [
  ...threadModes!.map((t) => ({
    label: `browser tfjs-${values['browser-backend']}${t === 'off' ? ' threads off' : ''}`,
    cmd: [
      ...node,
      'benchmarks/browser/run.ts',
      ...common,
      '--backend',
      values['browser-backend']!,
      '--wasm-threads',
      t,
    ],
  })),
  ...nodeBackends.map((b) => ({
    label: `node tfjs-${b}`,
    cmd: [...node, 'benchmarks/node/run.ts', ...common, '--backend', b],
  })),
  ...(python
    ? [
        {
          label: 'python pytorch eager',
          cmd: [python, 'benchmarks/python/torch_bench.py', ...common, '--mode', 'eager'],
        },
      ]
    : []),
];
if (!python) console.log('PyTorch: skipped, no Python here imports torch (set PYTHON)');

for (let r = 0; r < rounds; r++) {
  for (const job of r % 2 ? [...jobs].reverse() : jobs) {
    console.log(`round ${r + 1}: ${job.label}`);
    const res = spawnSync(job.cmd[0]!, job.cmd.slice(1), { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    if (res.status !== 0) {
      console.error(res.stdout);
      fail(`${job.label} failed (exit ${res.status})`);
    }
  }
}

const results: ResultFile[] = readdirSync(out)
  .filter((f) => f.startsWith(`${values.workload}--`) && f.endsWith('.json'))
  .map((f) => validateResultText(readFileSync(join(out, f), 'utf8'), f));
if (!values.out) rmSync(out, { recursive: true, force: true });

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const key = (r: ResultFile) =>
  r.framework.name !== 'tfjs'
    ? `${r.runner} ${r.framework.name} ${r.mode}`
    : `${r.runner} ${r.mode}${r.backend.details?.threadsAllowed === false ? ' threads off' : ''}`;
// The browser runner records the thread count tfjs chose; the Node runner only whether the WASM
// build it loaded can use threads (tfjs-backend-wasm's Node build cannot).
const threadsOf = (r: ResultFile) => {
  const t = r.backend.details?.threads;
  return typeof t === 'number'
    ? `${t} thread(s)`
    : t === false
      ? 'no thread support'
      : t === true
        ? 'threads supported'
        : '';
};
const groups = new Map<string, ResultFile[]>();
for (const r of results) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
const browserKey = `browser tfjs-${values['browser-backend']}${threadModes![0] === 'off' ? ' threads off' : ''}`;
const browser = groups.get(browserKey);
if (!browser) fail('no browser result to compare');
const names = browser![0]!.measurements.map((m) => m.name);
const first = results[0]!;
console.log(
  `\n${values.workload}: ${first.provenance.cpu.model}, ${first.provenance.cpu.cores} cores, ${first.provenance.os}; ${rounds} ` +
    `round(s); median ms per timed run (p10-p90 of the first round)`,
);
const rows = [...groups.keys()].sort((a, b) => (a === browserKey ? -1 : b === browserKey ? 1 : a.localeCompare(b)));
for (const name of names) {
  console.log(`\n  ${name}`);
  const med = (k: string) => median(groups.get(k)!.map((r) => r.measurements.find((m) => m.name === name)!.median));
  const b = med(browserKey);
  for (const k of rows) {
    const m = med(k);
    const f = groups.get(k)![0]!.measurements.find((x) => x.name === name)!;
    const ratio = k === browserKey ? '' : `browser / this = ${(b / m).toFixed(2)}`;
    console.log(
      `    ${k.padEnd(30)} ${m.toFixed(3).padStart(10)}  (${f.p10.toFixed(3)}-${f.p90.toFixed(3)})  ${ratio} ` +
        ` ${threadsOf(groups.get(k)![0]!)}`,
    );
  }
}
