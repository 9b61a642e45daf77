/** Human labels for the two-bugs metrics and notes; import-free so the page can load it cheaply. */
const BUGS: Record<string, string> = { nan: 'NaN from log(0)', shape: 'shape mismatch' };
const STYLES: Record<string, string> = {
  eager_checked: 'eager, checked after each op',
  eager_unchecked: 'eager, no check',
  graph_checked: 'tf1 graph with checkNumerics',
  graph_unchecked: 'tf1 graph, no check',
  eager: 'eager',
  graph_static: 'tf1 graph, input width declared',
  graph_dynamic: 'tf1 graph, input width unknown',
};
const FIELDS: Record<string, { label: string; unit: string }> = {
  where: { label: 'surfaced (0 while building, 1 when the op ran, 2 never raised)', unit: '' },
  step: { label: 'training step it surfaced in (0: before any step)', unit: 'step' },
  ops: { label: 'graph ops Session.run executed before it surfaced', unit: 'ops' },
  tensors: { label: 'tensors the eager ops made before it surfaced', unit: 'tensors' },
  first_nan_step: { label: 'first step whose loss was NaN', unit: 'step' },
  steps_run: { label: 'training steps run in all', unit: 'steps' },
  nodes: { label: 'graph nodes built', unit: 'nodes' },
  error: { label: 'what the program was told', unit: '' },
};

export function metricLabel(name: string): { label: string; unit: string } | undefined {
  const m =
    /^(nan|shape)_(eager_checked|eager_unchecked|graph_checked|graph_unchecked|eager|graph_static|graph_dynamic)_(.+)$/.exec(
      name,
    );
  if (!m) return undefined;
  const field = FIELDS[m[3]!];
  if (!field) return undefined;
  return { label: `${BUGS[m[1]!]}, ${STYLES[m[2]!]}: ${field.label}`, unit: field.unit };
}
