import { useMemo, useState } from 'preact/hooks';
import { readForm, type Field } from '../../src/lib/runtime/param-form.ts';

export type PanelState = 'idle' | 'running' | 'done' | 'error';

export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * A panel's run state (`data-state` is the contract tests and readers' scripts rely on) and its
 * one message line. `start` runs a task: it ends done, idle with `cancelledMessage` when the
 * worker says "cancelled", or error with the task's own message.
 */
export function usePanelRun(cancelledMessage: string) {
  const [state, setState] = useState<PanelState>('idle');
  const [message, setMessage] = useState('');
  const start = async (task: () => Promise<void>) => {
    setState('running');
    setMessage('');
    try {
      await task();
      setState('done');
    } catch (error) {
      const text = messageOf(error);
      setMessage(text === 'cancelled' ? cancelledMessage : text);
      setState(text === 'cancelled' ? 'idle' : 'error');
    }
  };
  return { state, setState, message, setMessage, running: state === 'running', start };
}

/** A parameter form's fields (ids start with `idPrefix`) and the text typed so far, read against their bounds. */
export function useParamForm(idPrefix: string, fields: Field[]) {
  const [text, setText] = useState<Record<string, string>>({});
  const form = useMemo(() => readForm(fields, text), [fields, text]);
  return { idPrefix, fields, text, setText, form, invalid: Object.keys(form.errors).length > 0 };
}
