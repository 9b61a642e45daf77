/**
 * TF1 -> TF2 migration engine. Pure functions over strings: no Node APIs, no I/O, nothing executed, so
 * the same code runs in the CLI, in tests, at build time and in the browser.
 *
 *   const { code, report } = migrate(tf1Source);           // Level 1 + Level 2
 *   const l1 = migrate(tf1Source, { level2: false });      // tf_upgrade_v2 parity only
 */
export { migrate } from './engine.ts';
export type { DiffLine } from './diff.ts';
export { annotate, type AnnotatedLine, type AnnotatedResult } from './annotate.ts';
export { diffLines } from './diff.ts';
export { formatReportEntry } from './report.ts';
export { corpusStats, leftovers, type CorpusProgram, type CorpusRow, type Leftovers } from './corpus-stats.ts';
export { programSignature } from './signature.ts';
export { parseSource } from './parse.ts';
export type { Level, MigrateOptions, MigrateResult, MigrateStats, ParseError, ReportEntry, Severity } from './types.ts';
