import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { linesOfCode } from '../../src/lib/experiments/model-building/harness.ts';

/**
 * The Model building chapter compares the snippets' line counts in words; the table beside them
 * is computed at build, the words are not. These are the words' claims, checked on the files.
 */
const pyDir = 'content/snippets/model-building';
const tsDir = 'src/lib/experiments/model-building/shown';
const py = (fw: string) => linesOfCode(readFileSync(`${pyDir}/classifier.${fw}.py`, 'utf8'), '#');
const ts = (style: string) => linesOfCode(readFileSync(`${tsDir}/classifier.${style}.ts`, 'utf8'), '//');

describe('the Model building chapter on lines of code', () => {
  const others = ['tf1', 'torch', 'jax'].map(py);

  it('Keras is about half as long as each other Python file (at most 60% of it)', () => {
    for (const n of others) expect(py('tf2')).toBeLessThanOrEqual(0.6 * n);
  });

  it('TF1, PyTorch and JAX come out within a few lines (at most 4) of one another', () => {
    expect(Math.max(...others) - Math.min(...others)).toBeLessThanOrEqual(4);
  });

  it('PyTorch takes as many lines as TF1 for this model (within 2 either way)', () => {
    expect(Math.abs(py('torch') - py('tf1'))).toBeLessThanOrEqual(2);
  });

  it('in TypeScript the Keras-style file is no shorter than the graph one, and the module file is the longest', () => {
    expect(ts('keras')).toBeGreaterThanOrEqual(ts('graph'));
    expect(ts('module')).toBeGreaterThan(Math.max(ts('graph'), ts('keras')));
  });
});
