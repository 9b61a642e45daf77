/** Human labels and units for the save-load-quantize metrics; import-free so the page can load it cheaply. */
export function metricLabel(name: string): { label: string; unit: string } | undefined {
  switch (name) {
    case 'test_accuracy':
      return { label: 'test accuracy of the trained model (float32)', unit: 'fraction' };
    case 'final_loss':
      return { label: 'training loss, mean of the last 10 steps', unit: '' };
    case 'indexeddb_tested':
      return { label: 'saved to IndexedDB and reloaded (1 yes, 0: no IndexedDB here)', unit: '' };
    case 'indexeddb_max_diff':
      return { label: 'largest output difference after the IndexedDB round trip', unit: '' };
    case 'files_max_diff':
      return { label: 'largest output difference after reloading model.json + weights.bin', unit: '' };
    case 'model_json_kb':
      return { label: 'model.json size', unit: 'KB' };
    case 'weights_kb':
      return { label: 'weights.bin size, float32', unit: 'KB' };
    default: {
      const q = /^(float16|uint8)_(kb|accuracy|max_diff)$/.exec(name);
      if (!q) return undefined;
      const [, to, what] = q;
      if (what === 'kb') return { label: `weights size, ${to}`, unit: 'KB' };
      if (what === 'accuracy') return { label: `test accuracy, ${to} weights`, unit: 'fraction' };
      return { label: `largest output difference, ${to} vs float32`, unit: '' };
    }
  }
}
