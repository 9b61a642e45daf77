import { createHash } from 'node:crypto';

/** One file of the third-party corpus, as pinned in benchmarks/migrate-corpus/third-party/sources.json. */
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

/**
 * The pinned files whose text is present and still hashes to its pin, sorted by name, each with its
 * pin; `missing` names the others, so a caller says what it did not measure instead of measuring it.
 * Takes the texts, not paths: the benchmark scripts read them from disk, the chapter through Vite.
 */
export function pinnedPrograms(
  sources: readonly ThirdPartySource[],
  textOf: (file: string) => string | undefined,
): { programs: { name: string; source: string; pin: ThirdPartySource }[]; missing: string[] } {
  const programs: { name: string; source: string; pin: ThirdPartySource }[] = [];
  const missing: string[] = [];
  for (const pin of [...sources].sort((a, b) => a.file.localeCompare(b.file))) {
    const source = textOf(pin.file);
    if (source === undefined || createHash('sha256').update(source, 'utf8').digest('hex') !== pin.sha256)
      missing.push(pin.file);
    else programs.push({ name: pin.file, source, pin });
  }
  return { programs, missing };
}
