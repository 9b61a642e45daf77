import { groupByWorkload, type ArchivedRun } from './archive.ts';
import { forWorkload, matchWorkloads } from './workload-runs.ts';
import { parseResultText, ResultFileError, type ResultFile } from './schema.ts';
import { workloadsFile } from './workloads.ts';

/**
 * A reader's downloaded run laid beside the archive of the workload it measures: the Results
 * page's "compare my run". The archive arrives as plain figures (the page is built from it), the
 * run as the file the reader chose.
 */
export interface ArchivedFigures {
  workload: string;
  /** The mode as the Results page shows it, e.g. "PyTorch eager" or "tfjs wasm (browser)". */
  display: string;
  device: string;
  file: string;
  /** Headline median ms per measurement name. */
  medians: Record<string, number>;
}

/** The current (not superseded) archived runs as the figures a comparison needs. */
export function archivedFigures(runs: readonly ArchivedRun[]): ArchivedFigures[] {
  return groupByWorkload(runs).flatMap((g) =>
    g.runs.map((r) => ({
      workload: g.id,
      display: r.display,
      device: r.backend.device,
      file: r.file,
      medians: Object.fromEntries(r.measurements.map((m) => [m.name, m.median])),
    })),
  );
}

export interface Comparison {
  workload: { id: string; title: string };
  run: ResultFile;
  /** The measurements both sides have, in the run's order. */
  names: string[];
  /** Your median over the archived one, per measurement: above 1, the reader's run was slower. */
  rows: { archived: ArchivedFigures; ratios: Record<string, number | undefined> }[];
  deviations: string[];
}

export class ComparisonError extends Error {}

/**
 * Parses the reader's file, finds the workloads it measures and pairs its medians with the
 * archive's: one comparison per workload (a CNN run can measure training and inference).
 */
export function compareWithArchive(text: string, fileName: string, archive: readonly ArchivedFigures[]): Comparison[] {
  let run: ResultFile;
  try {
    run = parseResultText(text, fileName);
  } catch (error) {
    if (error instanceof ResultFileError)
      throw new ComparisonError(`${error.message}. Load a file saved with a panel's "Download JSON" button.`);
    throw error;
  }
  let runs: ResultFile[] = [run];
  if (!run.workload) {
    const { matches, reasons } = matchWorkloads(run, workloadsFile.workloads);
    if (matches.length === 0)
      throw new ComparisonError(`${fileName} measures no archived workload: ${reasons.join('; ')}.`);
    runs = matches.map((m) => forWorkload(run, m.workload, m.settings));
  }
  return runs.map((r) => against(r, fileName, archive));
}

function against(run: ResultFile, fileName: string, archive: readonly ArchivedFigures[]): Comparison {
  const w = workloadsFile.workloads.find((x) => x.id === run.workload)!;
  const mine = archive.filter((a) => a.workload === w.id);
  const names = run.measurements.map((m) => m.name).filter((n) => mine.some((a) => a.medians[n] !== undefined));
  if (names.length === 0)
    throw new ComparisonError(`${fileName} measures ${w.title}, which has no archived run to compare with.`);
  const median = Object.fromEntries(run.measurements.map((m) => [m.name, m.median]));
  return {
    workload: { id: w.id, title: w.title },
    run,
    names,
    rows: mine.map((archived) => ({
      archived,
      ratios: Object.fromEntries(
        names.map((n) => [n, archived.medians[n] ? median[n]! / archived.medians[n]! : undefined]),
      ),
    })),
    deviations: run.settings?.deviations ?? [],
  };
}
