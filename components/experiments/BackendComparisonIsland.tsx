import { useRef, useState } from 'preact/hooks';
import {
  CONFIGS,
  compareBackends,
  comparisonTiming,
  ratios,
  type Config,
  type Outcomes,
} from '../../src/lib/runtime/compare.ts';
import type { Field } from '../../src/lib/runtime/param-form.ts';
import { adapterText, backendDetailsText, formatFigure, timingCells } from '../../src/lib/runtime/result-text.ts';
import { BackendDetails, type Provenance } from './BackendDetails.tsx';
import { PanelFrame } from './PanelFrame.tsx';
import { ResultTable, type Row } from './ResultTable.tsx';
import { TIMING_COLUMNS } from './RunResult.tsx';
import { RunForm } from './RunForm.tsx';
import { PanelMessage, RunProgress } from './RunStatus.tsx';
import { messageOf, useParamForm, usePanelRun } from './usePanelRun.ts';

const ID = 'backend-comparison';
const CANCELLED = 'Cancelled: the configurations already run are shown; the rest were not measured.';
const SUMMARY =
  'One square matrix product of the size you choose, timed on WebGPU, WebGL, WASM with and without threads, and plain-JavaScript CPU, ' +
  'one after another in a worker.';

/** What the browser said of its GPU and what the backend chose for itself, or a dash. */
function DetailsCell({ provenance: p }: { provenance: Provenance }) {
  const gpu = adapterText(p);
  const chosen = backendDetailsText(p).text !== '';
  if (!gpu && !chosen) return <>—</>;
  return (
    <>
      {gpu}
      {gpu && chosen && ' · '}
      {chosen && <BackendDetails provenance={p} />}
    </>
  );
}

/**
 * The experiment panel in comparison mode: the matmul experiment once per configuration (WASM
 * with one thread needs its own worker), then the ratios from the reader's own machine. A
 * configuration that fails is shown with its reason; the ratios that need it say "not measured".
 */
export default function BackendComparisonIsland({ fields }: { fields: Field[] }) {
  const params = useParamForm(ID, fields);
  const { state, message, running, start } = usePanelRun(CANCELLED);
  const [outcomes, setOutcomes] = useState<Outcomes>({});
  const [current, setCurrent] = useState<Config | undefined>();
  const controller = useRef<AbortController | undefined>(undefined);
  const { form } = params;
  const size = Number(form.params.size);
  const timing = comparisonTiming(size);

  const run = () =>
    start(async () => {
      setOutcomes({});
      const own = (controller.current = new AbortController());
      const { getRunner } = await import('../../src/lib/host/host.ts');
      const workload = { size, warmups: Number(form.params.warmups), runs: Number(form.params.runs) };
      try {
        await compareBackends(workload, getRunner, { signal: own.signal, onStart: setCurrent, onOutcome: setOutcomes });
      } finally {
        setCurrent(undefined);
      }
    });

  let ratioRows: ReturnType<typeof ratios> = [];
  let ratioError = '';
  try {
    ratioRows = Object.keys(outcomes).length ? ratios(outcomes, timing) : [];
  } catch (error) {
    ratioError = messageOf(error);
  }

  return (
    <PanelFrame
      id={ID}
      label="Backend comparison"
      title="Every backend on one workload"
      summary={SUMMARY}
      state={state}
    >
      <RunForm
        params={params}
        running={running}
        runLabel="Run all"
        onRun={() => void run()}
        onCancel={() => controller.current?.abort()}
      />
      {running && (
        <RunProgress label="Backend comparison progress" max={CONFIGS.length} value={Object.keys(outcomes).length}>
          running {current?.label ?? ''}
        </RunProgress>
      )}
      <PanelMessage text={message} error={state === 'error'} />
      <PanelMessage text={ratioError} error />
      {Object.keys(outcomes).length > 0 && (
        <div class="tfc-result">
          <ResultTable
            testId="comparison-runs"
            label="Wall time per configuration"
            caption={`Matrix product ${size} × ${size}: wall time per run, outputs read back`}
            columns={[{ label: 'configuration' }, ...TIMING_COLUMNS, { label: 'backend details', prose: true }]}
            rows={CONFIGS.flatMap((c): Row[] => {
              const o = outcomes[c.id];
              if (!o) return [];
              const row = { key: c.id, header: c.label, data: { 'data-config': c.id, 'data-ok': String(o.ok) } };
              if (!o.ok) return [{ ...row, cells: [{ content: `not measured: ${o.reason}`, span: 4 }] }];
              const t = o.result.timings[timing];
              const figures = t ? timingCells(t) : ['n/a', 'n/a', 'n/a'];
              return [{ ...row, cells: [...figures, <DetailsCell provenance={o.result.provenance} />] }];
            })}
          />
          <ResultTable
            testId="comparison-ratios"
            label="Ratios"
            caption="Ratios from your run (how many times faster)"
            rows={ratioRows.map((r) => ({
              key: r.id,
              data: { 'data-ratio': r.id },
              header: r.label,
              cells: [r.speedup !== undefined ? `${formatFigure(r.speedup)}×` : r.missing],
            }))}
          />
        </div>
      )}
    </PanelFrame>
  );
}
