import { validateResultText, type ArchivedResult, type Mode, type ResultFile } from './schema.ts';
import { workloadsFile } from './workloads.ts';

/**
 * The archive of benchmark runs (benchmarks/results/*.json) as the site shows it: every file
 * validated (a bad one stops the build with its name and field), labelled, and grouped by
 * workload, with the framework modes that have no run listed as "not measured".
 */
export type ArchivedRun = ArchivedResult & {
  /** File name under benchmarks/results/. */
  file: string;
  /** The framework mode, one of MODES' labels, e.g. "PyTorch eager" or "tfjs wasm (browser)". */
  label: string;
  /** The label as shown, with "software GPU" where the GPU was an emulation such as SwiftShader. */
  display: string;
  /**
   * The newer run of the same workload, mode and device that replaces this one (its file name), if
   * any. Superseded runs stay in the archive and on the results page, marked, but out of charts.
   */
  supersededBy?: string;
};

/** Every mode a runner of this project can produce, in the order they are shown. */
export const MODES: { runner: ResultFile['runner']; mode: Mode; label: string }[] = [
  { runner: 'python', mode: 'eager', label: 'PyTorch eager' },
  { runner: 'python', mode: 'torchscript', label: 'PyTorch TorchScript' },
  { runner: 'python', mode: 'compile', label: 'PyTorch torch.compile' },
  { runner: 'python', mode: 'jit', label: 'JAX jit' },
  { runner: 'python', mode: 'graph', label: 'TF1 graph + Session' },
  { runner: 'python', mode: 'eager', label: 'TF2 eager' },
  { runner: 'python', mode: 'tf.function', label: 'TF2 tf.function' },
  { runner: 'node', mode: 'tfjs-cpu', label: 'tfjs cpu (Node)' },
  { runner: 'node', mode: 'tfjs-wasm', label: 'tfjs wasm (Node)' },
  { runner: 'browser', mode: 'tfjs-wasm', label: 'tfjs wasm (browser)' },
  { runner: 'browser', mode: 'tfjs-webgl', label: 'tfjs webgl (browser)' },
  { runner: 'browser', mode: 'tfjs-webgpu', label: 'tfjs webgpu (browser)' },
];

const FRAMEWORK_OF_LABEL = (label: string) =>
  label.startsWith('PyTorch')
    ? 'pytorch'
    : label.startsWith('JAX')
      ? 'jax'
      : label.startsWith('TF')
        ? 'tensorflow'
        : 'tfjs';

export function modeLabel(r: Pick<ResultFile, 'runner' | 'mode' | 'framework'>): string {
  const known = MODES.find(
    (m) => m.runner === r.runner && m.mode === r.mode && FRAMEWORK_OF_LABEL(m.label) === r.framework.name,
  );
  return known?.label ?? `${r.framework.name} ${r.mode} (${r.runner})`;
}

/** Parses every archived file; `files` maps a path (any folder) to its text. */
export function parseArchive(files: Record<string, string>): ArchivedRun[] {
  return Object.entries(files)
    .map(([path, text]) => {
      const file = path.split(/[\\/]/).pop()!;
      const run = validateResultText(text, file);
      const label = modeLabel(run);
      const software = /software/i.test(run.provenance.gpu ?? '') || /software/i.test(run.backend.device);
      return { ...run, file, label, display: software ? `${label}, software GPU` : label };
    })
    .sort(
      (a, b) =>
        a.workload.localeCompare(b.workload) ||
        order(a) - order(b) ||
        a.provenance.date.localeCompare(b.provenance.date),
    )
    .map((run, _, all) => {
      const newer = all.filter((r) => sameSeries(r, run) && r.provenance.date > run.provenance.date).at(-1);
      return newer ? { ...run, supersededBy: newer.file } : run;
    });
}

/** Two runs measure the same thing: one workload, one framework mode, on one kind of device. */
const sameSeries = (a: ArchivedRun, b: ArchivedRun) =>
  a.workload === b.workload && a.display === b.display && a.backend.device === b.backend.device;

const order = (r: ArchivedRun) => {
  const i = MODES.findIndex((m) => m.label === r.label);
  return i < 0 ? MODES.length : i;
};

/** The measurement a table shows for a run: the step or forward pass; sweeps show every case. */
export function headline(run: ResultFile) {
  const main = run.measurements.find((m) => m.name === 'step' || m.name === 'forward');
  return main ? [main] : run.measurements;
}

/**
 * The matrix-product sweep of every archived run as `gflops_n<size>` bars, the metric names the
 * live matmul experiment reports, so a reader's run and the archive share one chart.
 */
export function matmulReference(
  runs: readonly ArchivedRun[],
): { source: string; bars: { quantity: string; label: string; value: number }[] }[] {
  return runs
    .filter((r) => r.workload === 'matmul-sweep' && !r.supersededBy)
    .map((r) => ({
      source: `${r.display}, ${r.provenance.cpu.model} ×${r.provenance.cpu.cores}`,
      bars: r.measurements
        .filter((m) => m.params?.n)
        .map((m) => ({
          quantity: 'gflops',
          label: `n${m.params!.n}`,
          value: (2 * m.params!.n! ** 3) / (m.median * 1e6),
        })),
    }));
}

export interface WorkloadGroup {
  id: string;
  title: string;
  kind: string;
  /** The current run of each mode: what charts and headline tables show. */
  runs: ArchivedRun[];
  /** Older runs replaced by a newer one of the same mode and device, kept for the record. */
  superseded: ArchivedRun[];
  /** Modes with no archived run for this workload. */
  notMeasured: string[];
}

export function groupByWorkload(runs: readonly ArchivedRun[]): WorkloadGroup[] {
  return workloadsFile.workloads.map((w) => {
    const mine = runs.filter((r) => r.workload === w.id && !r.supersededBy);
    return {
      id: w.id,
      title: w.title,
      kind: w.kind,
      runs: mine,
      superseded: runs.filter((r) => r.workload === w.id && r.supersededBy),
      notMeasured: MODES.map((m) => m.label).filter((label) => !mine.some((r) => r.label === label)),
    };
  });
}

/**
 * How many times slower one mode's headline median is than another's in one workload, from the
 * archive, for prose that quotes a ratio: `current` pairs the runs the charts show, `previous` the
 * newest superseded run of each mode, `first` the oldest run of each, so a page can say what
 * changed and since when. Undefined where either mode has no such run (the page then says "not
 * measured" instead of a number).
 */
export function headlineRatio(
  runs: readonly ArchivedRun[],
  workload: string,
  over: string,
  under: string,
  which: 'current' | 'previous' | 'first' = 'current',
): { ratio: number; over: ArchivedRun; under: ArchivedRun } | undefined {
  const chosen = (r: ArchivedRun) =>
    which === 'first' ? true : which === 'current' ? !r.supersededBy : Boolean(r.supersededBy);
  const pick = (label: string) => {
    const mine = runs.filter((r) => r.workload === workload && r.label === label && chosen(r));
    return which === 'first' ? mine.at(0) : mine.at(-1);
  };
  const [a, b] = [pick(over), pick(under)];
  if (!a || !b || headline(a).length !== 1 || headline(b).length !== 1) return undefined;
  return { ratio: headline(a)[0]!.median / headline(b)[0]!.median, over: a, under: b };
}
