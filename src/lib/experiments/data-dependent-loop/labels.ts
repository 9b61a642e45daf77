/** Human labels and units for the data-dependent-loop metrics; import-free so the page can load it cheaply. */
const LABELS: Record<string, { label: string; unit: string }> = {
  iterations_eager: { label: 'iterations, eager loop', unit: 'iterations' },
  iterations_largest: { label: 'iterations for the largest value alone', unit: 'iterations' },
  iterations_smallest: { label: 'iterations for the smallest value alone', unit: 'iterations' },
  iterations_graph: { label: 'iterations, graph whileLoop', unit: 'iterations' },
  max_rel_diff_eager_graph: { label: 'largest relative difference, eager vs graph answers', unit: '' },
  max_rel_error_vs_sqrt: { label: 'largest relative error against Math.sqrt', unit: '' },
  iterations_host_loop: {
    label: 'iterations of a host while over a graph node (no value to test)',
    unit: 'iterations',
  },
  host_loop_max_rel_error: { label: "largest relative error of that host loop's answer", unit: '' },
  reads_eager: { label: 'values read back by the program, eager loop', unit: 'reads' },
  session_runs_graph: { label: 'calls made by the program, graph (Session.run)', unit: 'calls' },
  kernels_eager: { label: 'kernels run, eager loop', unit: 'kernels' },
  ops_graph: { label: 'graph ops executed by Session.run', unit: 'ops' },
  eager_ms: { label: 'eager loop (median)', unit: 'ms' },
  graph_ms: { label: 'graph Session.run (median)', unit: 'ms' },
};

export const metricLabel = (name: string): { label: string; unit: string } | undefined => LABELS[name];
