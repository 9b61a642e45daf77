/**
 * CodeMirror 6 with Python highlighting, loaded on the reader's first interaction with the editor
 * (never with the page): it is several times the page's whole script budget.
 */
export interface CodeEditor {
  get(): string;
  set(text: string): void;
  focus(): void;
  destroy(): void;
}

export async function mountEditor(
  parent: HTMLElement,
  doc: string,
  onChange: (text: string) => void,
  label: string,
): Promise<CodeEditor> {
  const [{ EditorView, basicSetup }, { python }] = await Promise.all([
    import('codemirror'),
    import('@codemirror/lang-python'),
  ]);
  const view = new EditorView({
    doc,
    parent,
    extensions: [
      basicSetup,
      python(),
      EditorView.contentAttributes.of({ 'aria-label': label }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) onChange(update.state.doc.toString());
      }),
    ],
  });
  return {
    get: () => view.state.doc.toString(),
    set: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
