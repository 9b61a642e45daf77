import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReference } from '../../src/lib/experiments/onnx-parity/reference.ts';
import { findPython } from '../support/python.ts';

/** The exporter behind the deployment chapter's ONNX model, run for real where torch imports. */
const torchPython = findPython({ needs: 'torch' });
const out = mkdtempSync(join(tmpdir(), 'export-onnx-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const run = (...args: string[]) =>
  spawnSync(torchPython ?? 'python3', ['benchmarks/python/export_onnx.py', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });

describe.skipIf(!torchPython)(
  `benchmarks/python/export_onnx.py (${torchPython ?? 'skipped: no Python here can import torch'})`,
  () => {
    it('trains, exports ONNX and writes a reference file the page accepts', () => {
      const result = run('--epochs', '1', '--out', out);
      expect(result.stderr.replace(/.*UserWarning.*\n?.*\n?/g, ''), result.stderr).not.toMatch(/Error|Traceback/);
      expect(result.status).toBe(0);
      const model = readFileSync(join(out, 'model.onnx'));
      const reference = parseReference(readFileSync(join(out, 'reference.json')));
      expect(reference.modelBytes).toBe(model.byteLength);
      expect(reference.logits).toHaveLength(64);
      expect(reference.pytorchTestAccuracy).toBeGreaterThan(0.5);
      expect(reference.provenance.torch).toMatch(/^\d+\.\d+/);
    }, 180_000);

    it('refuses an out-of-range epoch count with usage and exit 2', () => {
      const result = run('--epochs', '0', '--out', out);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/--epochs must be between 1 and 50/);
    });
  },
);
