import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPageWeight, type Budget } from '../support/page-weight.ts';

const budget = JSON.parse(readFileSync('tests/page-weight-budget.json', 'utf8')) as Budget;
const asset = (type: 'script' | 'stylesheet', gzip: number, text = '') => ({
  url: `/${type}`,
  type,
  bytes: gzip,
  gzip,
  text,
});

describe('page-weight rules', () => {
  it('passes a page under budget and fails one over it', () => {
    expect(checkPageWeight('/a/', [asset('script', 20_000), asset('stylesheet', 20_000)], budget).problems).toEqual([]);
    const over = checkPageWeight('/a/', [asset('script', 40_000), asset('stylesheet', 20_000)], budget);
    expect(over.problems[0]).toMatch(/over its 50 KB budget/);
  });
  it('recognises tfjs-core by its marker, so loading tfjs early fails', () => {
    // The marker must really be in the tfjs-core code a bundle would include.
    const tfjsCore = readFileSync('node_modules/@tensorflow/tfjs-core/dist/flags.js', 'utf8');
    const result = checkPageWeight('/a/', [asset('script', 1000, tfjsCore)], budget);
    expect(result.problems.join()).toMatch(/TensorFlow\.js loaded before any interaction/);
  });
});

describe('forbidden markers', () => {
  it('look at scripts only, since stylesheets can share class names', () => {
    const css = asset('stylesheet', 100, '.pagefind-ui__search-input{}');
    expect(checkPageWeight('/a/', [css], budget).problems).toEqual([]);
    const js = asset('script', 100, 'x="pagefind-ui__search-input"');
    expect(checkPageWeight('/a/', [js], budget).problems.join()).toMatch(/Pagefind UI loaded/);
  });
});
