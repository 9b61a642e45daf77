/**
 * Runs every fully converted program of both corpora under real TensorFlow 2, as a smoke test of what
 * `migrate:check` cannot see (wrong argument values, shapes, variables made in the wrong place,
 * ordering): each output is written to a scratch directory and run by benchmarks/migrate_corpus_run.py
 * with stub data and its long loops cut to --cap iterations. It reports, per file, whether the program ran
 * to its end, and the first error with its line in the converted program otherwise.
 *
 *   npm run -s bench:migrate-run [-- --cap 30 --timeout 240 --only name.py,... --json --archive]
 *
 * --archive also writes the run, with the machine, versions and commit, to
 * benchmarks/results/migrate-run/<date>.json (tfc-migrate-run-v1, src/lib/migrate/run-archive.ts),
 * which the migration chapter quotes (the newest file).
 *
 * The interpreter is $PYTHON, else the first of python3 and /usr/bin/python3 that imports tensorflow;
 * with none, it says so and exits 3 (TensorFlow does not install on every machine this project runs on).
 * Exit status 1 if any program failed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { judgeConversion } from '../src/lib/migrate/conversion.ts';
import { migrate } from '../src/lib/migrate/index.ts';
import { MIGRATE_RUN_FORMAT, readMigrateRun } from '../src/lib/migrate/run-archive.ts';
import { commandLine, hostProvenance } from '../src/lib/results/files.ts';
import { findPython } from '../tests/support/python.ts';
import { readCorpus, readThirdParty } from './migrate-corpus-file.ts';

const USAGE = 'usage: npm run -s bench:migrate-run [-- --cap N --timeout SECONDS --only a.py,b.py --json --archive]';
/** Loops longer than this are cut to --cap; shorter ones fill batches and arrays and are left whole. */
const LONG = 150;
const ARCHIVE_DIR = 'benchmarks/results/migrate-run';
const RESULT_PREFIX = 'MIGRATE-RUN-RESULT ';
const RUNNER = resolve('benchmarks/migrate_corpus_run.py');
/** Programs that read data the runner cannot stand in for without editing them: shown as not run, with why. */
const NOT_RUN: Record<string, string> = {
  'build_an_image_dataset.py':
    "reads the reader's own JPEG folders from a path written into it (DATASET_PATH = '/path/to/dataset/')",
};

let options;
try {
  options = parseArgs({
    options: {
      cap: { type: 'string', default: '30' },
      timeout: { type: 'string', default: '240' },
      only: { type: 'string' },
      json: { type: 'boolean', default: false },
      archive: { type: 'boolean', default: false },
    },
  }).values;
} catch (error) {
  console.error(`bench:migrate-run: ${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const cap = Number(options.cap);
const timeout = Number(options.timeout);
if (!Number.isInteger(cap) || cap < 1 || !Number.isFinite(timeout) || timeout <= 0) {
  console.error(`bench:migrate-run: --cap must be a whole number >= 1 and --timeout a number of seconds > 0\n${USAGE}`);
  process.exit(2);
}

const python = findPython({ needs: 'tensorflow' });
if (!python) {
  console.error(
    'bench:migrate-run: no Python here imports tensorflow (tried $PYTHON, python3, /usr/bin/python3); nothing run',
  );
  process.exit(3);
}
const versions = spawnSync(
  python,
  [
    '-c',
    'import tensorflow as tf, numpy, sys; print(tf.__version__, tf.keras.__version__, numpy.__version__, sys.version.split()[0])',
  ],
  { encoding: 'utf8', env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' } },
)
  .stdout.trim()
  .split(/\s+/);

const only = options.only ? new Set(options.only.split(',')) : null;
const corpora = [
  { corpus: 'third-party' as const, programs: readThirdParty().programs },
  { corpus: 'ours' as const, programs: readCorpus() },
];
const started = new Date();
// Taken before the runs, so the commit and load are those the programs ran under.
const provenance = hostProvenance(commandLine('benchmarks/migrate-corpus-run.ts', process.argv.slice(2)));
const results: {
  corpus: 'third-party' | 'ours';
  name: string;
  status: string;
  error?: string;
  line?: number;
  seconds?: number;
}[] = [];
for (const { corpus, programs } of corpora) {
  for (const program of programs) {
    if (only && !only.has(program.name)) continue;
    if (judgeConversion(program.name, program.source).outcome !== 'fully') continue;
    const notRun = NOT_RUN[program.name];
    if (notRun) {
      results.push({ corpus, name: program.name, status: 'not run', error: notRun });
      if (!options.json) console.log(`  ${program.name}: not run - ${notRun}`);
      continue;
    }
    const dir = mkdtempSync(join(tmpdir(), 'tfc-migrate-run-'));
    const file = join(dir, program.name);
    writeFileSync(file, migrate(program.source).code);
    const run = spawnSync(python, [RUNNER, file, '--cap', String(cap), '--long', String(LONG)], {
      cwd: dir,
      encoding: 'utf8',
      timeout: timeout * 1000,
      maxBuffer: 64 * 1024 * 1024,
      env: {
        ...process.env,
        TF_CPP_MIN_LOG_LEVEL: '2',
        MPLBACKEND: 'Agg',
        CUDA_VISIBLE_DEVICES: '',
        TF_ENABLE_ONEDNN_OPTS: '0',
      },
    });
    rmSync(dir, { recursive: true, force: true });
    const line = run.stdout
      ?.split('\n')
      .reverse()
      .find((l) => l.startsWith(RESULT_PREFIX));
    const result = line
      ? (withoutNulls(JSON.parse(line.slice(RESULT_PREFIX.length)) as Record<string, unknown>) as {
          status: string;
          error?: string;
          line?: number;
          seconds?: number;
        })
      : {
          status: run.error ? 'timeout' : 'error',
          error: run.error ? `no end within ${timeout} s` : lastLine(run.stderr),
        };
    results.push({ corpus, name: program.name, ...result });
    if (!options.json)
      console.log(
        `  ${corpus === 'ours' ? '(ours) ' : ''}${program.name}: ${result.status}` +
          (result.seconds !== undefined ? ` in ${result.seconds} s` : '') +
          (result.error ? ` - ${result.line ? `line ${result.line}: ` : ''}${result.error}` : ''),
      );
  }
}
const ran = results.filter((r) => r.status === 'ok').length;
const tried = results.filter((r) => r.status !== 'not run').length;
const summary = {
  python,
  tensorflow: versions[0],
  keras: versions[1],
  numpy: versions[2],
  pythonVersion: versions[3],
  cap,
  timeout,
  files: results.length,
  run: tried,
  ranToEnd: ran,
};
if (options.json) console.log(JSON.stringify({ summary, results }, null, 2));
else
  console.log(
    `\nTensorFlow ${summary.tensorflow}, Keras ${summary.keras}, NumPy ${summary.numpy}, Python ${summary.pythonVersion}; ` +
      `loops of over ${LONG} iterations cut to ${cap}, stub data, oneDNN off\n` +
      `fully converted programs run: ${tried} of ${results.length}; ran to their end: ${ran} of ${tried}`,
  );
if (options.archive) {
  if (only) {
    console.error('bench:migrate-run: --archive records whole runs only; leave out --only');
    process.exit(2);
  }
  const record = {
    format: MIGRATE_RUN_FORMAT,
    date: started.toISOString(),
    provenance,
    versions: { tensorflow: versions[0], keras: versions[1], numpy: versions[2], python: versions[3] },
    cap,
    long: LONG,
    timeoutSeconds: timeout,
    results,
  };
  const text = `${JSON.stringify(record, null, 2)}\n`;
  try {
    readMigrateRun(text, 'the run just made'); // the archive holds only files the chapter can read
  } catch (error) {
    const kept = join(tmpdir(), `migrate-run-rejected-${Date.now()}.json`);
    writeFileSync(kept, text);
    console.error(`bench:migrate-run: ${(error as Error).message}; not archived, kept in ${kept}`);
    process.exit(1);
  }
  mkdirSync(ARCHIVE_DIR, { recursive: true });
  const path = join(
    ARCHIVE_DIR,
    `${started
      .toISOString()
      .replace(/:/g, '-')
      .replace(/\.\d+Z$/, 'Z')}.json`,
  );
  writeFileSync(path, text);
  console.log(`archived: ${path}`);
}
process.exitCode = ran === tried ? 0 : 1;

/** The Python side writes `null` for fields that do not apply; the archive leaves them out. */
function withoutNulls(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null));
}

function lastLine(text: string | null): string {
  return (text ?? '').trim().split('\n').pop()?.slice(0, 400) ?? 'no output';
}
