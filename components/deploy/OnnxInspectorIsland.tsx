import { useState } from 'preact/hooks';
import type { OnnxSummary } from '../../src/lib/deploy/inspect-onnx.ts';

type State = 'idle' | 'reading' | 'done' | 'error';

/** The page's own PyTorch export, so a reader without a model file can still try the check. */
const SITE_MODEL = '/models/mnist-cnn-torch/model.onnx';

/**
 * Opens an ONNX file the reader picks (or the page's own model) with ONNX Runtime Web and lists
 * its inputs and outputs. The file stays in the browser; ONNX Runtime loads on first use.
 */
export default function OnnxInspectorIsland() {
  const [state, setState] = useState<State>('idle');
  const [summary, setSummary] = useState<(OnnxSummary & { file: string }) | null>(null);
  const [error, setError] = useState('');

  async function inspect(file: string, read: () => Promise<ArrayBuffer>) {
    setState('reading');
    setError('');
    setSummary(null);
    try {
      const [{ inspectOnnx }, { loadOrt }, bytes] = await Promise.all([
        import('../../src/lib/deploy/inspect-onnx.ts'),
        import('../../src/lib/deploy/ort.ts'),
        read(),
      ]);
      setSummary({ ...(await inspectOnnx(await loadOrt('wasm'), new Uint8Array(bytes))), file });
      setState('done');
    } catch (e) {
      setError(`${file}: ${e instanceof Error ? e.message : String(e)}`);
      setState('error');
    }
  }

  function pick(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (file) void inspect(file.name, () => file.arrayBuffer());
    input.value = '';
  }

  async function fetchSiteModel() {
    const response = await fetch(SITE_MODEL);
    if (!response.ok) throw new Error(`could not fetch it (HTTP ${response.status})`);
    return response.arrayBuffer();
  }

  return (
    <section
      class="tfc-inspector not-content"
      data-island="onnx-inspector"
      data-state={state}
      aria-label="ONNX model check"
    >
      <div class="tfc-inspector-actions">
        <label class="tfc-inspector-upload">
          Choose an .onnx file
          <input type="file" accept=".onnx,application/octet-stream" onChange={pick} disabled={state === 'reading'} />
        </label>
        <button
          type="button"
          onClick={() => void inspect('model.onnx (this page)', fetchSiteModel)}
          disabled={state === 'reading'}
        >
          Check this page's model
        </button>
      </div>
      <p role="status" aria-live="polite">
        {state === 'reading'
          ? 'Opening the file with ONNX Runtime…'
          : state === 'done' && summary
            ? `${summary.file}: ${(summary.bytes / 1024).toFixed(1)} KB, read by ONNX Runtime.`
            : ''}
      </p>
      {state === 'error' && (
        <p class="tfc-inspector-error" role="alert" data-testid="inspector-error">
          {error}
        </p>
      )}
      {summary && (
        <table data-testid="inspector-result">
          <caption>Inputs and outputs of {summary.file}</caption>
          <thead>
            <tr>
              <th scope="col">role</th>
              <th scope="col">name</th>
              <th scope="col">type and shape</th>
            </tr>
          </thead>
          <tbody>
            {[
              ...summary.inputs.map((v) => ['input', v] as const),
              ...summary.outputs.map((v) => ['output', v] as const),
            ].map(([role, v]) => (
              <tr key={`${role}-${v.name}`}>
                <td>{role}</td>
                <td>
                  <code>{v.name}</code>
                </td>
                <td>{v.type}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
