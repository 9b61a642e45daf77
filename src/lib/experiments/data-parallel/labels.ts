/** Human labels and units for the data-parallel metrics; import-free so the page can load it cheaply. */
const LABELS: Record<string, { label: string; unit: string }> = {
  workers: { label: 'workers (N)', unit: '' },
  cores: { label: 'CPU cores the browser reports', unit: '' },
  shared_memory: { label: 'gradients exchanged in shared memory (1) or by messages (0)', unit: '' },
  workers_on_wasm: { label: 'workers computed on WASM (1) or tfjs CPU (0)', unit: '' },
  steps_per_s: { label: 'training steps per second, N workers (median step)', unit: 'steps/s' },
  baseline_steps_per_s: { label: 'training steps per second, 1 worker (baseline)', unit: 'steps/s' },
  speedup: { label: 'speed-up over 1 worker', unit: '×' },
  scaling_efficiency: { label: 'scaling efficiency (speed-up / N; 1 is perfect)', unit: '' },
  compute_ms: { label: 'compute per step: forward, backward, gradients read back', unit: 'ms' },
  communication_ms: { label: 'communication per step: averaging gradients, waiting for peers', unit: 'ms' },
  update_ms: { label: 'optimizer update per step (in each worker)', unit: 'ms' },
  communication_share: { label: 'share of the step spent communicating', unit: 'fraction' },
  baseline_compute_ms: { label: 'compute per step with 1 worker', unit: 'ms' },
  server_update_ms: { label: 'parameter server: averaging and update per step', unit: 'ms' },
  max_weight_diff: { label: 'largest weight difference between workers at the end', unit: '' },
  baseline_weight_diff: { label: 'largest weight difference, N workers vs 1 worker', unit: '' },
  final_loss: { label: 'training loss, mean of the last 10 steps', unit: 'cross-entropy' },
  test_accuracy: { label: 'accuracy on the 2,000 test digits', unit: 'fraction' },
  worker_tensors_left: { label: 'tensors left in the workers at the end', unit: '' },
};

export const metricLabel = (name: string): { label: string; unit: string } | undefined => LABELS[name];
