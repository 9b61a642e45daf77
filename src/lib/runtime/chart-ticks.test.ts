import { describe, expect, it } from 'vitest';
import { compactNumber, logAxis, logTicks } from './chart-ticks.ts';

describe('log axis ticks for the live chart', () => {
  it('labels every power of ten across a wide sweep', () => {
    expect(logTicks(0.4, 2500)).toEqual([1, 10, 100, 1000]);
  });
  it('adds 2× and 5× steps when the range spans two decades or fewer', () => {
    expect(logTicks(1.5, 60)).toEqual([2, 5, 10, 20, 50]);
  });
  it('keeps small values exact, not 0.30000000000000004', () => {
    expect(logTicks(0.15, 0.9)).toEqual([0.2, 0.5]);
  });
  it('falls back to the two ends inside one narrow range, and to nothing for a bad one', () => {
    expect(logTicks(6, 8)).toEqual([6, 8]);
    expect(logTicks(0, 10)).toEqual([]);
  });
});

describe('compact axis labels', () => {
  it('writes 1, 10, 100, 1k, 10k, 2.5M', () => {
    expect([1, 10, 100, 1000, 10_000, 2_500_000, 3e9].map(compactNumber)).toEqual([
      '1',
      '10',
      '100',
      '1k',
      '10k',
      '2.5M',
      '3G',
    ]);
  });
  it('keeps fractions readable', () => {
    expect([0.01, 0.25, 2].map(compactNumber)).toEqual(['0.01', '0.25', '2']);
  });
});

describe('a log axis for a sweep', () => {
  it('widens to whole decades, so the ends are labelled', () => {
    expect(logAxis([0.8, 5, 2100])).toEqual({ domain: [0.1, 10000], ticks: [0.1, 1, 10, 100, 1000, 10000] });
    expect(logAxis([1.5, 60])).toEqual({ domain: [1, 100], ticks: [1, 2, 5, 10, 20, 50, 100] });
  });
  it('gives one value a decade of its own', () => {
    expect(logAxis([10, 10]).domain).toEqual([10, 100]);
  });
});
