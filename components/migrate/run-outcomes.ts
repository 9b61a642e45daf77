/**
 * The newest archived `bench:migrate-run` (benchmarks/results/migrate-run/): the fully converted corpus
 * programs run under real TensorFlow 2, for the migration chapter's prose. A malformed file fails the
 * build with its name and what is wrong (readMigrateRun); with no file the chapter says nothing was run.
 */
import { readMigrateRun, runCounts, type MigrateRun } from '../../src/lib/migrate/run-archive.ts';

const files = import.meta.glob<string>('../../benchmarks/results/migrate-run/*.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});

const runs: MigrateRun[] = Object.entries(files)
  .map(([path, text]) => readMigrateRun(text, path.replace(/^(\.\.\/)+/, '')))
  .sort((a, b) => a.date.localeCompare(b.date));

export const latestRun: MigrateRun | undefined = runs.at(-1);
export const latestCounts = latestRun ? runCounts(latestRun) : undefined;

/** The programs of the newest run that did not run to their end, by status. */
export function unfinished(status: 'error' | 'timeout' | 'not run'): MigrateRun['results'] {
  return latestRun?.results.filter((r) => r.status === status) ?? [];
}
