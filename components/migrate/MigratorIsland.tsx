import { useEffect, useRef, useState } from 'preact/hooks';
import type { AnnotatedResult } from '../../src/lib/migrate/index.ts';
import DiffView from './DiffView.tsx';
import type { CodeEditor } from './editor.ts';

interface Props {
  /** The example TF1 program shown first. */
  example: string;
  /** Its conversion, computed at build time, so the page shows a real result without JavaScript. */
  initial: AnnotatedResult;
}

type State = 'idle' | 'converting' | 'done' | 'error';

/** Bigger files convert fine, but the diff would be unreadable in a page; the CLI takes those. */
const MAX_BYTES = 512 * 1024;

/**
 * Paste or upload TF1 code, convert it in the page (the engine is imported on the first Convert),
 * see the diff with the report's notes beside their lines, download the result. The code is only
 * ever text: it is parsed, never run, and shown through text nodes.
 */
export default function MigratorIsland({ example, initial }: Props) {
  const [code, setCode] = useState(example);
  const [result, setResult] = useState<AnnotatedResult>(initial);
  const [state, setState] = useState<State>('done');
  const [message, setMessage] = useState('');
  const [editorReady, setEditorReady] = useState(false);
  const editor = useRef<CodeEditor | null>(null);
  const editorHost = useRef<HTMLDivElement>(null);
  const loading = useRef(false);
  const latest = useRef(code);
  latest.current = code;

  useEffect(() => () => editor.current?.destroy(), []);

  const loadEditor = () => {
    if (loading.current || !editorHost.current) return;
    loading.current = true;
    import('./editor.ts')
      .then(({ mountEditor }) => mountEditor(editorHost.current!, latest.current, setCode, 'TF1 code to convert'))
      .then((mounted) => {
        editor.current = mounted;
        setEditorReady(true);
        mounted.focus();
      })
      .catch((error: unknown) => {
        // The plain text area keeps working; say why the editor did not come.
        loading.current = false;
        setMessage(`The code editor could not load (${String(error)}); the plain text box still works.`);
      });
  };

  const replaceCode = (text: string) => {
    setCode(text);
    editor.current?.set(text);
  };

  const convert = async () => {
    setState('converting');
    setMessage('');
    try {
      const { migrate, annotate } = await import('../../src/lib/migrate/index.ts');
      const source = editor.current?.get() ?? latest.current;
      const converted = annotate(source, migrate(source));
      setResult(converted);
      setState(converted.syntaxErrors.length > 0 ? 'error' : 'done');
    } catch (error) {
      setState('error');
      setMessage(`Conversion failed: ${String(error)}`);
    }
  };

  const upload = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setMessage(
        `${file.name} is ${(file.size / 1024).toFixed(0)} KB; the page takes up to ${MAX_BYTES / 1024} KB (use npm run migrate for ` +
          `bigger files).`,
      );
      return;
    }
    replaceCode(await file.text());
    setMessage(`Loaded ${file.name}. Press Convert.`);
  };

  const download = () => {
    const url = URL.createObjectURL(new Blob([result.code], { type: 'text/x-python' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'converted_tf2.py';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const first = result.syntaxErrors[0];
  return (
    <section
      class="tfc-migrate not-content"
      data-island="migrate"
      data-state={state}
      aria-label="TF1 to TF2 migration assistant"
    >
      <div class="tfc-migrate-input">
        <label for="tfc-migrate-source">TF1 code (pasted code is only read, never run)</label>
        <textarea
          id="tfc-migrate-source"
          rows={14}
          spellcheck={false}
          value={code}
          hidden={editorReady}
          onInput={(e) => setCode((e.currentTarget as HTMLTextAreaElement).value)}
          onFocus={loadEditor}
          onPointerDown={loadEditor}
        />
        <div ref={editorHost} class="tfc-migrate-editor" data-ready={editorReady ? 'true' : 'false'} />
        <div class="tfc-migrate-actions">
          <button type="button" onClick={convert} disabled={state === 'converting'}>
            Convert
          </button>
          <label class="tfc-migrate-upload">
            Upload a .py file
            <input type="file" accept=".py,text/x-python,text/plain" onChange={upload} />
          </label>
          <button type="button" onClick={download}>
            Download TF2 code
          </button>
        </div>
        <p class="tfc-migrate-status" role="status" aria-live="polite">
          {state === 'converting'
            ? 'Converting…'
            : `${result.counts.infos} changes, ${result.counts.warnings} warnings, ${result.counts.errors} errors.`}
          {message && ` ${message}`}
        </p>
        {first && (
          <p class="tfc-migrate-error" role="alert" data-testid="migrate-syntax-error">
            Syntax error at line {first.line}, column {first.col}: {first.message}
          </p>
        )}
      </div>
      <DiffView result={result} />
    </section>
  );
}
