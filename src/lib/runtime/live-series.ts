/**
 * Turns an experiment's progress reports into what its live chart draws. Metric names follow one
 * convention: `<quantity>_<case>` (e.g. `gflops_n256`) is one case of a sweep and becomes a bar in
 * the quantity's group; a bare name (e.g. `loss`) is a value over time and becomes a line with one
 * point per report that carries it.
 */
export interface ProgressReport {
  fraction: number;
  metrics?: Record<string, number>;
}

export interface LinePoint {
  metric: string;
  step: number;
  value: number;
}

export interface Bar {
  quantity: string;
  label: string;
  value: number;
}

export interface LiveSeries {
  lines: LinePoint[];
  bars: Bar[];
}

/** Archived figures drawn beside the reader's own: one source (a framework mode on a machine)
 *  with values in the same `<quantity>_<case>` shape as the live metrics. */
export interface ArchiveReference {
  source: string;
  bars: Bar[];
}

const SWEEP = /^([a-z0-9]+(?:_[a-z]+)*?)_([a-z]*\d[\w.]*)$/i;

/** `gflops_n256` -> ['gflops', 'n256']; `overhead_us_per_op_1024` -> ['overhead_us_per_op', '1024']; `loss` -> undefined. */
export function splitSweepMetric(name: string): [quantity: string, label: string] | undefined {
  const m = SWEEP.exec(name);
  return m ? [m[1]!, m[2]!] : undefined;
}

export function liveSeries(reports: readonly ProgressReport[]): LiveSeries {
  const lines: LinePoint[] = [];
  const latest = new Map<string, Bar>();
  reports.forEach((report, step) => {
    for (const [name, value] of Object.entries(report.metrics ?? {})) {
      if (!Number.isFinite(value)) continue;
      const sweep = splitSweepMetric(name);
      if (sweep) latest.set(name, { quantity: sweep[0], label: sweep[1], value });
      else lines.push({ metric: name, step, value });
    }
  });
  return { lines, bars: [...latest.values()] };
}
