/**
 * Checks a TF2 Python file against TensorFlow 2's real API (src/lib/migrate/data/tf2-api.json):
 *
 *   npm run -s migrate:check -- [--migrate] [--json] FILE
 *
 * FILE is checked as it is (the output of a migration), or with --migrate it is a TF1 file that is
 * converted first and the result checked. Exit status: 0 no finding, 1 findings (or the code does not
 * parse), 2 bad usage or unreadable file.
 */
import { readFileSync } from 'node:fs';
import { apiSources, checkApi, formatApiFinding } from '../src/lib/migrate/api-check.ts';
import { migrate, parseSource } from '../src/lib/migrate/index.ts';

const USAGE = `usage: npm run -s migrate:check -- [--migrate] [--json] FILE
  Reports every tf.* name TensorFlow 2 does not have, every keyword argument a function does not take,
  and every tf.compat.v1 use.
  --migrate  FILE is TF1 code: convert it first (npm run migrate), then check the result
  --json     print {"findings": [...], "parseErrors": [...]} to stdout
  exit status: 0 no findings, 1 findings or syntax errors, 2 bad usage or unreadable file`;

function fail(message: string): never {
  process.stderr.write(`migrate:check: ${message}\n${USAGE}\n`);
  process.exit(2);
}

let doMigrate = false;
let json = false;
let file: string | null = null;
for (const arg of process.argv.slice(2)) {
  if (arg === '--migrate') doMigrate = true;
  else if (arg === '--json') json = true;
  else if (arg === '-h' || arg === '--help') {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  } else if (arg.startsWith('-')) fail(`unknown option ${arg}`);
  else if (file !== null) fail('give one FILE');
  else file = arg;
}
if (file === null) fail('give a FILE');

let source: string;
try {
  source = readFileSync(file, 'utf8');
} catch (error) {
  fail(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
}

const code = doMigrate ? migrate(source).code : source;
const parseErrors = parseSource(code).parseErrors;
const { findings } = checkApi(code);
if (json) process.stdout.write(`${JSON.stringify({ findings, parseErrors })}\n`);
else {
  for (const e of parseErrors) process.stderr.write(`${file}:${e.line}:${e.col}: syntax-error: ${e.message}\n`);
  for (const f of findings) process.stderr.write(`${file}:${formatApiFinding(f)}\n`);
  const api = apiSources.map((s) => `${s.repo} ${s.version}`).join(' + ');
  process.stderr.write(
    `${file}: ${findings.length} finding(s), ${parseErrors.length} syntax error(s) ` +
      `against ${api}${doMigrate ? ' (checked the migrated code)' : ''}\n`,
  );
}
process.exitCode = findings.length + parseErrors.length > 0 ? 1 : 0;
