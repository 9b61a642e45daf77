import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { conv2DBackpropFilterWasmConfig } from './conv2d-backprop-filter.ts';
import { conv2DBackpropInputWasmConfig, keepBuiltInConv2DBackpropInput } from './conv2d-backprop-input.ts';
import { maxPoolGradWasmConfig } from './max-pool-grad.ts';

/**
 * The kernels a convolutional network's training step needs on tfjs-backend-wasm that the backend
 * lacks (Conv2DBackpropFilter) or runs as plain loops many times slower than its XNNPACK kernels
 * (Conv2DBackpropInput, MaxPoolGrad): measured with tf.profile on the MNIST CNN's step and by
 * benchmarks/wasm-conv-filter-grad.ts.
 */
const KERNELS: KernelConfig[] = [conv2DBackpropFilterWasmConfig, conv2DBackpropInputWasmConfig, maxPoolGradWasmConfig];

/**
 * Puts them in tfjs's kernel registry for the wasm backend. A kernel the backend already has is
 * replaced (ours hands the cases it cannot do back to it), and its setup still runs when the
 * backend starts. Safe to call more than once, before or after the backend starts.
 */
export function registerWasmTrainingKernels(): void {
  keepBuiltInConv2DBackpropInput();
  for (const config of KERNELS) {
    const current = getKernel(config.kernelName, 'wasm');
    if (current?.kernelFunc === config.kernelFunc) continue;
    if (current) unregisterKernel(config.kernelName, 'wasm');
    registerKernel({ ...config, ...(current?.setupFunc ? { setupFunc: current.setupFunc } : {}) });
  }
}
