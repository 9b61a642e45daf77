import type { Experiment } from '../runtime/experiment.ts';

/** Every experiment the worker can run, each imported only when asked for. */
export const EXPERIMENTS: Record<string, () => Promise<Experiment>> = {
  matmul: () => import('./matmul/run.ts').then((m) => m.matmul as unknown as Experiment),
  conv2d: () => import('./conv2d/run.ts').then((m) => m.conv2d as unknown as Experiment),
  dispatch: () => import('./dispatch/run.ts').then((m) => m.dispatch as unknown as Experiment),
  'mnist-cnn': () => import('./mnist-cnn/run.ts').then((m) => m.mnistCnn as unknown as Experiment),
  'tensor-lifetime': () => import('./tensor-lifetime/run.ts').then((m) => m.tensorLifetime as unknown as Experiment),
  'gradient-check': () => import('./gradient-check/run.ts').then((m) => m.gradientCheck as unknown as Experiment),
  'model-styles': () => import('./model-styles/run.ts').then((m) => m.modelStyles as unknown as Experiment),
  'kernel-profile': () => import('./kernel-profile/run.ts').then((m) => m.kernelProfile as unknown as Experiment),
  'two-bugs': () => import('./two-bugs/run.ts').then((m) => m.twoBugs as unknown as Experiment),
  'mnist-mlp': () => import('./mnist-mlp/run.ts').then((m) => m.mnistMlp as unknown as Experiment),
  'model-building': () => import('./model-building/run.ts').then((m) => m.modelBuilding as unknown as Experiment),
  'data-dependent-loop': () => import('./data-dependent-loop/run.ts').then((m) => m.dataDependentLoop as unknown as Experiment),
  'onnx-parity': () => import('./onnx-parity/run.ts').then((m) => m.onnxParity as unknown as Experiment),
  'input-pipelines': () => import('./input-pipelines/run.ts').then((m) => m.inputPipelines as unknown as Experiment),
  'save-load-quantize': () => import('./save-load-quantize/run.ts').then((m) => m.saveLoadQuantize as unknown as Experiment),
  'variable-scopes': () => import('./variable-scopes/run.ts').then((m) => m.variableScopes as unknown as Experiment),
  'data-parallel': () => import('./data-parallel/run.ts').then((m) => m.dataParallel as unknown as Experiment),
};
