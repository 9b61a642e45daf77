import type { ArgState, CallModel } from '../../../call.ts';
import type { Transformer } from './helpers.ts';
import { conditionTest, parenthesized } from './helpers.ts';

const VARIANCE_SCALING = 'tf.compat.v1.keras.initializers.VarianceScaling';

const distribution = (call: CallModel, state: ArgState) =>
  `("uniform" if ${conditionTest(call, state)} else "truncated_normal")`;

/**
 * contrib/slim `xavier_initializer(uniform, seed, dtype)` ->
 * `VarianceScaling(scale=1.0, mode="fan_avg", distribution=..., seed=..., dtype=...)`.
 * The positional arguments move into keywords, so the argument list is rebuilt.
 */
export const xavierToVarianceScaling: Transformer = (call, log) => {
  const [uniform, seed, dtype] = call.positional;
  const rebuilt = ['scale=1.0', 'mode="fan_avg"'];
  let hasDistribution = uniform !== undefined;
  if (uniform) rebuilt.push(`distribution=${distribution(call, uniform)}`);
  const keywords: string[] = [];
  for (const state of call.live) {
    if (state.keyword === null) continue;
    if (state.keyword === 'uniform') {
      hasDistribution = true;
      keywords.push(`distribution=${distribution(call, state)}`);
    } else keywords.push(`${state.keyword}=${call.valueText(state)}`);
  }
  if (!hasDistribution) rebuilt.push('distribution="uniform"');
  if (seed) rebuilt.push(`seed=${call.valueText(seed)}`);
  if (dtype) rebuilt.push(`dtype=${call.valueText(dtype)}`);
  call.rebuiltArgs = [
    ...rebuilt,
    ...keywords,
    ...call.live
      .filter((a) => a.arg.kind === 'star' || a.arg.kind === 'doublestar')
      .map((a) => call.renderRange(a.arg.from, a.arg.to)),
  ];
  call.name = VARIANCE_SCALING;
  log.info(
    'xavier-initializer',
    `Changing tf.contrib.layers xavier initializer to a ${VARIANCE_SCALING} and converting arguments.`,
  );
};

/**
 * contrib/slim `variance_scaling_initializer(factor=2.0, mode='FAN_IN', uniform=False)` ->
 * `VarianceScaling(scale, mode.lower(), distribution)`; slim's default factor 2.0 is written out,
 * since Keras defaults to 1.0.
 */
export const varianceScalingToKeras: Transformer = (call, log) => {
  let hasScale = call.positional.length >= 1;
  const mode = (state: ArgState) => `${parenthesized(call, state)}.lower()`;
  for (const state of call.live) {
    if (state.keyword === 'factor') {
      state.keyword = 'scale';
      hasScale = true;
    } else if (state.keyword === 'mode') state.replacement = mode(state);
    else if (state.keyword === 'uniform') {
      state.replacement = distribution(call, state);
      state.keyword = 'distribution';
    }
  }
  const [, modeArg, uniformArg] = call.positional;
  if (modeArg) modeArg.replacement = mode(modeArg);
  if (uniformArg) uniformArg.replacement = distribution(call, uniformArg);
  if (!hasScale) call.prepended.push('scale=2.0');
  call.name = VARIANCE_SCALING;
  log.info(
    'variance-scaling-initializer',
    `Changing tf.contrib.layers.variance_scaling_initializer to a ${VARIANCE_SCALING} and converting arguments.`,
  );
};

/** `uniform_unit_scaling_initializer(factor)` -> `VarianceScaling(scale=factor, distribution="uniform")`. */
export const uniformUnitScaling: Transformer = (call, log) => {
  for (const state of call.live) if (state.keyword === 'factor') state.keyword = 'scale';
  call.appended.push('distribution="uniform"');
  call.name = VARIANCE_SCALING;
  log.info('uniform-unit-scaling', `Changing ${call.fullName} to ${VARIANCE_SCALING}(..., distribution="uniform").`);
};
