import type { Field } from '../../src/lib/runtime/param-form.ts';

interface Props {
  idPrefix: string;
  field: Field;
  value: string;
  error: string | undefined;
  onChange(value: string): void;
}

/** One parameter: its input, its bounds as a hint, and the inline message when the value is out of range. */
export function ParamField({ idPrefix, field, value, error, onChange }: Props) {
  const hintId = `${idPrefix}-${field.name}-hint`;
  const read = (e: Event) => (e.currentTarget as HTMLInputElement | HTMLSelectElement).value;
  let input;
  if (field.kind === 'choice')
    input = (
      <select name={field.name} value={value} aria-describedby={hintId} onChange={(e) => onChange(read(e))}>
        {field.options!.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    );
  else if (field.kind === 'boolean')
    input = (
      <input
        type="checkbox"
        name={field.name}
        checked={value === 'true'}
        aria-describedby={hintId}
        onChange={(e) => onChange(String((e.currentTarget as HTMLInputElement).checked))}
      />
    );
  else
    input = (
      <input
        name={field.name}
        value={value}
        inputMode={field.kind === 'list' ? 'text' : 'decimal'}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby={hintId}
        onInput={(e) => onChange(read(e))}
      />
    );
  return (
    <label>
      <span>{field.name}</span>
      {input}
      <small id={hintId} class={error ? 'tfc-error' : ''}>
        {error ?? field.hint}
      </small>
    </label>
  );
}

/** Every field of an experiment's form, with the text typed so far and each field's message. */
export function ParamFields({
  idPrefix,
  fields,
  text,
  errors,
  onChange,
}: {
  idPrefix: string;
  fields: Field[];
  text: Record<string, string>;
  errors: Record<string, string | undefined>;
  onChange: (text: Record<string, string>) => void;
}) {
  return (
    <>
      {fields.map((f) => (
        <ParamField
          key={f.name}
          idPrefix={idPrefix}
          field={f}
          value={text[f.name] ?? f.initial}
          error={errors[f.name]}
          onChange={(v) => onChange({ ...text, [f.name]: v })}
        />
      ))}
    </>
  );
}
