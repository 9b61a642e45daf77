/**
 * The migration engine itself: `migrate`, run by the CLI, the tests, the build and the browser
 * through `index.ts`. It lives apart from the index so that a module the index re-exports (the
 * corpus statistics) can call it without importing the index that imports it.
 */
import { changedLineCount } from './diff.ts';
import { EditBuffer } from './edits.ts';
import { parseSource } from './parse.ts';
import { tidyBlankLines } from './tidy.ts';
import { Reporter } from './report.ts';
import type { RuleContext } from './rules/context.ts';
import { runLevel1 } from './rules/level1/index.ts';
import { runLevel2 } from './rules/level2/index.ts';
import type { MigrateOptions, MigrateResult, ReportEntry } from './types.ts';

const now = () => (typeof performance === 'undefined' ? Date.now() : performance.now());

/**
 * Converts TF1 source to TF2. Never throws: a syntax error becomes a report entry (and a parseErrors
 * item) and the rest of the file is still converted; an internal failure in Level 2 leaves the Level 1
 * result and is reported as an error entry.
 */
export function migrate(source: string, options: MigrateOptions = {}): MigrateResult {
  const started = now();
  const text = typeof source === 'string' ? source : String(source ?? '');
  const parsed = parseSource(text);
  const report = new Reporter(parsed.lines);
  for (const error of parsed.parseErrors) {
    report.error(
      1,
      'syntax-error',
      { from: error.from, to: error.from },
      `Syntax error: ${error.message}. The parts that could be read were still converted.`,
    );
  }
  const ctx: RuleContext = { source: text, parsed, buffer: new EditBuffer(text), report };
  guard(ctx, 1, () => runLevel1(ctx, { importRename: options.importRename ?? false }));
  const level1Code = ctx.buffer.render();
  let code = level1Code;
  if (options.level2 ?? true) {
    // Level 2 edits a copy, so an internal failure leaves the Level 1 result intact.
    const level2: RuleContext = { ...ctx, buffer: ctx.buffer.clone() };
    if (guard(ctx, 2, () => runLevel2(level2))) {
      const rendered = level2.buffer.render();
      code = rendered === level1Code ? rendered : tidyBlankLines(rendered);
      // A safety net, not a feature: Level 2 must never make readable code unreadable. If its output
      // has more syntax errors than the input, keep the Level 1 result and say so.
      if (code !== level1Code) {
        const broken = parseSource(code).parseErrors;
        if (broken.length > parsed.parseErrors.length) {
          const first = broken[0]!;
          report.warning(
            2,
            'level2-reverted',
            { from: 0, to: 0 },
            `Level 2's rewrite did not parse (output line ${first.line}, column ${first.col}: ${first.message}), so it was dropped ` +
              `and the Level 1 result is shown. The input's indentation may be inconsistent.`,
          );
          code = level1Code;
        }
      }
    }
  }
  const entries = report.entries();
  return {
    code,
    level1Code,
    report: entries,
    parseErrors: parsed.parseErrors,
    stats: {
      inputLines: parsed.lines.lineCount,
      level1ChangedLines: changedLineCount(text, level1Code),
      level2ChangedLines: changedLineCount(level1Code, code),
      ...count(entries),
      ms: now() - started,
    },
  };
}

/** Runs a level; a bug in a rule must not cost the user the rest of the conversion. */
function guard(ctx: RuleContext, level: 1 | 2, run: () => void): boolean {
  const mark = ctx.report.mark;
  try {
    run();
    return true;
  } catch (error) {
    ctx.report.truncate(mark);
    const what = level === 2 ? 'its changes were dropped' : 'its changes may be incomplete';
    ctx.report.error(
      level,
      'internal-error',
      { from: 0, to: 0 },
      `Level ${level} stopped on an internal error (${String(error)}); ${what}.`,
    );
    return false;
  }
}

function count(entries: ReportEntry[]): { infos: number; warnings: number; errors: number } {
  let infos = 0;
  let warnings = 0;
  let errors = 0;
  for (const e of entries) {
    if (e.severity === 'info') infos++;
    else if (e.severity === 'warning') warnings++;
    else errors++;
  }
  return { infos, warnings, errors };
}
