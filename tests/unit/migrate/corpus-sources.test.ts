import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  readThirdParty,
  sourceMarkdown,
  THIRD_PARTY_DIR,
  thirdPartySources,
} from '../../../benchmarks/migrate-corpus-file.ts';

/** The third-party corpus's provenance: sources.json, SOURCE.md and files/ must agree. */
const sources = thirdPartySources();
const markdown = readFileSync(join(THIRD_PARTY_DIR, 'SOURCE.md'), 'utf8');

describe('third-party corpus sources', () => {
  it('SOURCE.md is what sources.json gives (rewrite it with node benchmarks/migrate-corpus-source.ts)', () => {
    expect(markdown).toBe(sourceMarkdown(sources));
  });

  it('SOURCE.md names every file with its repository, commit, path, licence and link', () => {
    for (const s of sources) {
      const row = markdown.split('\n').find((l) => l.startsWith(`| \`${s.file}\` |`));
      expect(row, s.file).toBeDefined();
      for (const part of [s.repo, s.commit, s.path, s.license, s.url, s.licenseUrl])
        expect(row, `${s.file}: ${part}`).toContain(part);
    }
  });

  it('every file of sources.json is in files/ with its pinned SHA-256, and files/ holds nothing else', () => {
    expect(
      readThirdParty().missing,
      'a committed third-party file is missing or changed: restore it from git (node benchmarks/migrate-corpus-fetch.ts re-fetches it)',
    ).toEqual([]);
    expect(readdirSync(join(THIRD_PARTY_DIR, 'files')).sort()).toEqual(sources.map((s) => s.file).sort());
  });

  it('pins each file to a full commit and a link at that commit', () => {
    for (const s of sources) {
      expect(s.commit, s.file).toMatch(/^[0-9a-f]{40}$/);
      expect(s.url, s.file).toBe(`https://github.com/${s.repo}/blob/${s.commit}/${s.path}`);
      expect(s.sha256, s.file).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});
