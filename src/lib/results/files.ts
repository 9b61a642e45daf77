import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { resultFileName, validateResultText, ResultFileError, type ResultFile } from './schema.ts';

/** Node-side helpers for benchmarks/results/: validate every file, write one, collect provenance. */
export const RESULTS_DIR = 'benchmarks/results';

export interface DirReport {
  files: string[];
  errors: string[];
}

/** Every .json file in `dir` checked; each error names its file and field. */
export function validateResultsDir(dir: string): DirReport {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const errors: string[] = [];
  for (const f of files) {
    try {
      validateResultText(readFileSync(join(dir, f), 'utf8'), f);
    } catch (error) {
      if (!(error instanceof ResultFileError)) throw error;
      errors.push(error.message);
    }
  }
  return { files, errors };
}

/** Validates, then writes `<dir>/<workload>--<runner>--<mode>--<date>.json`; returns its path. */
export function writeResult(dir: string, result: ResultFile): string {
  const name = resultFileName(result);
  const text = `${JSON.stringify(result, null, 2)}\n`;
  validateResultText(text, name);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const git = (...args: string[]) =>
  execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

/** Machine and repository facts every Node-launched runner records; no host name. */
export function hostProvenance(command: string) {
  const cpu = cpus();
  let osName = `${type()} ${release()}`;
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (pretty) osName = `${pretty[1]} (${type()} ${release()})`;
  } catch {
    // Not Linux: the kernel name and release are what there is.
  }
  return {
    cpu: { model: cpu[0]?.model.trim() || 'unknown', cores: cpu.length },
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: osName,
    command,
    gitCommit: git('rev-parse', 'HEAD'),
    gitDirty: git('status', '--porcelain', '--untracked-files=no') !== '',
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
  };
}

/** The command line as typed, relative to the repository, for provenance. */
export const commandLine = (script: string, args: readonly string[]) => ['node', script, ...args].join(' ');
