/** Human labels and units for the input-pipelines metrics; import-free so the page can load it cheaply. */
const FEED: Record<string, string> = {
  feeddict: 'feed_dict style',
  tfdata: 'tf.data',
  loader: 'loader worker',
};

const QUANTITY: Record<string, { label: string; unit: string }> = {
  samples_per_s: { label: 'training samples per second (whole loop)', unit: 'samples/s' },
  first_batch_ms: { label: 'time to first batch (set-up included)', unit: 'ms' },
  peak_tensor_mb: { label: 'peak tensor memory over the start (model, optimizer, data)', unit: 'MB' },
  idle_ms: { label: 'time with no training step running (waiting for data, first batch included)', unit: 'ms' },
  idle_fraction: { label: 'share of the loop with no training step running', unit: 'fraction' },
  step_median_ms: { label: 'training step once the batch is in hand (median)', unit: 'ms' },
  final_loss: { label: 'training loss, mean of the last 10 steps', unit: 'cross-entropy' },
  test_accuracy: { label: 'accuracy on 1,000 test digits', unit: 'fraction' },
  loss: { label: 'training loss', unit: 'cross-entropy' },
};

export function metricLabel(name: string): { label: string; unit: string } | undefined {
  if (name === 'loader_in_worker')
    return { label: 'loader ran in a second worker (1) or, with no Worker here, in this thread (0)', unit: '' };
  const m = /^(feeddict|tfdata|loader)_(.+)$/.exec(name);
  const q = m && QUANTITY[m[2]!];
  return q ? { label: `${FEED[m[1]!]}: ${q.label}`, unit: q.unit } : undefined;
}
