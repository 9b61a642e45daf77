/**
 * How fast the migration engine converts a 2,000-line TF1 file in Node (target: under 500 ms).
 *
 *   npm run -s bench:migrate [-- --runs N]
 *
 * Builds the file from the corpus programs (see migrate-corpus-file.ts), converts it a few times to
 * warm up, then N times timed, and prints median and p90 with the machine they ran on.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { migrate } from '../src/lib/migrate/index.ts';
import { longTf1File } from './migrate-corpus-file.ts';

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 20;
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write('usage: npm run -s bench:migrate [-- --runs N]\n');
  process.exit(2);
}

const source = longTf1File(2000);
const lines = source.split('\n').length - 1;
const first = migrate(source);
const rewrites = first.report.filter((e) => e.level === 2 && e.severity === 'info').length;
const notConverted = first.report.filter((e) => e.rule === 'not-converted').length;
for (let i = 0; i < 5; i++) migrate(source);
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  migrate(source);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const quantile = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';

console.log(`input: ${lines} lines of TF1 (corpus programs, each wrapped in a function)`);
console.log(
  `work: ${first.report.length} report entries, ${rewrites} Level 2 rewrites, ${notConverted} not-converted, ${first.stats.errors} errors`,
);
console.log(`runs: ${runs} timed after 5 warm-up`);
console.log(
  `median: ${quantile(0.5).toFixed(1)} ms   p90: ${quantile(0.9).toFixed(1)} ms   min: ${times[0]!.toFixed(1)} ms   (target < 500 ms)`,
);
console.log(
  `machine: ${cpu} x${os.cpus().length}, ${os.platform()} ${os.release()}, Node ${process.version}, load ` +
    `average ${os.loadavg()[0]!.toFixed(2)} (other work on the machine widens p90)`,
);
if (quantile(0.5) >= 500) {
  console.error(`over budget: median ${quantile(0.5).toFixed(1)} ms is not under 500 ms`);
  process.exit(1);
}
