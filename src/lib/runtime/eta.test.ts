import { describe, expect, it } from 'vitest';
import { etaText } from './eta.ts';

describe('time left in a run', () => {
  it('extrapolates the pace so far', () => {
    expect(etaText(5000, 0.25)).toBe('about 15 s');
    expect(etaText(100, 0.5)).toBe('under a second');
  });
  it('says nothing before the first report and at the end', () => {
    expect(etaText(100, 0)).toBe('');
    expect(etaText(100, 1)).toBe('');
  });
});
