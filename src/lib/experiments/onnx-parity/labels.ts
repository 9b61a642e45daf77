/** Human labels and units for the onnx-parity metrics; import-free so the page can load it cheaply. */
export function metricLabel(name: string): { label: string; unit: string } | undefined {
  switch (name) {
    case 'max_abs_diff':
      return { label: 'largest logit difference, ONNX Runtime Web vs PyTorch (64 test images)', unit: '' };
    case 'argmax_agreement':
      return { label: 'predicted digits that agree with PyTorch', unit: 'fraction' };
    case 'test_accuracy':
      return { label: 'test accuracy in the browser', unit: 'fraction' };
    case 'pytorch_test_accuracy':
      return { label: 'test accuracy PyTorch reported at export (archived)', unit: 'fraction' };
    case 'model_kb':
      return { label: 'model file size', unit: 'KB' };
    case 'webgpu_provider':
      return { label: 'ran on ONNX Runtime WebGPU (1) or its WASM provider (0)', unit: '' };
    case 'session_ms':
      return { label: 'time to create the inference session', unit: 'ms' };
    default:
      return undefined;
  }
}
