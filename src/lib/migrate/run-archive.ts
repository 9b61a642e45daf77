import { z } from 'astro/zod';

/**
 * An archived run of `npm run -s bench:migrate-run`: every fully converted corpus program run under real
 * TensorFlow 2 (stub data, long loops cut short), with the machine and versions it ran on. The chapter
 * quotes the newest one; nothing on the page is typed by hand.
 */
export const MIGRATE_RUN_FORMAT = 'tfc-migrate-run-v1';

const status = z.enum(['ok', 'error', 'timeout', 'not run']);

export const migrateRunSchema = z.object({
  format: z.literal(MIGRATE_RUN_FORMAT),
  date: z.iso.datetime(),
  provenance: z.object({
    cpu: z.object({ model: z.string().min(1), cores: z.number().int().positive() }),
    memoryGiB: z.number().positive(),
    os: z.string().min(1),
    command: z.string().min(1),
    gitCommit: z.string().regex(/^[0-9a-f]{7,40}$/),
    gitDirty: z.boolean(),
    loadAverage1m: z.number().nonnegative(),
  }),
  versions: z.object({
    tensorflow: z.string().min(1),
    keras: z.string().min(1),
    numpy: z.string().min(1),
    python: z.string().min(1),
  }),
  /** Loops over more than `long` iterations were cut to `cap`; a program ran at most `timeoutSeconds`. */
  cap: z.number().int().positive(),
  long: z.number().int().positive(),
  timeoutSeconds: z.number().positive(),
  results: z
    .array(
      z.object({
        corpus: z.enum(['third-party', 'ours']),
        name: z.string().regex(/^[\w-]+\.py$/),
        status,
        error: z.string().optional(),
        /** Line in the converted program where the error was raised. */
        line: z.number().int().positive().optional(),
        seconds: z.number().nonnegative().optional(),
      }),
    )
    .min(1),
});

export type MigrateRun = z.infer<typeof migrateRunSchema>;

/** Parses an archived run; a malformed file fails with its name and the first fields that are wrong. */
export function readMigrateRun(text: string, file: string): MigrateRun {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not JSON (${(error as Error).message})`, { cause: error });
  }
  const parsed = migrateRunSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new Error(`${file}: not a ${MIGRATE_RUN_FORMAT} file (${issues.join('; ')})`);
  }
  return parsed.data;
}

/** How many programs were run (not those the runner cannot feed) and how many ran to their end. */
export function runCounts(run: MigrateRun): { files: number; run: number; ranToEnd: number } {
  const tried = run.results.filter((r) => r.status !== 'not run');
  return { files: run.results.length, run: tried.length, ranToEnd: tried.filter((r) => r.status === 'ok').length };
}
