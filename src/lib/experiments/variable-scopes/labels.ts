/** Human labels and units for the variable-scopes metrics; import-free so the page can load it cheaply. */
export function metricLabel(name: string): { label: string; unit: string } | undefined {
  switch (name) {
    case 'reuse_error_raised':
      return { label: 'TF1 style: second tower without reuse raised ValueError (1 = yes)', unit: '' };
    case 'tf1_variables_created':
      return { label: 'TF1 style: variables in the graph after building both towers', unit: 'variables' };
    case 'tf1_towers_share_variables':
      return { label: 'TF1 style: both towers read the same variable nodes (1 = yes)', unit: '' };
    case 'object_variables_created':
      return { label: 'object style: tf.Variables created for both towers', unit: 'variables' };
    case 'object_towers_share_variables':
      return { label: 'object style: both calls used the same variable objects (1 = yes)', unit: '' };
    case 'max_abs_diff':
      return { label: 'largest difference between the two styles\u2019 scores', unit: '' };
    case 'tf1_ops_per_forward':
      return { label: 'TF1 style: graph ops run per forward pass', unit: 'ops' };
    case 'forward_tf1':
      return { label: 'forward pass, TF1 style (Session.run)', unit: 'ms' };
    case 'forward_object':
      return { label: 'forward pass, object style (eager)', unit: 'ms' };
    default:
      return undefined;
  }
}
