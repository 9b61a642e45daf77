import type { LineIndex } from './lines.ts';
import type { Level, ReportEntry, Severity } from './types.ts';

/** Collects report entries as rules find things; `entries()` sorts them by place, keeping finding order. */
export class Reporter {
  private readonly found: ReportEntry[] = [];

  private readonly lines: LineIndex;

  constructor(lines: LineIndex) {
    this.lines = lines;
  }

  add(level: Level, severity: Severity, rule: string, at: { from: number; to: number }, message: string): void {
    const { line, col } = this.lines.position(at.from);
    this.found.push({ line, col, from: at.from, to: at.to, severity, level, rule, message });
  }

  info(level: Level, rule: string, at: { from: number; to: number }, message: string): void {
    this.add(level, 'info', rule, at, message);
  }

  warning(level: Level, rule: string, at: { from: number; to: number }, message: string): void {
    this.add(level, 'warning', rule, at, message);
  }

  error(level: Level, rule: string, at: { from: number; to: number }, message: string): void {
    this.add(level, 'error', rule, at, message);
  }

  /** Number of entries so far, to undo a rule's findings when it backs out. */
  get mark(): number {
    return this.found.length;
  }

  /** Drops entries a later rule made obsolete (a Level 1 warning about a call Level 2 then rewrote). */
  drop(keep: (entry: ReportEntry) => boolean): void {
    const kept = this.found.filter(keep);
    this.found.length = 0;
    this.found.push(...kept);
  }

  truncate(mark: number): void {
    this.found.length = mark;
  }

  entries(): ReportEntry[] {
    // Array.prototype.sort is stable, so entries at one place keep the order they were found in.
    return [...this.found].sort((a, b) => a.from - b.from);
  }
}

/** One report line as tf_upgrade_v2 and compilers print it: `line:col severity rule: message`. */
export function formatReportEntry(entry: ReportEntry): string {
  return `${entry.line}:${entry.col} ${entry.severity} ${entry.rule}: ${entry.message}`;
}
