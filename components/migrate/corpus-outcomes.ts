/**
 * Both corpora judged by the real engine when the site is built (src/lib/migrate/conversion.ts, the
 * same functions bench:migrate-corpus prints), for the chapter's table and for figures quoted in its
 * prose, so no number on the page is typed by hand. The third-party files are committed unchanged;
 * a file that is missing or no longer matches its pinned hash is left out and named, rather than
 * measured.
 */
import sources from '../../benchmarks/migrate-corpus/third-party/sources.json' with { type: 'json' };
import { judgeConversion, summarize, type Conversion, type CorpusSummary } from '../../src/lib/migrate/conversion.ts';
import { pinnedPrograms } from '../../src/lib/migrate/third-party.ts';

const byName = <T>(glob: Record<string, T>) =>
  Object.entries(glob)
    .map(([path, value]) => ({ name: path.replace(/^.*\//, ''), value }))
    .sort((a, b) => a.name.localeCompare(b.name));

const ours = byName(
  import.meta.glob<string>('../../content/migrate-corpus/*.py', { query: '?raw', import: 'default', eager: true }),
);
const committed = new Map(
  byName(
    import.meta.glob<string>('../../benchmarks/migrate-corpus/third-party/files/*.py', {
      query: '?raw',
      import: 'default',
      eager: true,
    }),
  ).map((f) => [f.name, f.value]),
);

export interface ThirdPartyConversion extends Conversion {
  url: string;
  repo: string;
  license: string;
}

const pinned = pinnedPrograms(sources, (file) => committed.get(file));
const thirdParty: ThirdPartyConversion[] = pinned.programs.map(({ name, source, pin }) => ({
  ...judgeConversion(name, source),
  url: pin.url,
  repo: pin.repo,
  license: pin.license,
}));
const missing = pinned.missing;
const oursJudged = ours.map((p) => judgeConversion(p.name, p.value));

export interface CorpusOutcome<C extends Conversion = Conversion> {
  files: C[];
  summary: CorpusSummary;
}

export const outcomes: {
  thirdParty: CorpusOutcome<ThirdPartyConversion>;
  ours: CorpusOutcome;
  missing: string[];
  repos: string[];
} = {
  thirdParty: { files: thirdParty, summary: summarize(thirdParty) },
  ours: { files: oursJudged, summary: summarize(oursJudged) },
  missing,
  repos: [...new Set(sources.map((s) => s.repo))],
};

/** "12 of 38 (31.6 %)" for prose. */
export function share(part: number, whole: number): string {
  return `${part} of ${whole}${whole > 0 ? ` (${Math.round((100 * part) / whole)} %)` : ''}`;
}

/** Third-party files whose output still uses a `prefix…` name TF2 lacks, carried over from the input. */
export function carrying(prefix: string): number {
  return outcomes.thirdParty.files.filter((c) => c.carriedApiFindings.some((f) => f.name.startsWith(prefix))).length;
}

/**
 * Third-party files with TF1 plumbing (Session, placeholder, feed_dict) still in the output;
 * `explained`: only those the report gives a reason for.
 */
export function withPlumbing(explained = false): number {
  return outcomes.thirdParty.files.filter(
    (c) =>
      c.spots.some((s) =>
        /^an? (?:Session|InteractiveSession|placeholder|placeholder_with_default|feed_dict) is left$/.test(s.reason),
      ) &&
      (!explained || c.reasons.length > 0),
  ).length;
}

/** Third-party files with nothing left but tf.compat.v1 uses. */
export function onlyCompatLeft(): number {
  return outcomes.thirdParty.files.filter(
    (c) =>
      c.outcome !== 'fully' && c.spots.length > 0 && c.spots.every((s) => s.reason.includes('kept by tf.compat.v1')),
  ).length;
}
