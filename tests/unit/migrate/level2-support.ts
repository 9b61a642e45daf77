import { expect } from 'vitest';
import { checkApi } from '../../../src/lib/migrate/api-check.ts';
import { migrate } from '../../../src/lib/migrate/index.ts';
import type { ReportEntry } from '../../../src/lib/migrate/index.ts';

/** What every Level 2 rule test asks of the engine: the exact output, or a refusal at its place. */
export const py = (lines: string[]) => `${lines.join('\n')}\n`;
export const notConverted = (report: ReportEntry[]) => report.filter((e) => e.rule === 'not-converted');
export const apiFindings = (code: string) => checkApi(code).findings.map((f) => `${f.line}:${f.col} ${f.message}`);

/** Converts, and checks the result is clean: parses, nothing left unconverted, only TF 2.16 API. */
export function converted(lines: string[]): { code: string; report: ReportEntry[] } {
  const out = migrate(py(lines));
  expect(out.parseErrors).toEqual([]);
  expect(notConverted(out.report).map((e) => `${e.line}:${e.col} ${e.message}`)).toEqual([]);
  expect(apiFindings(out.code)).toEqual([]);
  return out;
}

/** Refused with this reason at this line:col of `lines` as written, the program left with its Session. */
export function refusedAsWritten(lines: string[], at: [number, number], why: RegExp): void {
  const out = migrate(py(lines));
  const warnings = notConverted(out.report);
  const hit = warnings.find((w) => why.test(w.message));
  expect(hit, warnings.map((w) => `${w.line}:${w.col} ${w.message}`).join('\n')).toBeDefined();
  expect([hit!.line, hit!.col]).toEqual(at);
  expect(hit!.severity).toBe('warning');
  expect(out.code).toMatch(/Session\(/);
}

/** As refusedAsWritten, for `lines` without their `import tensorflow as tf` (added here, so `at` is within `lines`). */
export function refused(lines: string[], at: [number, number], why: RegExp): void {
  refusedAsWritten(['import tensorflow as tf', ...lines], [at[0] + 1, at[1]], why);
}
