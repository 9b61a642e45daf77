import type { Experiment } from '../runtime/experiment.ts';

/**
 * Every experiment the worker can run, each imported only when asked for. Each entry is an
 * `Experiment<its own params>`, held as the erased `Experiment` with no cast (see the contract);
 * the worker runs them through `runExperiment`, which parses with each one's own schema.
 */
export const EXPERIMENTS: Record<string, () => Promise<Experiment>> = {
  matmul: () => import('./matmul/run.ts').then((m) => m.matmul),
  conv2d: () => import('./conv2d/run.ts').then((m) => m.conv2d),
  dispatch: () => import('./dispatch/run.ts').then((m) => m.dispatch),
  'mnist-cnn': () => import('./mnist-cnn/run.ts').then((m) => m.mnistCnn),
  'tensor-lifetime': () => import('./tensor-lifetime/run.ts').then((m) => m.tensorLifetime),
  'gradient-check': () => import('./gradient-check/run.ts').then((m) => m.gradientCheck),
  'model-styles': () => import('./model-styles/run.ts').then((m) => m.modelStyles),
  'kernel-profile': () => import('./kernel-profile/run.ts').then((m) => m.kernelProfile),
  'two-bugs': () => import('./two-bugs/run.ts').then((m) => m.twoBugs),
  'mnist-mlp': () => import('./mnist-mlp/run.ts').then((m) => m.mnistMlp),
  'model-building': () => import('./model-building/run.ts').then((m) => m.modelBuilding),
  'data-dependent-loop': () => import('./data-dependent-loop/run.ts').then((m) => m.dataDependentLoop),
  'onnx-parity': () => import('./onnx-parity/run.ts').then((m) => m.onnxParity),
  'input-pipelines': () => import('./input-pipelines/run.ts').then((m) => m.inputPipelines),
  'save-load-quantize': () => import('./save-load-quantize/run.ts').then((m) => m.saveLoadQuantize),
  'variable-scopes': () => import('./variable-scopes/run.ts').then((m) => m.variableScopes),
  'data-parallel': () => import('./data-parallel/run.ts').then((m) => m.dataParallel),
};
