import { useState } from 'preact/hooks';
import type { ArchivedFigures, Comparison } from '../../src/lib/results/against-archive.ts';
import { formatFigure } from '../../src/lib/runtime/result-text.ts';
import { FileButton } from '../experiments/FileButton.tsx';
import { messageOf } from '../experiments/usePanelRun.ts';
import { ResultTable } from '../experiments/ResultTable.tsx';

interface Props {
  archive: ArchivedFigures[];
}

// The schema (zod) and the workloads load when a reader picks a file, never with the page.
const against = () => import('../../src/lib/results/against-archive.ts');

/**
 * "Compare my run with the archive": a run a reader downloaded from any panel (or an archived
 * file) beside every current archived run of the workload it measures.
 */
export default function CompareYourRun({ archive }: Props) {
  const [comparisons, setComparisons] = useState<Comparison[]>([]);
  const [message, setMessage] = useState<{ text: string; error: boolean }>({ text: '', error: false });

  const load = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      const found = (await against()).compareWithArchive(await file.text(), file.name, archive);
      setComparisons(found);
      const p = found[0]!.run;
      const what = found.map((c) => c.workload.title).join(' and ');
      setMessage({
        text: `Loaded ${file.name}: a ${p.origin} ${p.mode} run of ${p.provenance.date}, measuring ${what}.`,
        error: false,
      });
    } catch (error) {
      setComparisons([]);
      setMessage({ text: `Could not compare that file. ${messageOf(error)}`, error: true });
    }
  };

  return (
    <div class="tfc-compare-run not-content" data-testid="compare-your-run">
      <FileButton
        label="Load your run (JSON)"
        accept="application/json,.json"
        disabled={false}
        onFile={(i) => void load(i)}
      />
      <p role={message.error ? 'alert' : 'status'} class="tfc-compare-run__message">
        {message.text}
      </p>
      {comparisons.map((c) => (
        <ComparisonTable key={c.workload.id} comparison={c} />
      ))}
    </div>
  );
}

/** One workload: the reader's medians, then each archived run's with the ratio. */
function ComparisonTable({ comparison }: { comparison: Comparison }) {
  const { run, names } = comparison;
  return (
    <section data-workload={comparison.workload.id}>
      <ResultTable
        label={`Your run beside the archive: ${comparison.workload.title}`}
        testId="compare-table"
        caption={
          <>
            {comparison.workload.title}: median ms per timed run. <strong>×</strong> is your median over the archived
            one: above 1, your run was slower.
          </>
        }
        columns={[{ label: 'run' }, { label: 'device' }, ...names.map((n) => ({ label: `${n} ms`, numeric: true }))]}
        rows={[
          {
            key: 'yours',
            data: { 'data-yours': 'true' },
            header: <strong>your run ({run.mode})</strong>,
            cells: [
              run.backend.device,
              ...names.map((n) => formatFigure(run.measurements.find((m) => m.name === n)!.median)),
            ],
          },
          ...comparison.rows.map((r) => ({
            key: r.archived.file,
            data: { 'data-file': r.archived.file },
            header: <a href={`#${r.archived.file}`}>{r.archived.display}</a>,
            cells: [
              r.archived.device,
              ...names.map((n) => {
                const median = r.archived.medians[n];
                const ratio = r.ratios[n];
                if (median === undefined) return 'not measured';
                return `${formatFigure(median)}${ratio !== undefined ? ` · ×${formatFigure(ratio)}` : ''}`;
              }),
            ],
          })),
        ]}
      />
      {comparison.deviations.length > 0 && (
        <p class="tfc-note" data-testid="compare-deviations">
          Your run differs from the workload in: {comparison.deviations.join('; ')}.
        </p>
      )}
    </section>
  );
}
