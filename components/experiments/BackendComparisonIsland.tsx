import { useMemo, useRef, useState } from 'preact/hooks';
import { CONFIGS, ratios, type Config, type Outcome } from '../../src/lib/runtime/compare.ts';
import { readForm, type Field } from '../../src/lib/runtime/param-form.ts';
import { ParamFields } from './ParamField.tsx';

type State = 'idle' | 'running' | 'done' | 'error';
const ID = 'backend-comparison';
const fmt = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Runs the matmul experiment once per configuration (WASM with one thread needs its own worker)
 * and shows the ratios from the reader's own machine. A configuration that fails is shown with
 * its reason; the ratios that need it say "not measured".
 */
export default function BackendComparisonIsland({ fields }: { fields: Field[] }) {
  const [text, setText] = useState<Record<string, string>>({});
  const [state, setState] = useState<State>('idle');
  const [outcomes, setOutcomes] = useState<Partial<Record<Config['id'], Outcome>>>({});
  const [current, setCurrent] = useState<Config['id'] | undefined>();
  const [message, setMessage] = useState('');
  const cancelled = useRef(false);
  const form = useMemo(() => readForm(fields, text), [fields, text]);
  const invalid = Object.keys(form.errors).length > 0;
  const size = Number(form.params.size);
  const timing = `n${size}`;

  const run = async () => {
    setState('running');
    setOutcomes({});
    setMessage('');
    cancelled.current = false;
    const { getRunner } = await import('../../src/lib/runtime/host.ts');
    const params = { sizes: [size], warmups: form.params.warmups, runs: form.params.runs };
    const done: Partial<Record<Config['id'], Outcome>> = {};
    for (const config of CONFIGS) {
      if (cancelled.current) break;
      setCurrent(config.id);
      try {
        const result = await getRunner({ wasmThreads: config.wasmThreads }).run('matmul', params, config.backend, () => {});
        done[config.id] = { ok: true, result };
      } catch (error) {
        if (messageOf(error) === 'cancelled') break;
        done[config.id] = { ok: false, reason: messageOf(error) };
      }
      setOutcomes({ ...done });
    }
    setCurrent(undefined);
    if (cancelled.current) {
      setMessage('Cancelled: the configurations already run are shown; the rest were not measured.');
      setState('idle');
    } else setState('done');
  };

  const cancel = async () => {
    cancelled.current = true;
    const { getRunner } = await import('../../src/lib/runtime/host.ts');
    const config = CONFIGS.find((c) => c.id === current);
    if (config) await getRunner({ wasmThreads: config.wasmThreads }).cancel();
  };

  let table: ReturnType<typeof ratios> = [];
  let ratioError = '';
  try {
    table = Object.keys(outcomes).length ? ratios(outcomes, timing) : [];
  } catch (error) {
    ratioError = messageOf(error);
  }
  const running = state === 'running';

  return (
    <section class="tfc-experiment not-content" data-experiment={ID} data-state={state} aria-label="Backend comparison">
      <p class="tfc-experiment__title">
        <span class="tfc-kind tfc-kind--live">live</span> Every backend on one workload
      </p>
      <p>
        One square matrix product of the size you choose, timed on WebGPU, WebGL, WASM with and without threads, and
        plain-JavaScript CPU, one after another in a worker.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!invalid && !running) void run();
        }}
      >
        <fieldset class="tfc-experiment__fields" disabled={running}>
          <legend class="sr-only">Parameters</legend>
          <ParamFields idPrefix={ID} fields={fields} text={text} errors={form.errors} onChange={setText} />
        </fieldset>
        <div class="tfc-experiment__actions">
          <button type="submit" disabled={invalid || running}>
            Run all
          </button>
          <button type="button" disabled={!running} onClick={() => void cancel()}>
            Cancel
          </button>
        </div>
      </form>
      {running && (
        <p>
          <progress max={CONFIGS.length} value={Object.keys(outcomes).length} aria-label="Backend comparison progress" />{' '}
          running {CONFIGS.find((c) => c.id === current)?.label ?? ''}
        </p>
      )}
      {message && <p class="tfc-note" role="status">{message}</p>}
      {ratioError && <p class="tfc-error" role="alert">{ratioError}</p>}
      {Object.keys(outcomes).length > 0 && (
        <div class="tfc-result">
          <table data-testid="comparison-runs">
            <caption>Matrix product {size} × {size}: wall time per run, outputs read back</caption>
            <thead>
              <tr>
                <th scope="col">configuration</th>
                <th scope="col">first run ms</th>
                <th scope="col">median ms</th>
                <th scope="col">p10–p90 ms</th>
                <th scope="col">backend details</th>
              </tr>
            </thead>
            <tbody>
              {CONFIGS.map((c) => {
                const o = outcomes[c.id];
                if (!o) return null;
                if (!o.ok)
                  return (
                    <tr key={c.id} data-config={c.id} data-ok="false">
                      <th scope="row">{c.label}</th>
                      <td colSpan={4}>not measured: {o.reason}</td>
                    </tr>
                  );
                const t = o.result.timings[timing];
                const p = o.result.provenance;
                return (
                  <tr key={c.id} data-config={c.id} data-ok="true">
                    <th scope="row">{c.label}</th>
                    <td>{t ? fmt(t.firstMs) : 'n/a'}</td>
                    <td>{t ? fmt(t.wall.median) : 'n/a'}</td>
                    <td>{t ? `${fmt(t.wall.p10)}–${fmt(t.wall.p90)}` : 'n/a'}</td>
                    <td>
                      {[
                        p.adapter ? Object.values(p.adapter).filter(Boolean).join(' ') : '',
                        p.backendDetails ? Object.entries(p.backendDetails).map(([k, v]) => `${k}: ${String(v)}`).join(', ') : '',
                      ]
                        .filter(Boolean)
                        .join(' · ') || '—'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <table data-testid="comparison-ratios">
            <caption>Ratios from your run (how many times faster)</caption>
            <tbody>
              {table.map((r) => (
                <tr key={r.id} data-ratio={r.id}>
                  <th scope="row">{r.label}</th>
                  <td>{r.speedup !== undefined ? `${fmt(r.speedup)}×` : r.missing}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
