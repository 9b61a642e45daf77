/**
 * Our own sentences (not upstream text) appended to a few tf_upgrade_v2 messages whose extracted form
 * lost the part that tells the reader what to use instead.
 */
const STRATEGY_METHODS =
  'With a custom training loop, note the renamed methods: make_dataset_iterator->experimental_distribute_dataset, ' +
  'experimental_make_numpy_iterator->experimental_make_numpy_dataset, extended.call_for_each_replica->experimental_run_v2 ' +
  '(later strategy.run), unwrap->experimental_local_results; reduce needs an axis argument.';

export const notes: Readonly<Record<string, string>> = {
  'tf.contrib.summary.graph':
    'To log the graph of a tf.function, use tf.compat.v2.summary.trace_on() and tf.compat.v2.summary.trace_export().',
  'tf.contrib.summary.import_event':
    'The nearest replacement is tf.compat.v2.summary.experimental.write_raw_pb(), which takes serialized tf.Summary protos (not tf.Event).',
  'tf.pywrap_tensorflow':
    '`tf.pywrap_tensorflow` will not be distributed with TensorFlow 2: use a public TensorFlow API instead.',
  'tf.distribute.MirroredStrategy': STRATEGY_METHODS,
  'tf.contrib.distribute.MirroredStrategy': STRATEGY_METHODS,
  'tf.contrib.distribute.OneDeviceStrategy': STRATEGY_METHODS,
  'tf.contrib.distribute.TPUStrategy': STRATEGY_METHODS,
  'tf.contrib.distribute.CollectiveAllReduceStrategy': STRATEGY_METHODS,
  'tf.contrib.distribute.ParameterServerStrategy': STRATEGY_METHODS,
};
