/**
 * Tick marks for the live chart's log axis. Plot's own log ticks label only a few values when the
 * chart is short, so a sweep from 1 to 2,000 GFLOP/s showed "1" and "2" and nothing above: here
 * every power of ten in range is labelled, with 2× and 5× steps when the range spans few of them.
 */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max >= min)) return [];
  const from = Math.floor(Math.log10(min));
  const to = Math.ceil(Math.log10(max));
  const steps = to - from <= 2 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let e = from; e <= to; e++)
    for (const s of steps) {
      const v = Number((s * 10 ** e).toPrecision(12));
      if (v >= min && v <= max) ticks.push(v);
    }
  // A range inside one decade (e.g. 3 to 8) still gets its two ends.
  return ticks.length >= 2 ? ticks : [min, max];
}

const UNITS: [number, string][] = [
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** 1, 10, 100, 1k, 2.5M: short labels for an axis; values below 1 keep their digits (0.01). */
export function compactNumber(v: number): string {
  const abs = Math.abs(v);
  for (const [size, unit] of UNITS) if (abs >= size) return `${Number((v / size).toPrecision(3))}${unit}`;
  return String(Number(v.toPrecision(3)));
}

/** A log axis for positive values: the domain widened to whole decades, and its ticks. */
export function logAxis(values: readonly number[]): { domain: [number, number]; ticks: number[] } {
  const lo = 10 ** Math.floor(Math.log10(Math.min(...values)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...values)));
  const domain: [number, number] = [Number(lo.toPrecision(12)), Number((hi === lo ? hi * 10 : hi).toPrecision(12))];
  return { domain, ticks: logTicks(...domain) };
}
