import { diffLines, type DiffLine } from './diff.ts';
import type { MigrateResult, ReportEntry } from './types.ts';

/** A line of the input -> output diff, with the report's notes about that input line. */
export interface AnnotatedLine extends DiffLine {
  notes: ReportEntry[];
}

/** What a page shows for one conversion: the diff with notes beside their lines, and the rest. */
export interface AnnotatedResult {
  lines: AnnotatedLine[];
  /** Notes on lines the diff does not show with an old line number (none in practice; kept so nothing is lost). */
  unplaced: ReportEntry[];
  syntaxErrors: ReportEntry[];
  counts: { infos: number; warnings: number; errors: number };
  code: string;
}

/**
 * Puts each report entry beside the diff line it is about: the entry's input line, on the removed (or
 * unchanged) side of the diff. Where an input line was removed and others added, the note sits on the
 * removed line, which is where the reader's own code was.
 */
export function annotate(
  input: string,
  result: MigrateResult,
  { onlyLevel }: { onlyLevel?: 1 | 2 } = {},
): AnnotatedResult {
  const report = onlyLevel
    ? result.report.filter((e) => e.level === onlyLevel || e.rule === 'syntax-error')
    : result.report;
  const byLine = new Map<number, ReportEntry[]>();
  for (const entry of report) {
    const list = byLine.get(entry.line);
    if (list) list.push(entry);
    else byLine.set(entry.line, [entry]);
  }
  const lines: AnnotatedLine[] = diffLines(input, result.code).map((line) => {
    const notes = line.oldLine !== undefined ? (byLine.get(line.oldLine) ?? []) : [];
    if (line.oldLine !== undefined) byLine.delete(line.oldLine);
    return { ...line, notes };
  });
  return {
    lines,
    unplaced: [...byLine.values()].flat(),
    syntaxErrors: result.report.filter((e) => e.rule === 'syntax-error'),
    counts: { infos: result.stats.infos, warnings: result.stats.warnings, errors: result.stats.errors },
    code: result.code,
  };
}
