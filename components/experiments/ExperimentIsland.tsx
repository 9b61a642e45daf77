import { useMemo, useRef, useState } from 'preact/hooks';
import type { Result } from '../../src/schemas/results.ts';
import { BACKEND_ORDER, type BackendName } from '../../src/lib/runtime/backends.ts';
import type { OutputFile } from '../../src/lib/runtime/experiment.ts';
import { liveSeries, type ArchiveReference, type ProgressReport } from '../../src/lib/runtime/live-series.ts';
import { readForm, type Field } from '../../src/lib/runtime/param-form.ts';
import { LiveChart } from './LiveChart.tsx';
import { ParamFields } from './ParamField.tsx';
import { ResultTable } from './ResultTable.tsx';

type State = 'idle' | 'running' | 'done' | 'error';

interface Props {
  id: string;
  title: string;
  summary: string;
  fields: Field[];
  archive?: ArchiveReference[];
}

const fmtEta = (ms: number) => (ms < 1000 ? 'under a second' : `about ${Math.round(ms / 1000)} s`);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const host = () => import('../../src/lib/runtime/host.ts');

/**
 * The panel every live experiment uses: form, backend picker, Run/Cancel, progress with ETA, live
 * chart, results, and JSON download/load. `data-state` (idle, running, done, error) is the
 * contract tests and readers' scripts rely on.
 */
export default function ExperimentIsland({ id, title, summary, fields, archive = [] }: Props) {
  const [text, setText] = useState<Record<string, string>>({});
  const [backend, setBackend] = useState<BackendName | ''>('');
  const [state, setState] = useState<State>('idle');
  const [progress, setProgress] = useState({ fraction: 0, eta: '' });
  const [reports, setReports] = useState<ProgressReport[]>([]);
  const [result, setResult] = useState<Result | undefined>();
  const [files, setFiles] = useState<OutputFile[]>([]);
  const [message, setMessage] = useState('');
  const [tensors, setTensors] = useState<{ before?: number | undefined; after?: number | undefined }>({});
  const started = useRef(0);
  const form = useMemo(() => readForm(fields, text), [fields, text]);
  const series = useMemo(() => liveSeries(reports), [reports]);
  const invalid = Object.keys(form.errors).length > 0;

  const run = async () => {
    setState('running');
    setMessage('');
    setResult(undefined);
    setFiles([]);
    setReports([]);
    setProgress({ fraction: 0, eta: '' });
    started.current = performance.now();
    // The worker, and TensorFlow.js inside it, load here: on the first Run, never with the page.
    const runner = (await host()).getRunner();
    const before = await runner.memory().catch(() => undefined);
    setTensors({ before });
    try {
      const out = await runner.run(id, form.params, backend || undefined, (fraction, metrics) => {
        const elapsed = performance.now() - started.current;
        setProgress({ fraction, eta: fraction > 0 && fraction < 1 ? fmtEta((elapsed / fraction) * (1 - fraction)) : '' });
        setReports((r) => [...r, { fraction, ...(metrics ? { metrics } : {}) }]);
      }, setFiles);
      setResult(out);
      setState('done');
    } catch (error) {
      const text = messageOf(error);
      setMessage(text === 'cancelled' ? 'Cancelled: the run stopped and freed every tensor it made.' : text);
      setState(text === 'cancelled' ? 'idle' : 'error');
    } finally {
      setTensors({ before, after: await runner.memory().catch(() => undefined) });
    }
  };

  const cancel = async () => (await host()).getRunner().cancel();

  const download = () => {
    if (!result) return;
    const blob = new Blob([`${JSON.stringify(result, null, 2)}\n`], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${id}-${result.provenance.backend}-${result.provenance.date.slice(0, 19).replace(/:/g, '')}.json`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  const save = (file: OutputFile) => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }));
    a.download = file.name;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  const load = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      const { parseResultJson } = await import('../../src/schemas/results.ts');
      const loaded = parseResultJson(await file.text(), file.name);
      if (loaded.experiment !== id) throw new Error(`${file.name} is a result of "${loaded.experiment}", not "${id}"`);
      setResult(loaded);
      setFiles([]);
      setReports([{ fraction: 1, metrics: loaded.metrics }]);
      setMessage(`Loaded ${file.name}: a ${loaded.provenance.backend} run of ${loaded.provenance.date}.`);
      setState('done');
    } catch (error) {
      setMessage(`Could not load that file. ${messageOf(error)}`);
      setState('error');
    }
  };

  const running = state === 'running';
  return (
    <section class="tfc-experiment not-content" data-experiment={id} data-state={state} aria-label={title}>
      <p class="tfc-experiment__title">
        <span class="tfc-kind tfc-kind--live">live</span> {title}
      </p>
      <p>{summary}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!invalid && !running) void run();
        }}
      >
        <fieldset class="tfc-experiment__fields" disabled={running}>
          <legend class="sr-only">Parameters</legend>
          <ParamFields idPrefix={id} fields={fields} text={text} errors={form.errors} onChange={setText} />
          <label>
            <span>backend</span>
            <select name="backend" value={backend} onChange={(e) => setBackend((e.currentTarget as HTMLSelectElement).value as BackendName | '')}>
              <option value="">best available (WebGPU, WebGL, WASM, CPU)</option>
              {BACKEND_ORDER.map((b) => (
                <option key={b} value={b}>
                  {b}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        <div class="tfc-experiment__actions">
          <button type="submit" disabled={invalid || running}>
            Run
          </button>
          <button type="button" disabled={!running} onClick={() => void cancel()}>
            Cancel
          </button>
          <button type="button" disabled={!result} onClick={download}>
            Download JSON
          </button>
          <label class="tfc-experiment__load">
            Load JSON
            <input type="file" accept="application/json,.json" disabled={running} onChange={(e) => void load(e.currentTarget as HTMLInputElement)} />
          </label>
        </div>
      </form>
      {running && (
        <p>
          <progress max={1} value={progress.fraction} aria-label={`${title} progress`} /> {Math.round(progress.fraction * 100)}%
          {progress.eta && <> · {progress.eta} left</>}
        </p>
      )}
      {message && (
        <p class={state === 'error' ? 'tfc-error' : 'tfc-note'} role={state === 'error' ? 'alert' : 'status'}>
          {message}
        </p>
      )}
      <LiveChart series={series} title={title} archive={archive} />
      {result && <ResultTable result={result} />}
      {files.length > 0 && (
        <p class="tfc-experiment__files" data-testid="output-files">
          Files this run made:{' '}
          {files.map((f) => (
            <button type="button" key={f.name} onClick={() => save(f)}>
              Download {f.name}
            </button>
          ))}
        </p>
      )}
      {tensors.after !== undefined && (
        <p class="tfc-note" data-testid="tensors" data-before={tensors.before} data-after={tensors.after}>
          Tensors alive in the worker: {tensors.before ?? '?'} before the run, {tensors.after} after.
        </p>
      )}
    </section>
  );
}
