import { expect } from 'vitest';
import type { RunOutput } from '../runtime/output.ts';
import { liveRecord } from './run-record.ts';

/**
 * What every experiment's test asks of its run: it makes a valid result record (a reader could
 * download it), and that record keeps every timing, figure and text the run produced.
 */
export function expectRecordOf(output: RunOutput) {
  const record = liveRecord(output);
  expect(record.measurements.map((m) => m.name)).toEqual(Object.keys(output.timings));
  for (const m of record.measurements) expect(m.timesMs).toEqual(output.timings[m.name]!.timesMs);
  expect(record.metrics).toEqual(output.metrics);
  expect(record.texts).toEqual(output.notes && Object.keys(output.notes).length ? output.notes : undefined);
  return record;
}
