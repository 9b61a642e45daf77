import { explainWasmThreads, type WasmThreadFacts } from './wasm-threads.ts';

/**
 * The words and figures a result is shown with, shared by every table of the experiment panels.
 * Inputs are typed by the fields they read, so the display does not depend on the whole result schema.
 */

/** Milliseconds and ratios: two decimals below 10, one above. */
export const formatFigure = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));

interface Timing {
  firstMs: number;
  wall: { median: number; p10: number; p90: number };
}

/** first run, median, p10–p90: the columns every timing table starts with. */
export function timingCells(t: Timing): [first: string, median: string, spread: string] {
  return [
    formatFigure(t.firstMs),
    formatFigure(t.wall.median),
    `${formatFigure(t.wall.p10)}–${formatFigure(t.wall.p90)}`,
  ];
}

/** The same columns for a result record's measurement (its first run may be unrecorded). */
export function measurementCells(m: {
  firstMs?: number | undefined;
  median: number;
  p10: number;
  p90: number;
}): [first: string, median: string, spread: string] {
  return [
    m.firstMs === undefined ? 'n/a' : formatFigure(m.firstMs),
    formatFigure(m.median),
    `${formatFigure(m.p10)}–${formatFigure(m.p90)}`,
  ];
}

interface Provenance {
  adapter?: Record<string, string> | undefined;
  backendDetails?: Record<string, string | number | boolean> | undefined;
  crossOriginIsolated?: boolean | undefined;
}

/** What the browser said of its GPU, on one line ('' when it said nothing). */
export const adapterText = (p: Provenance) => (p.adapter ? Object.values(p.adapter).filter(Boolean).join(' ') : '');

/**
 * Facts recorded for the result files, not shown as they are: the thread facts explain the count
 * in a sentence instead, and simdKernels (whether this site's SIMD training kernels ran) matters
 * to the benchmark archive, not to a reader's run.
 */
const THREAD_FACTS = new Set(['threadedBuild', 'threadsAllowed', 'logicalCores', 'simdKernels']);

/** A backend's own choices (`simd: true, threads: 4`) and, for WASM threads, why (undefined when no fact says). */
export function backendDetailsText(p: Provenance): { text: string; threadsWhy: string | undefined } {
  const details = p.backendDetails ?? {};
  const text = Object.entries(details)
    .filter(([k]) => !THREAD_FACTS.has(k))
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ');
  return {
    text,
    threadsWhy: explainWasmThreads({ ...threadFacts(details), crossOriginIsolated: p.crossOriginIsolated }),
  };
}

function threadFacts(details: Record<string, string | number | boolean>): Partial<WasmThreadFacts> {
  const number = (k: string) => (typeof details[k] === 'number' ? { [k]: details[k] } : {});
  const boolean = (k: string) => (typeof details[k] === 'boolean' ? { [k]: details[k] } : {});
  return {
    ...number('threads'),
    ...number('logicalCores'),
    ...boolean('threadedBuild'),
    ...boolean('threadsAllowed'),
    ...boolean('simd'),
  };
}
