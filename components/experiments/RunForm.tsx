import type { ComponentChildren } from 'preact';
import { ParamFields } from './ParamField.tsx';
import type { useParamForm } from './usePanelRun.ts';

interface Props {
  /** What useParamForm returns: the fields, the text typed so far, its errors, and whether Run may start. */
  params: ReturnType<typeof useParamForm>;
  running: boolean;
  /** The submit button's name ("Run", "Run all"). */
  runLabel: string;
  onRun(): void;
  onCancel(): void;
  /** Inputs after the parameters, inside the same fieldset (the backend picker). */
  extraFields?: ComponentChildren;
  /** Buttons after Run and Cancel (download, load). */
  actions?: ComponentChildren;
}

/**
 * A panel's parameters and its Run and Cancel buttons. The fieldset is disabled while a run is
 * in flight, so no parameter changes under it; Enter in a field runs, as a form should.
 */
export function RunForm({ params, running, runLabel, onRun, onCancel, extraFields, actions }: Props) {
  const { idPrefix, fields, text, setText, form, invalid } = params;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!invalid && !running) onRun();
      }}
    >
      <fieldset class="tfc-experiment__fields" disabled={running}>
        <legend class="sr-only">Parameters</legend>
        <ParamFields idPrefix={idPrefix} fields={fields} text={text} errors={form.errors} onChange={setText} />
        {extraFields}
      </fieldset>
      <div class="tfc-experiment__actions">
        <button type="submit" disabled={invalid || running}>
          {runLabel}
        </button>
        <button type="button" disabled={!running} onClick={onCancel}>
          Cancel
        </button>
        {actions}
      </div>
    </form>
  );
}
