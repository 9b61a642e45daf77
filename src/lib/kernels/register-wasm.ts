import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { addWasmConfig } from './add.ts';
import { batchMatMulWasmConfig } from './batch-mat-mul.ts';
import { conv2DWasmConfig } from './conv2d.ts';
import { conv2DBackpropFilterWasmConfig } from './conv2d-backprop-filter.ts';
import { conv2DBackpropInputWasmConfig } from './conv2d-backprop-input.ts';
import { maxPoolGradWasmConfig } from './max-pool-grad.ts';
import { castWasmConfig, identityWasmConfig } from './shared-data.ts';
import { sumWasmConfig } from './sum.ts';
import { keepBuiltIn } from './wasm-backend.ts';

/**
 * The kernels a convolutional network's training step needs on tfjs-backend-wasm that the backend
 * lacks (Conv2DBackpropFilter) or runs as plain loops many times slower than its XNNPACK kernels
 * (Conv2DBackpropInput, MaxPoolGrad, BatchMatMul with a transpose flag, as in every dense layer's
 * gradient); Conv2D, where our SIMD tiles beat XNNPACK's by about an eighth; Add of a bias, which
 * it broadcasts slowly; and three it runs with needless copies (Identity, which tfjs-core calls
 * for every tensor a gradient keeps; Cast to the same dtype, in every ReLU gradient; Sum over
 * leading axes, every bias gradient). Measured with tf.profile on the MNIST CNN's step
 * (benchmarks/wasm-cnn-profile.ts), by benchmarks/wasm-conv-filter-grad.ts and wasm-conv2d.ts.
 */
export const WASM_TRAINING_KERNELS: readonly KernelConfig[] = [
  conv2DWasmConfig,
  conv2DBackpropFilterWasmConfig,
  conv2DBackpropInputWasmConfig,
  maxPoolGradWasmConfig,
  identityWasmConfig,
  castWasmConfig,
  sumWasmConfig,
  addWasmConfig,
  batchMatMulWasmConfig,
];

/**
 * Puts them in tfjs's kernel registry for the wasm backend. A kernel the backend already has is
 * replaced (ours hands the cases it cannot do back to it), and its setup still runs when the
 * backend starts. Safe to call more than once, before or after the backend starts.
 */
export function registerWasmTrainingKernels(): void {
  for (const config of WASM_TRAINING_KERNELS) {
    keepBuiltIn(config.kernelName, config.kernelFunc);
    const current = getKernel(config.kernelName, 'wasm');
    if (current?.kernelFunc === config.kernelFunc) continue;
    if (current) unregisterKernel(config.kernelName, 'wasm');
    registerKernel({ ...config, ...(current?.setupFunc ? { setupFunc: current.setupFunc } : {}) });
  }
}
