import { changedLineCount } from './diff.ts';
import { migrate } from './engine.ts';
import { parseSource } from './parse.ts';
import { plumbingUses } from './plumbing.ts';

/** A program of the corpus: a name to show and its TF1 source. */
export interface CorpusProgram {
  name: string;
  source: string;
}

/** TF1 graph plumbing still in code: identifiers only, so a docstring that says "placeholder" does not count. */
export interface Leftovers {
  session: number;
  placeholder: number;
  feedDict: number;
}

/** One row of the chapter's measured table. */
export interface CorpusRow {
  name: string;
  lines: number;
  /** Lines changed by the tf_upgrade_v2-level rules alone (input -> Level 1 output). */
  level1ChangedLines: number;
  /** Lines changed by Level 1 and Level 2 together (input -> final output). */
  totalChangedLines: number;
  warnings: number;
  errors: number;
  /** Reasons Level 2 gave for leaving graph code unconverted (report entries `not-converted`). */
  notConverted: number;
  /** Whether the Level 1 output parses without error nodes. */
  level1Parses: boolean;
  /** Whether the final output parses without error nodes. */
  parses: boolean;
  level1Leftovers: Leftovers;
  leftovers: Leftovers;
  ms: number;
}

export function leftovers(code: string): Leftovers {
  const out: Leftovers = { session: 0, placeholder: 0, feedDict: 0 };
  for (const use of plumbingUses(code)) out[use.kind]++;
  return out;
}

/**
 * Runs the real engine over a corpus and measures it, for the chapter's table and the benchmark
 * script. Takes sources, not paths, so a page can call it at build time after reading the files.
 */
export function corpusStats(programs: readonly CorpusProgram[]): CorpusRow[] {
  return programs.map(({ name, source }) => {
    const result = migrate(source);
    return {
      name,
      lines: result.stats.inputLines,
      level1ChangedLines: result.stats.level1ChangedLines,
      totalChangedLines: changedLineCount(source, result.code),
      warnings: result.stats.warnings,
      errors: result.stats.errors,
      notConverted: result.report.filter((e) => e.rule === 'not-converted').length,
      level1Parses: parseSource(result.level1Code).parseErrors.length === 0,
      parses: parseSource(result.code).parseErrors.length === 0,
      level1Leftovers: leftovers(result.level1Code),
      leftovers: leftovers(result.code),
      ms: result.stats.ms,
    };
  });
}
