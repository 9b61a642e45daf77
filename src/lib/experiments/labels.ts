import { metricLabel as conv2d } from './conv2d/labels.ts';
import { metricLabel as dataParallel } from './data-parallel/labels.ts';
import { metricLabel as dispatch } from './dispatch/labels.ts';
import { metricLabel as gradientCheck } from './gradient-check/labels.ts';
import { metricLabel as inputPipelines } from './input-pipelines/labels.ts';
import { metricLabel as kernelProfile } from './kernel-profile/labels.ts';
import { metricLabel as matmul } from './matmul/labels.ts';
import { metricLabel as mnistCnn } from './mnist-cnn/labels.ts';
import { metricLabel as modelStyles } from './model-styles/labels.ts';
import { metricLabel as modelBuilding } from './model-building/labels.ts';
import { metricLabel as dataDependentLoop } from './data-dependent-loop/labels.ts';
import { metricLabel as mnistMlp } from './mnist-mlp/labels.ts';
import { metricLabel as onnxParity } from './onnx-parity/labels.ts';
import { metricLabel as saveLoadQuantize } from './save-load-quantize/labels.ts';
import { metricLabel as tensorLifetime } from './tensor-lifetime/labels.ts';
import { metricLabel as twoBugs } from './two-bugs/labels.ts';
import { metricLabel as variableScopes } from './variable-scopes/labels.ts';

export type MetricLabel = { label: string; unit: string };

/**
 * Labels and units for each experiment's metric names, for the results table. Each module is a
 * few hundred bytes with no imports, so the panel can carry them all without loading tfjs or zod.
 */
const LABELS: Record<string, (name: string) => MetricLabel | undefined> = {
  matmul,
  conv2d,
  dispatch,
  'mnist-cnn': mnistCnn,
  'mnist-mlp': mnistMlp,
  'tensor-lifetime': tensorLifetime,
  'variable-scopes': variableScopes,
  'gradient-check': gradientCheck,
  'model-styles': modelStyles,
  'model-building': modelBuilding,
  'data-dependent-loop': dataDependentLoop,
  'kernel-profile': kernelProfile,
  'two-bugs': twoBugs,
  'onnx-parity': onnxParity,
  'save-load-quantize': saveLoadQuantize,
  'data-parallel': dataParallel,
  'input-pipelines': inputPipelines,
};

/** Experiments with labels, so a test can check that none is missing. */
export const LABELLED_EXPERIMENTS = Object.keys(LABELS);

export function metricLabel(experiment: string, name: string): MetricLabel | undefined {
  return LABELS[experiment]?.(name);
}
