/** Human labels and units for the model-building metrics; import-free so the page can load it cheaply. */
const STYLE: Record<string, string> = {
  graph: 'TF1 graph + Session',
  keras: 'Keras-style fit',
  module: 'PyTorch-style module + loop',
};
const PY: Record<string, string> = { tf1: 'TF 1.x', tf2: 'TF 2 / Keras', torch: 'PyTorch', jax: 'JAX + Flax NNX' };

export function metricLabel(name: string): { label: string; unit: string } | undefined {
  const m = /^(epoch_ms|first_epoch_ms|test_accuracy|final_loss|loc_ts|loc_py)_(\w+)$/.exec(name);
  if (!m) return undefined;
  const [, quantity, which] = m as unknown as [string, string, string];
  const style = STYLE[which];
  const py = PY[which];
  if (quantity === 'loc_py' && py) return { label: `lines of code, ${py} Python snippet`, unit: 'lines' };
  if (!style) return undefined;
  switch (quantity) {
    case 'epoch_ms':
      return { label: `time per epoch after the first (median), ${style}`, unit: 'ms' };
    case 'first_epoch_ms':
      return { label: `first epoch (compile, allocation), ${style}`, unit: 'ms' };
    case 'test_accuracy':
      return { label: `test accuracy, ${style}`, unit: 'fraction' };
    case 'final_loss':
      return { label: `mean training loss in the last epoch, ${style}`, unit: 'cross-entropy' };
    case 'loc_ts':
      return { label: `lines of code, ${style} (TypeScript that ran)`, unit: 'lines' };
    default:
      return undefined;
  }
}
