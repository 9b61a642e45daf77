import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPython } from '../../../../tests/support/python.ts';
import { parseDdpResult } from './ddp-result.ts';

const python = findPython({ needs: 'torch' });
const ARCHIVE = 'benchmarks/results/distributed';

describe('benchmarks/python/ddp_mnist.py', () => {
  it.skipIf(!python)(
    python
      ? `trains with DDP on 1 and 2 gloo processes and writes a valid file (${python})`
      : 'runs DDP (skipped: no Python here can import torch; apt-get install python3-torch)',
    () => {
      const out = mkdtempSync(join(tmpdir(), 'ddp-'));
      try {
        execFileSync(
          python!,
          [
            'benchmarks/python/ddp_mnist.py',
            '--steps',
            '4',
            '--warmup',
            '1',
            '--global-batch',
            '32',
            '--hidden',
            '16',
            '--out',
            out,
          ],
          { encoding: 'utf8', timeout: 120_000 },
        );
        const [name] = readdirSync(out);
        const r = parseDdpResult(readFileSync(join(out, name!), 'utf8'), name!);
        expect(r.runs.map((x) => x.processes)).toEqual([1, 2]);
        expect(r.runs[0]!.scalingEfficiency).toBe(1);
        // DDP keeps replicas identical: the same update from the same averaged gradient.
        for (const run of r.runs) expect(run.maxWeightDiff).toBe(0);
        expect(r.runs[1]!.measurement.timesMs).toHaveLength(2);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
    150_000,
  );

  it.skipIf(!python)('rejects a global batch that does not split over the processes, with a message', () => {
    expect(() =>
      execFileSync(
        python!,
        ['benchmarks/python/ddp_mnist.py', '--processes', '3', '--global-batch', '10', '--dry-run'],
        { encoding: 'utf8', stdio: 'pipe' },
      ),
    ).toThrow(/does not split evenly/);
  });

  it('archives runs that validate, with a 1-process baseline', () => {
    const files = readdirSync(ARCHIVE).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const r = parseDdpResult(readFileSync(join(ARCHIVE, f), 'utf8'), f);
      expect(r.runs.some((x) => x.processes === 2)).toBe(true);
    }
  });

  it('names the file and field of a malformed result', () => {
    expect(() => parseDdpResult('{', 'x.json')).toThrow(/x\.json: not valid JSON/);
    expect(() => parseDdpResult('{"format":"tfc-ddp-result-v1"}', 'y.json')).toThrow(/y\.json: framework/);
  });
});
