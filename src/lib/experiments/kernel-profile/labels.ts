/** Human labels and units for the kernel-profile metrics; import-free so the page can load it cheaply. */
export function metricLabel(name: string): { label: string; unit: string } | undefined {
  switch (name) {
    case 'kernels_per_step':
      return { label: 'kernels launched per training step', unit: 'kernels' };
    case 'step_ms_debug_off':
      return { label: 'training step, debug mode off (median)', unit: 'ms' };
    case 'step_ms_debug_on':
      return { label: 'training step, debug mode on (median)', unit: 'ms' };
    case 'debug_slowdown':
      return { label: 'debug mode slowdown', unit: '×' };
    case 'debug_measured':
      return { label: 'debug mode measured on this backend (1 yes, 0 no: GPU backends)', unit: '' };
    case 'debug_log_lines':
      return { label: 'lines debug mode printed (counted, not shown)', unit: 'lines' };
    default:
      return undefined;
  }
}
