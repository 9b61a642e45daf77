/**
 * A file picker that looks like the panel's buttons. The native input stays in the page, visually
 * hidden but focusable, so the keyboard reaches it (Tab, then Enter or Space) and the label names
 * it; the label shows the focus ring the hidden input cannot.
 */
interface Props {
  label: string;
  accept: string;
  disabled: boolean;
  onFile(input: HTMLInputElement): void;
}

export function FileButton({ label, accept, disabled, onFile }: Props) {
  const change = (e: Event) => onFile(e.currentTarget as HTMLInputElement);
  return (
    <label class="tfc-file-button" data-disabled={disabled ? 'true' : undefined}>
      {label}
      <input type="file" class="tfc-file-button__input" accept={accept} disabled={disabled} onChange={change} />
    </label>
  );
}
