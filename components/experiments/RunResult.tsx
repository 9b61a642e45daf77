import type { ResultFile } from '../../src/lib/results/schema.ts';
import { metricLabel } from '../../src/lib/experiments/labels.ts';
import { adapterText, backendDetailsText, formatFigure, measurementCells } from '../../src/lib/runtime/result-text.ts';
import { BackendDetails } from './BackendDetails.tsx';
import { ResultTable, type Column } from './ResultTable.tsx';

/** The columns of timingCells: every timing table has them, in this order. */
export const TIMING_COLUMNS: Column[] = [
  { label: 'first run ms', numeric: true },
  { label: 'median ms', numeric: true },
  { label: 'p10–p90 ms', numeric: true },
];

/** A result's figures, timings and provenance; the same view for a live run and a loaded file. */
export function RunResult({ result }: { result: ResultFile }) {
  const p = result.provenance;
  const gpu = adapterText(p);
  // What the thread-count sentence reads: the backend's own report and the page's isolation.
  const backend = { backendDetails: result.backend.details, crossOriginIsolated: p.crossOriginIsolated };
  const experiment = result.experiment ?? '';
  return (
    <div class="tfc-result" data-testid="result">
      <ResultTable
        label="Timings"
        caption={
          <>
            Run on <strong>{result.backend.name}</strong>
            {p.skippedBackends?.length ? (
              <> (skipped: {p.skippedBackends.map((s) => `${s.name}: ${s.reason}`).join('; ')})</>
            ) : null}
          </>
        }
        columns={[{ label: 'timing' }, ...TIMING_COLUMNS, { label: 'kernel ms', numeric: true }]}
        rows={result.measurements.map((m) => ({
          key: m.name,
          header: m.name,
          cells: [...measurementCells(m), m.kernel ? formatFigure(m.kernel.median) : 'n/a'],
        }))}
      />
      <ResultTable
        label="Metrics"
        columns={[{ label: 'metric' }, { label: 'value', numeric: true }, { label: 'unit' }]}
        rows={Object.entries(result.metrics ?? {}).map(([name, v]) => {
          const label = metricLabel(experiment, name);
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
      {result.texts && (
        <dl class="tfc-notes" data-testid="notes">
          {Object.entries(result.texts).map(([name, text]) => {
            const label = metricLabel(experiment, name);
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
        {result.framework.name} {result.framework.version} · {p.date}
        {typeof result.params?.seed === 'number' && <> · seed {result.params.seed}</>}
        {gpu && <> · GPU: {gpu}</>}
        {backendDetailsText(backend).text && (
          <>
            {' · '}
            <BackendDetails provenance={backend} />
          </>
        )}
        {p.crossOriginIsolated !== undefined && <> · cross-origin isolated: {String(p.crossOriginIsolated)}</>}
        {result.memory && <> · tensors leaked: {result.memory.leakedTensors}</>}
        {p.userAgent && <> · {p.userAgent}</>}
      </p>
    </div>
  );
}
