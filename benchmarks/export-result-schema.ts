// Writes benchmarks/result.schema.json from the zod schema in src/lib/results/schema.ts, for
// readers and tools outside TypeScript. A unit test fails when the committed file is stale.
//
// Usage: npm run -s bench:schema   (--check: exit 1 instead of writing when the file differs)
import { readFileSync, writeFileSync } from 'node:fs';
import { resultJsonSchema } from '../src/lib/results/schema.ts';

export const SCHEMA_PATH = 'benchmarks/result.schema.json';
const text = `${JSON.stringify(resultJsonSchema(), null, 2)}\n`;
if (process.argv.includes('--help')) {
  console.log(
    'Usage: node benchmarks/export-result-schema.ts [--check]\nWrites benchmarks/result.schema.json from src/lib/results/schema.ts; ' +
      '--check only compares.',
  );
} else if (process.argv.includes('--check')) {
  const current = readFileSync(SCHEMA_PATH, 'utf8');
  if (current !== text) {
    console.error(`${SCHEMA_PATH} is stale: run npm run -s bench:schema`);
    process.exit(1);
  }
  console.log(`${SCHEMA_PATH} is up to date`);
} else {
  writeFileSync(SCHEMA_PATH, text);
  console.log(`wrote ${SCHEMA_PATH}`);
}
