import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pinnedPrograms, type ThirdPartySource } from '../src/lib/migrate/third-party.ts';

export type { ThirdPartySource };

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

export function thirdPartySources(root = process.cwd()): ThirdPartySource[] {
  return JSON.parse(readFileSync(join(root, THIRD_PARTY_DIR, 'sources.json'), 'utf8')) as ThirdPartySource[];
}

/** The third-party programs present and matching their pinned hash (pinnedPrograms), read from disk. */
export function readThirdParty(root = process.cwd()) {
  const dir = join(root, THIRD_PARTY_DIR, 'files');
  return pinnedPrograms(thirdPartySources(root), (file) => {
    try {
      return readFileSync(join(dir, file), 'utf8');
    } catch {
      return undefined;
    }
  });
}

/**
 * SOURCE.md for the third-party corpus, written from sources.json so the two cannot disagree (a unit
 * test compares them; benchmarks/migrate-corpus-source.ts rewrites the file).
 */
export function sourceMarkdown(sources: readonly ThirdPartySource[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const repos = [...new Map(sources.map((s) => [`${s.repo}@${s.commit}`, s])).values()];
  const lines = [
    '# Third-party TF1 corpus: sources',
    '',
    '<!-- Written by `node benchmarks/migrate-corpus-source.ts` from sources.json; edit that, not this. -->',
    '',
    `${sources.length} TensorFlow 1 programs by other people, used byte for byte from \`files/\` to measure the`,
    'migration assistant on code it was not written against (`npm run -s bench:migrate-corpus`). Each file',
    "is under its repository's licence, linked below, whose text is in `licenses/` (the MIT text as it",
    'stands in aymericdamien/TensorFlow-Examples at `4fbed84d52836d888d3a707870874c5edcdec251`; the',
    'TensorFlow files carry their own Apache-2.0 headers). The files are committed unchanged;',
    '`node benchmarks/migrate-corpus-fetch.ts` re-fetches each from its pinned commit and checks it',
    'against the SHA-256 in `sources.json`, which `readThirdParty()` in benchmarks/migrate-corpus-file.ts',
    'checks again before a file is used.',
    '',
    '## Repositories',
    '',
    '| repository | commit | licence | files |',
    '| --- | --- | --- | ---: |',
    ...repos.map(
      (r) =>
        `| [${cell(r.repo)}](https://github.com/${r.repo}) | \`${r.commit}\` | [${cell(r.license)}](${r.licenseUrl}) | ${sources.filter((s) => s.repo === r.repo && s.commit === r.commit).length} |`,
    ),
    '',
    '## Files',
    '',
    '| file | repository | commit | path | licence |',
    '| --- | --- | --- | --- | --- |',
    ...[...sources]
      .sort((a, b) => a.file.localeCompare(b.file))
      .map(
        (s) =>
          `| \`${cell(s.file)}\` | ${cell(s.repo)} | \`${s.commit}\` | [${cell(s.path)}](${s.url}) | ` +
          `[${cell(s.license)}](${s.licenseUrl}) |`,
      ),
    '',
  ];
  return lines.join('\n');
}
