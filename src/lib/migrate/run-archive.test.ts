import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readThirdParty } from '../../../benchmarks/migrate-corpus-file.ts';
import { readMigrateRun, runCounts } from './run-archive.ts';

const DIR = 'benchmarks/results/migrate-run';
const archived = readdirSync(DIR).filter((f) => f.endsWith('.json'));

const valid = {
  format: 'tfc-migrate-run-v1',
  date: '2026-12-04T02:13:43.000Z',
  provenance: {
    cpu: { model: 'AMD EPYC', cores: 2 },
    memoryGiB: 23.5,
    os: 'Debian GNU/Linux 12 (bookworm)',
    command: 'node benchmarks/migrate-corpus-run.ts --archive',
    gitCommit: 'abcdef1',
    gitDirty: false,
    loadAverage1m: 1.2,
  },
  versions: { tensorflow: '2.21.0', keras: '3.15.1', numpy: '2.0.2', python: '3.11.7' },
  cap: 30,
  long: 150,
  timeoutSeconds: 150,
  results: [
    { corpus: 'third-party', name: 'a.py', status: 'ok', seconds: 1.5 },
    { corpus: 'third-party', name: 'b.py', status: 'error', error: 'KeyError: x', line: 3, seconds: 0.1 },
    { corpus: 'ours', name: 'c.py', status: 'not run', error: 'reads files it names' },
  ],
};

describe('archived bench:migrate-run results', () => {
  it('every archived run reads, names only corpus files, and was made from a clean checkout', () => {
    expect(archived.length).toBeGreaterThan(0);
    const thirdParty = new Set(readThirdParty().programs.map((p) => p.name));
    const ours = new Set(readdirSync('content/migrate-corpus').filter((f) => f.endsWith('.py')));
    for (const file of archived) {
      const run = readMigrateRun(readFileSync(join(DIR, file), 'utf8'), file);
      expect(run.provenance.gitDirty, file).toBe(false);
      for (const r of run.results)
        expect((r.corpus === 'ours' ? ours : thirdParty).has(r.name), `${file}: ${r.name}`).toBe(true);
    }
  });

  it('counts what ran, leaving out programs the runner could not feed', () => {
    expect(runCounts(readMigrateRun(JSON.stringify(valid), 'x.json'))).toEqual({ files: 3, run: 2, ranToEnd: 1 });
  });

  it('rejects a malformed file with its name and the wrong fields', () => {
    expect(() => readMigrateRun('{"format":', 'broken.json')).toThrow(/^broken\.json: not JSON/);
    expect(() => readMigrateRun(JSON.stringify({ ...valid, format: 'tfc-result-v2' }), 'f.json')).toThrow(
      /^f\.json: not a tfc-migrate-run-v1 file \(format:/,
    );
    const badStatus = { ...valid, results: [{ corpus: 'ours', name: 'c.py', status: 'passed' }] };
    expect(() => readMigrateRun(JSON.stringify(badStatus), 'g.json')).toThrow(/results\.0\.status/);
    const noCommit = { ...valid, provenance: { ...valid.provenance, gitCommit: '' } };
    expect(() => readMigrateRun(JSON.stringify(noCommit), 'h.json')).toThrow(/provenance\.gitCommit/);
    expect(() => readMigrateRun(JSON.stringify({ ...valid, results: [] }), 'i.json')).toThrow(/results/);
  });
});
