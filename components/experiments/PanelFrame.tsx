import type { ComponentChildren } from 'preact';
import type { PanelState } from './usePanelRun.ts';

interface Props {
  /** `data-experiment`: what tests and readers' scripts find the panel by. */
  id: string;
  /** The panel's accessible name. */
  label: string;
  title: ComponentChildren;
  summary: ComponentChildren;
  state: PanelState;
  children: ComponentChildren;
}

/** The box every live panel sits in, with its live label, title and one-line summary. */
export function PanelFrame({ id, label, title, summary, state, children }: Props) {
  return (
    <section class="tfc-experiment not-content" data-experiment={id} data-state={state} aria-label={label}>
      <p class="tfc-experiment__title">
        <span class="tfc-kind tfc-kind--live">live</span> {title}
      </p>
      <p>{summary}</p>
      {children}
    </section>
  );
}
