/**
 * Stands in for `@pagefind/default-ui` (a Vite alias in astro.config.mjs). Starlight builds the
 * search UI when the browser is idle on every page, which costs 26 KB gzip of JavaScript that most
 * readers never use: half of the page budget. This class takes the same options, and loads and
 * builds the real UI only when a reader shows intent: pointer or focus on the search button, a
 * touch, or the Ctrl/Cmd+K shortcut. By the time the click lands, the UI is usually there.
 */
type Options = { element: string } & Record<string, unknown>;

const isShortcut = (e: Event) => e instanceof KeyboardEvent && (e.metaKey || e.ctrlKey) && e.key.toLowerCase() === 'k';

function focusInputWhenRendered(dialog: HTMLDialogElement) {
  const focus = () => {
    const input = dialog.querySelector('input');
    if (!input) return false;
    if (dialog.open && document.activeElement !== input) input.focus();
    return true;
  };
  if (focus()) return;
  const observer = new MutationObserver(() => focus() && observer.disconnect());
  observer.observe(dialog, { childList: true, subtree: true });
}

export class PagefindUI {
  constructor(options: Options) {
    const button = document.querySelector('button[data-open-modal]');
    const targets: [EventTarget, string][] = [
      ...(['pointerenter', 'pointerdown', 'touchstart', 'focus'] as const).map((type): [EventTarget, string] => [
        button ?? window,
        type,
      ]),
      [window, 'keydown'],
    ];
    const onIntent = (event: Event) => {
      if (event.type === 'keydown' && !isShortcut(event)) return;
      for (const [target, type] of targets) target.removeEventListener(type, onIntent);
      // Look the dialog up first: Pagefind UI deletes `element` from the options it is given.
      const dialog = document.querySelector(options.element)?.closest('dialog');
      void import('tfc-pagefind-ui-eager').then(({ PagefindUI: Eager }) => {
        new Eager(options);
        // Opened by the shortcut before the UI existed: hand its input the focus once it renders.
        if (dialog) focusInputWhenRendered(dialog);
      });
    };
    for (const [target, type] of targets) target.addEventListener(type, onIntent, { passive: true });
  }
}
