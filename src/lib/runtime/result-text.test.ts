import { describe, expect, it } from 'vitest';
import { adapterText, backendDetailsText, formatFigure, timingCells } from './result-text.ts';

describe('how the panels write a result', () => {
  it('writes milliseconds and ratios with two decimals below 10 and one above', () => {
    expect([1.234, 12.34].map(formatFigure)).toEqual(['1.23', '12.3']);
    expect(timingCells({ firstMs: 30, wall: { median: 2, p10: 1.5, p90: 2.5 } })).toEqual([
      '30.0',
      '2.00',
      '1.50–2.50',
    ]);
  });
  it('joins what the adapter said and leaves out what it did not', () => {
    expect(adapterText({ adapter: { vendor: 'google', architecture: '', device: 'swiftshader' } })).toBe(
      'google swiftshader',
    );
    expect(adapterText({})).toBe('');
  });
  it('shows simd and threads with the reason, not the facts behind the reason', () => {
    const shown = backendDetailsText({
      crossOriginIsolated: true,
      backendDetails: { simd: true, threads: 1, threadedBuild: true, threadsAllowed: true, logicalCores: 2 },
    });
    expect(shown.text).toBe('simd: true, threads: 1');
    expect(shown.threadsWhy).toMatch(/half of the 2 logical cores/);
  });
  it('shows an older file as it was recorded, with no reason', () => {
    const shown = backendDetailsText({ backendDetails: { simd: true, threads: 4 } });
    expect(shown).toEqual({ text: 'simd: true, threads: 4', threadsWhy: undefined });
  });
});
