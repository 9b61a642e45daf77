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

/** Programs of the newest run it could not feed, with why (the page names them, not as failures). */
export const notRun: { name: string; why: string }[] = (latestRun?.results ?? [])
  .filter((r) => r.status === 'not run')
  .map((r) => ({ name: r.name, why: r.error ?? 'no reason recorded' }));

/** Programs of the newest run that were run and did not get to their end, with what happened, for prose. */
export const stopped: { name: string; what: string }[] = (latestRun?.results ?? [])
  .filter((r) => r.status === 'error' || r.status === 'timeout')
  .map((r) => ({
    name: r.name,
    what:
      r.status === 'timeout'
        ? `did not end within ${latestRun!.timeoutSeconds} s`
        : `stopped${r.line ? ` at line ${r.line}` : ''} with ${(r.error ?? 'an error').split(':')[0]}`,
  }));
