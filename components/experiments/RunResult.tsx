import type { Result } from '../../src/schemas/results.ts';
import { metricLabel } from '../../src/lib/experiments/labels.ts';

const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));

/** A result's figures, timings and provenance; the same view for a live run and a loaded file. */
export function ResultTable({ result }: { result: Result }) {
  const p = result.provenance;
  return (
    <div class="tfc-result" data-testid="result">
      <table>
        <caption>
          Run on <strong>{p.backend}</strong>
          {p.skippedBackends?.length ? <> (skipped: {p.skippedBackends.map((s) => `${s.name}: ${s.reason}`).join('; ')})</> : null}
        </caption>
        <thead>
          <tr>
            <th scope="col">timing</th>
            <th scope="col">first run ms</th>
            <th scope="col">median ms</th>
            <th scope="col">p10–p90 ms</th>
            <th scope="col">kernel ms</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(result.timings).map(([name, t]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{ms(t.firstMs)}</td>
              <td>{ms(t.wall.median)}</td>
              <td>
                {ms(t.wall.p10)}–{ms(t.wall.p90)}
              </td>
              <td>{t.kernel ? ms(t.kernel.median) : 'n/a'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <thead>
          <tr>
            <th scope="col">metric</th>
            <th scope="col">value</th>
            <th scope="col">unit</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(result.metrics).map(([name, v]) => {
            const label = metricLabel(result.experiment, name);
            return (
              <tr key={name} data-metric={name}>
                <th scope="row">
                  {label ? label.label : name}
                  {label && <code class="tfc-metric-id">{name}</code>}
                </th>
                <td>{v.toPrecision(4)}</td>
                <td>{label?.unit ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
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
        {p.adapter && <> · GPU: {Object.values(p.adapter).filter(Boolean).join(' ')}</>}
        {p.backendDetails && (
          <> · {Object.entries(p.backendDetails).map(([k, v]) => `${k}: ${String(v)}`).join(', ')}</>
        )}
        {p.crossOriginIsolated !== undefined && <> · cross-origin isolated: {String(p.crossOriginIsolated)}</>}
        {result.memory && <> · tensors leaked: {result.memory.leakedTensors}</>}
        {p.userAgent && <> · {p.userAgent}</>}
      </p>
    </div>
  );
}
