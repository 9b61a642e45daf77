import type { Result } from '../../src/schemas/results.ts';
import { metricLabel } from '../../src/lib/experiments/labels.ts';
import { adapterText, backendDetailsText, formatFigure, timingCells } from '../../src/lib/runtime/result-text.ts';
import { BackendDetails } from './BackendDetails.tsx';
import { ResultTable, type Column } from './ResultTable.tsx';

/** The columns of timingCells: every timing table has them, in this order. */
export const TIMING_COLUMNS: Column[] = [
  { label: 'first run ms', numeric: true },
  { label: 'median ms', numeric: true },
  { label: 'p10–p90 ms', numeric: true },
];

/** A result's figures, timings and provenance; the same view for a live run and a loaded file. */
export function RunResult({ result }: { result: Result }) {
  const p = result.provenance;
  const gpu = adapterText(p);
  return (
    <div class="tfc-result" data-testid="result">
      <ResultTable
        label="Timings"
        caption={
          <>
            Run on <strong>{p.backend}</strong>
            {p.skippedBackends?.length ? <> (skipped: {p.skippedBackends.map((s) => `${s.name}: ${s.reason}`).join('; ')})</> : null}
          </>
        }
        columns={[{ label: 'timing' }, ...TIMING_COLUMNS, { label: 'kernel ms', numeric: true }]}
        rows={Object.entries(result.timings).map(([name, t]) => ({
          key: name,
          header: name,
          cells: [...timingCells(t), t.kernel ? formatFigure(t.kernel.median) : 'n/a'],
        }))}
      />
      <ResultTable
        label="Metrics"
        columns={[{ label: 'metric' }, { label: 'value', numeric: true }, { label: 'unit' }]}
        rows={Object.entries(result.metrics).map(([name, v]) => {
          const label = metricLabel(result.experiment, name);
          return {
            key: name,
            data: { 'data-metric': name },
            header: (
              <>
                {label ? label.label : name}
                {label && <code class="tfc-metric-id">{name}</code>}
              </>
            ),
            cells: [v.toPrecision(4), label?.unit ?? ''],
          };
        })}
      />
      {result.notes && (
        <dl class="tfc-notes" data-testid="notes">
          {Object.entries(result.notes).map(([name, text]) => {
            const label = metricLabel(result.experiment, name);
            return (
              <div key={name} data-note={name}>
                <dt>{label ? label.label : name}</dt>
                <dd>
                  <pre>{text}</pre>
                </dd>
              </div>
            );
          })}
        </dl>
      )}
      <p class="tfc-provenance">
        tfjs {p.versions.tfjs ?? '?'} · {p.date} · seed {p.seed}
        {gpu && <> · GPU: {gpu}</>}
        {backendDetailsText(p).text && (
          <>
            {' · '}
            <BackendDetails provenance={p} />
          </>
        )}
        {p.crossOriginIsolated !== undefined && <> · cross-origin isolated: {String(p.crossOriginIsolated)}</>}
        {result.memory && <> · tensors leaked: {result.memory.leakedTensors}</>}
        {p.userAgent && <> · {p.userAgent}</>}
      </p>
    </div>
  );
}
