/**
 * Human labels and units for this experiment's metric names, for tables and chart axes. Kept free
 * of imports so the page can use it without loading tfjs or zod.
 */
const LABELS: Record<string, { label: string; unit: string }> = {
  train_steps_per_s: { label: 'training steps per second (steady state, median)', unit: 'steps/s' },
  train_examples_per_s: { label: 'training examples per second (steady state)', unit: 'examples/s' },
  first_step_ms: { label: 'first training step (shader compile, JIT, allocation)', unit: 'ms' },
  steady_step_ms: { label: 'steady-state training step (median)', unit: 'ms' },
  first_over_steady: { label: 'first step / steady-state step', unit: '×' },
  first_loss: { label: 'loss at the first step', unit: 'cross-entropy' },
  final_loss: { label: 'loss over the last 10 steps (mean)', unit: 'cross-entropy' },
  test_accuracy: { label: 'accuracy on held-out test digits', unit: 'fraction' },
  infer_first_ms: { label: 'first inference, one image (compile included)', unit: 'ms' },
  infer_p50_ms: { label: 'inference latency, one image, median', unit: 'ms' },
  infer_p95_ms: { label: 'inference latency, one image, 95th percentile', unit: 'ms' },
  infer_batch_p50_ms: { label: 'inference latency, one batch, median', unit: 'ms' },
  infer_batch_p95_ms: { label: 'inference latency, one batch, 95th percentile', unit: 'ms' },
  infer_batch_examples_per_s: { label: 'inference throughput in batches (median)', unit: 'examples/s' },
};

export const metricLabel = (name: string): { label: string; unit: string } | undefined => LABELS[name];
