import { readdirSync, readFileSync } from 'node:fs';
import { parseArchive } from '../../src/lib/results/archive.ts';
import { describe, expect, it } from 'vitest';
import { FACTOR_IDS, CHOOSER_FRAMEWORKS } from '../../src/schemas/frameworks.ts';
import {
  ContentError,
  loadChapters,
  loadClaims,
  loadFrameworks,
  parseChapterFrontmatter,
} from '../../src/lib/content/load.ts';

// The paper's claim ids (shared/PAPER-CLAIMS.md), plus SF-1/SF-2 for its unnumbered section 1.
const paperIds = [
  ...['SF-1', 'SF-2', 'MB-1', 'MB-2', 'MB-3', 'MB-4', 'SV-1', 'SV-2', 'SD-1', 'SD-2', 'DB-1', 'DB-2', 'DB-3'],
  ...['DP-1', 'DP-2', 'DP-3', 'DC-1', 'DC-2', 'MD-1', 'MD-2', 'MD-3', 'OV-1', 'OV-2', 'OV-3'],
  ...['CV-1', 'CV-2', 'CV-3', 'CV-4', 'CV-5', 'TP-1', 'TP-2', 'TP-3', 'TP-4', 'TP-5', 'TP-6', 'CO-1'],
];

describe('claims ledger (content/claims.yaml)', () => {
  const claims = loadClaims();
  it('has every claim id of the paper, once', () => {
    const ids = claims.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of paperIds) expect(ids, `missing ${id}`).toContain(id);
  });
  it('judges the claims the Choosing chapter covers (section 1 and CO-1)', () => {
    for (const c of claims.filter((c) => c.section === '1' || c.id === 'CO-1'))
      expect(c.verdict, c.id).not.toBe('unreviewed');
  });
  it('cites archived evidence only by a file in benchmarks/results that no newer run supersedes', () => {
    const dir = 'benchmarks/results';
    const runs = parseArchive(
      Object.fromEntries(
        readdirSync(dir)
          .filter((f) => f.endsWith('.json'))
          .map((f) => [f, readFileSync(`${dir}/${f}`, 'utf8')]),
      ),
    );
    for (const c of claims)
      for (const e of c.evidence)
        if (e.kind === 'archived') {
          const run = runs.find((r) => r.file === e.result);
          expect(run, `${c.id}: ${e.result}`).toBeDefined();
          expect(run!.supersededBy, `${c.id}: ${e.result} is superseded`).toBeUndefined();
        }
  });
  it('gives a judged claim cited evidence with a date', () => {
    for (const c of claims.filter((c) => c.verdict !== 'unreviewed'))
      expect(c.evidence.length, c.id).toBeGreaterThan(0);
  });
});

describe('framework facts (content/frameworks.yaml)', () => {
  const frameworks = loadFrameworks();
  it('covers each chooser framework once, with a sourced fact for every factor', () => {
    expect(frameworks.map((f) => f.id).sort()).toEqual([...CHOOSER_FRAMEWORKS].sort());
    for (const f of frameworks) expect(Object.keys(f.facts).sort()).toEqual([...FACTOR_IDS].sort());
  });
});

describe('chapter frontmatter', () => {
  const claimIds = new Set(loadClaims().map((c) => c.id));
  it('names only claims that exist in the ledger', () => {
    for (const { file, data } of loadChapters())
      for (const id of data.claims) expect(claimIds.has(id), `${file} claims ${id}`).toBe(true);
  });
  // The links validator cannot see the ledger's anchors (they come from a component, not
  // Markdown headings), so astro.config.mjs excludes /claims/#… and this test checks them.
  it('links only to claim anchors that exist in the ledger', () => {
    const anchors = new Set([...claimIds].map((id) => id.toLowerCase()));
    for (const { file } of loadChapters()) {
      const text = readFileSync(file, 'utf8');
      for (const [, anchor] of text.matchAll(/\/claims\/#([\w-]+)/g))
        expect(anchors.has(anchor!), `${file} links to /claims/#${anchor}`).toBe(true);
    }
  });
  it('rejects a bad value with the file and field in the message', () => {
    const bad = '---\ntitle: X\narea: cooking\n---\n';
    expect(() => parseChapterFrontmatter('content/chapters/99-bad.mdx', bad)).toThrow(ContentError);
    expect(() => parseChapterFrontmatter('content/chapters/99-bad.mdx', bad)).toThrow(
      /content\/chapters\/99-bad\.mdx: area: /,
    );
  });
});
