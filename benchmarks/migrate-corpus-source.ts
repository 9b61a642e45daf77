/**
 * Writes benchmarks/migrate-corpus/third-party/SOURCE.md from sources.json. Run it after changing
 * sources.json; tests/unit/migrate/corpus-sources.test.ts fails until it has been.
 *
 *   node benchmarks/migrate-corpus-source.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sourceMarkdown, THIRD_PARTY_DIR, thirdPartySources } from './migrate-corpus-file.ts';

const path = join(process.cwd(), THIRD_PARTY_DIR, 'SOURCE.md');
writeFileSync(path, sourceMarkdown(thirdPartySources()));
console.log(`wrote ${path}`);
