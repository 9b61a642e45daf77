/**
 * Brings the third-party TF1 corpus (benchmarks/migrate-corpus/third-party/sources.json) into
 * benchmarks/migrate-corpus/third-party/files/, byte for byte, each file checked against its SHA-256.
 * The files are other people's code, committed unchanged with their licences (SOURCE.md,
 * licenses/); this is how they were brought in, and running it again re-fetches and re-verifies
 * every file against its pinned commit (it needs network access to GitHub or local clones).
 *
 *   node benchmarks/migrate-corpus-fetch.ts                      # from raw.githubusercontent.com
 *   node benchmarks/migrate-corpus-fetch.ts --git OWNER/REPO=GITDIR [--git ...]   # from local clones
 *
 * Exit status 1 if any file could not be had or did not match its hash.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { THIRD_PARTY_DIR, thirdPartySources } from './migrate-corpus-file.ts';

const gitDirs = new Map<string, string>();
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const m = argv[i] === '--git' ? /^([^=]+)=(.+)$/.exec(argv[++i] ?? '') : null;
  if (!m) {
    console.error('usage: node benchmarks/migrate-corpus-fetch.ts [--git OWNER/REPO=GITDIR ...]');
    process.exit(2);
  }
  gitDirs.set(m[1]!, m[2]!);
}

const dir = join(process.cwd(), THIRD_PARTY_DIR, 'files');
mkdirSync(dir, { recursive: true });
let failed = 0;
for (const s of thirdPartySources()) {
  let bytes: Buffer;
  try {
    const git = gitDirs.get(s.repo);
    if (git) bytes = execFileSync('git', ['-C', git, 'show', `${s.commit}:${s.path}`], { maxBuffer: 16 << 20 });
    else {
      const response = await fetch(`https://raw.githubusercontent.com/${s.repo}/${s.commit}/${s.path}`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      bytes = Buffer.from(await response.arrayBuffer());
    }
  } catch (error) {
    console.error(`${s.file}: not fetched (${error instanceof Error ? error.message : String(error)})`);
    failed++;
    continue;
  }
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== s.sha256) {
    console.error(`${s.file}: SHA-256 ${sha} is not the pinned ${s.sha256}; not written`);
    failed++;
    continue;
  }
  writeFileSync(join(dir, s.file), bytes);
}
console.log(
  `${thirdPartySources().length - failed} of ${thirdPartySources().length} files in ${THIRD_PARTY_DIR}/files`,
);
process.exitCode = failed > 0 ? 1 : 0;
