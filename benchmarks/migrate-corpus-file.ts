import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The corpus programs, sorted by name, read from content/migrate-corpus. */
export function readCorpus(root = process.cwd()): { name: string; source: string }[] {
  const dir = join(root, 'content/migrate-corpus');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.py'))
    .sort()
    .map((name) => ({ name, source: readFileSync(join(dir, name), 'utf8') }));
}

/**
 * One long TF1 file made of corpus programs, each wrapped in its own function so their names do not
 * clash (a clash would make Level 2 stop early and the timing flatter than real work). `from
 * __future__` imports must stay at the top of a module, so they are dropped.
 */
export function longTf1File(minLines: number, root?: string): string {
  const corpus = readCorpus(root);
  const parts = ['import tensorflow as tf', ''];
  let lines = 2;
  for (let copy = 0; lines < minLines; copy++) {
    for (const { name, source } of corpus) {
      const body = source
        .split('\n')
        .filter((l) => !l.startsWith('from __future__'))
        .map((l) => (l.trim() === '' ? '' : `    ${l}`));
      parts.push(`def program_${copy}_${name.replace(/\W/g, '_')}():`, ...body, '');
      lines += body.length + 2;
      if (lines >= minLines) break;
    }
  }
  return `${parts.join('\n')}\n`;
}

export const THIRD_PARTY_DIR = 'benchmarks/migrate-corpus/third-party';

/** One file of the third-party corpus, as pinned in sources.json. */
export interface ThirdPartySource {
  file: string;
  repo: string;
  commit: string;
  path: string;
  license: string;
  licenseUrl: string;
  url: string;
  sha256: string;
  bytes: number;
}

export function thirdPartySources(root = process.cwd()): ThirdPartySource[] {
  return JSON.parse(readFileSync(join(root, THIRD_PARTY_DIR, 'sources.json'), 'utf8')) as ThirdPartySource[];
}

/**
 * The third-party programs that have been fetched (benchmarks/migrate-corpus-fetch.ts) and still match
 * their pinned hash, sorted by name; `missing` names the others, so a caller can say what it did not run.
 */
export function readThirdParty(root = process.cwd()): { programs: { name: string; source: string }[]; missing: string[] } {
  const programs: { name: string; source: string }[] = [];
  const missing: string[] = [];
  for (const s of thirdPartySources(root)) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(root, THIRD_PARTY_DIR, 'files', s.file));
    } catch {
      missing.push(s.file);
      continue;
    }
    if (createHash('sha256').update(bytes).digest('hex') !== s.sha256) missing.push(s.file);
    else programs.push({ name: s.file, source: bytes.toString('utf8') });
  }
  programs.sort((a, b) => a.name.localeCompare(b.name));
  return { programs, missing };
}
