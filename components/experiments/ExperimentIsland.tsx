import { useMemo, useRef, useState } from 'preact/hooks';
import type { ResultFile } from '../../src/lib/results/schema.ts';
import { BACKEND_ORDER, type BackendName } from '../../src/lib/runtime/backends.ts';
import { etaText } from '../../src/lib/runtime/eta.ts';
import type { OutputFile } from '../../src/lib/runtime/experiment.ts';
import { liveSeries, type ArchiveReference, type ProgressReport } from '../../src/lib/runtime/live-series.ts';
import type { Field } from '../../src/lib/runtime/param-form.ts';
import { FileButton } from './FileButton.tsx';
import { LiveChart } from './LiveChart.tsx';
import { PanelFrame } from './PanelFrame.tsx';
import { RunForm } from './RunForm.tsx';
import { RunResult } from './RunResult.tsx';
import { PanelMessage, RunProgress } from './RunStatus.tsx';
import { messageOf, useParamForm, usePanelRun } from './usePanelRun.ts';

interface Props {
  id: string;
  title: string;
  summary: string;
  fields: Field[];
  archive?: ArchiveReference[];
  /** Handed to the experiment as `ctx.texts` on every run. */
  texts?: Record<string, string>;
}

const host = () => import('../../src/lib/host/host.ts');
// The result schema (zod) loads with the first run or file, never with the page.
const records = () => import('../../src/lib/results/run-record.ts');
const CANCELLED = 'Cancelled: the run stopped and freed every tensor it made.';

/**
 * The panel every live experiment uses: form, backend picker, Run/Cancel, progress with ETA, live
 * chart, results, and JSON download/load.
 */
/** The backend picker: the best available by default, or one the reader names. */
function BackendSelect({ value, onChange }: { value: BackendName | ''; onChange(value: BackendName | ''): void }) {
  const pick = (e: Event) => onChange((e.currentTarget as HTMLSelectElement).value as BackendName | '');
  return (
    <label>
      <span>backend</span>
      <select name="backend" value={value} onChange={pick}>
        <option value="">best available (WebGPU, WebGL, WASM, CPU)</option>
        {BACKEND_ORDER.map((b) => (
          <option key={b} value={b}>
            {b}
          </option>
        ))}
      </select>
    </label>
  );
}

export default function ExperimentIsland({ id, title, summary, fields, archive = [], texts }: Props) {
  const params = useParamForm(id, fields);
  const { state, setState, message, setMessage, running, start } = usePanelRun(CANCELLED);
  const [backend, setBackend] = useState<BackendName | ''>('');
  const [progress, setProgress] = useState({ fraction: 0, eta: '' });
  const [reports, setReports] = useState<ProgressReport[]>([]);
  const [result, setResult] = useState<ResultFile | undefined>();
  const [files, setFiles] = useState<OutputFile[]>([]);
  const [tensors, setTensors] = useState<{ before?: number | undefined; after?: number | undefined }>({});
  const started = useRef(0);
  const series = useMemo(() => liveSeries(reports), [reports]);

  const run = () =>
    start(async () => {
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
        const out = await runner.run(
          id,
          params.form.params,
          backend || undefined,
          (fraction, metrics) => {
            setProgress({ fraction, eta: etaText(performance.now() - started.current, fraction) });
            setReports((r) => [...r, { fraction, ...(metrics ? { metrics } : {}) }]);
          },
          setFiles,
          texts,
        );
        setResult((await records()).liveRecord(out));
      } finally {
        setTensors({ before, after: await runner.memory().catch(() => undefined) });
      }
    });

  const cancel = async () => (await host()).getRunner().cancel();

  const download = async () => {
    if (!result) return;
    const { resultFileName } = await records();
    const blob = new Blob([`${JSON.stringify(result, null, 2)}\n`], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = resultFileName(result);
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
      const { parseResultText } = await import('../../src/lib/results/schema.ts');
      const loaded = parseResultText(await file.text(), file.name);
      if (loaded.experiment !== id)
        throw new Error(`${file.name} is a result of "${loaded.experiment ?? loaded.workload}", not of "${id}"`);
      setResult(loaded);
      setFiles([]);
      setReports([{ fraction: 1, metrics: loaded.metrics ?? {} }]);
      setMessage(`Loaded ${file.name}: a ${loaded.backend.name} run of ${loaded.provenance.date}.`);
      setState('done');
    } catch (error) {
      setMessage(`Could not load that file. ${messageOf(error)}`);
      setState('error');
    }
  };

  return (
    <PanelFrame id={id} label={title} title={title} summary={summary} state={state}>
      <RunForm
        params={params}
        running={running}
        runLabel="Run"
        onRun={() => void run()}
        onCancel={() => void cancel()}
        extraFields={<BackendSelect value={backend} onChange={setBackend} />}
        actions={
          <>
            <button type="button" disabled={!result} onClick={() => void download()}>
              Download JSON
            </button>
            <FileButton
              label="Load JSON"
              accept="application/json,.json"
              disabled={running}
              onFile={(i) => void load(i)}
            />
          </>
        }
      />
      {running && (
        <RunProgress label={`${title} progress`} max={1} value={progress.fraction}>
          {Math.round(progress.fraction * 100)}%{progress.eta && <> · {progress.eta} left</>}
        </RunProgress>
      )}
      <PanelMessage text={message} error={state === 'error'} />
      <LiveChart series={series} title={title} archive={archive} />
      {result && <RunResult result={result} />}
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
    </PanelFrame>
  );
}
