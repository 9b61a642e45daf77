import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/lib/migrate/index.ts';
import type { MigrateOptions, ReportEntry } from '../../../src/lib/migrate/index.ts';
import data from './upstream-cases.json' with { type: 'json' };

/**
 * tf_upgrade_v2's own test file, ported as data (upstream-cases.json, one case per input, each named
 * after its upstream test method). Level 1 must pass at least 95% of them; every failure is printed
 * with its reason. Cases where we chose to differ stay in the count as failures, and are pinned both
 * ways: upstream's expectation must still fail on them and our own output (`deviation.ours`) must hold,
 * so a deviation can neither pass silently nor drift.
 */
interface UpstreamCase {
  test: string;
  input: string;
  expected?: string;
  expectedContains?: string[];
  reportContains?: string[];
  reportNotContains?: string[];
  errors?: [number | 'any', string[]][];
  noErrors?: boolean;
  options?: MigrateOptions;
  /** A case where we knowingly differ from upstream: why, the source that shows it, and what we write instead. */
  deviation?: { reason: string; source: { url: string; title: string }; ours: string };
  note?: string;
}

const cases = data.cases as UpstreamCase[];

function failures(c: UpstreamCase): string[] {
  const result = migrate(c.input, { ...c.options, level2: false });
  const report = result.report.filter((e) => e.level === 1);
  const messages = report.map((e) => e.message).join('\n');
  // Upstream's `errors` are its warnings and errors, in the order it logged them.
  const errors = report.filter((e: ReportEntry) => e.severity !== 'info').map((e) => e.message);
  const out: string[] = [];
  if (c.expected !== undefined && result.code !== c.expected)
    out.push(`output ${JSON.stringify(result.code)} != expected ${JSON.stringify(c.expected)}`);
  for (const s of c.expectedContains ?? [])
    if (!result.code.includes(s)) out.push(`output ${JSON.stringify(result.code)} lacks ${JSON.stringify(s)}`);
  for (const s of c.reportContains ?? []) if (!messages.includes(s)) out.push(`report lacks ${JSON.stringify(s)}`);
  for (const s of c.reportNotContains ?? []) if (messages.includes(s)) out.push(`report has ${JSON.stringify(s)}`);
  for (const [index, wanted] of c.errors ?? []) {
    const pool = index === 'any' ? [errors.join('\n')] : [errors[index] ?? ''];
    for (const s of wanted)
      if (!pool.some((m) => m.includes(s)))
        out.push(`warning/error #${index} lacks ${JSON.stringify(s)} (got ${JSON.stringify(errors)})`);
  }
  if (c.noErrors && errors.length > 0) out.push(`expected no warnings or errors, got ${JSON.stringify(errors)}`);
  return out;
}

describe('tf_upgrade_v2_test.py, ported', () => {
  const results = cases.map((c) => ({ c, why: failures(c) }));
  const failed = results.filter((r) => r.why.length > 0);
  const passed = results.length - failed.length;

  it('has the upstream cases, each named after its test', () => {
    expect(cases.length).toBeGreaterThan(400);
    expect(new Set(cases.map((c) => c.test)).size).toBeGreaterThan(100);
  });

  it('passes at least 95% of them', () => {
    const lines = failed.map(
      ({ c, why }) =>
        `- ${c.test}: ${JSON.stringify(c.input)}\n   ` +
        ` ${why.join('\n    ')}${c.deviation ? `\n    (deliberate: ${c.deviation.reason})` : ''}`,
    );
    console.log(
      `upstream cases: ${passed}/${results.length} pass (${((100 * passed) / results.length).toFixed(1)}%)\n${lines.join('\n')}`,
    );
    expect(passed / results.length).toBeGreaterThanOrEqual(0.95);
  });

  it('fails only where we chose to differ, and says why', () => {
    expect(failed.filter(({ c }) => !c.deviation).map(({ c, why }) => `${c.test}: ${why.join('; ')}`)).toEqual([]);
  });

  it('pins each deliberate deviation: upstream fails, our documented output holds', () => {
    const deviations = results.filter(({ c }) => c.deviation);
    expect(deviations.length).toBeGreaterThan(0);
    for (const { c, why } of deviations) {
      expect(why, `${c.test}: ${c.input} now meets upstream; drop its deviation`).not.toEqual([]);
      expect(migrate(c.input, { ...c.options, level2: false }).code).toBe(c.deviation!.ours);
      expect(c.deviation!.reason.length).toBeGreaterThan(40);
      expect(c.deviation!.source.url).toMatch(/^https:\/\//);
    }
  });

  it('lists the upstream tests it does not port, each with a reason', () => {
    for (const skipped of data.notBehaviour) expect(skipped.reason.length).toBeGreaterThan(40);
  });
});
