import type { ComponentChildren } from 'preact';

/** How far a run has got: a labelled progress bar and what it is doing now. */
export function RunProgress({
  label,
  value,
  max,
  children,
}: {
  label: string;
  value: number;
  max: number;
  children: ComponentChildren;
}) {
  return (
    <p>
      <progress max={max} value={value} aria-label={label} /> {children}
    </p>
  );
}

/** The panel's one message line: an alert for an error, a polite status otherwise. */
export function PanelMessage({ text, error }: { text: string; error: boolean }) {
  if (!text) return null;
  return (
    <p class={error ? 'tfc-error' : 'tfc-note'} role={error ? 'alert' : 'status'}>
      {text}
    </p>
  );
}
