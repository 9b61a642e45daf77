import type { CallModel } from '../../../call.ts';
import type { CallLog, Transformer } from './helpers.ts';
import { parenthesized } from './helpers.ts';

/** Keras regularizers take no scope: drop it, as keyword or as extra positional arguments. */
function dropScope(call: CallModel, log: CallLog, kind: 'l1' | 'l2'): void {
  const message =
    `Dropping scope arg from tf.contrib.layers.${kind}_regularizer, because it is unsupported in ` +
    `tf.keras.regularizers.${kind}`;
  const scope = call.live.find((a) => a.keyword === 'scope');
  if (scope) {
    scope.removed = true;
    log.info(`${kind}-regularizer`, message);
  }
  const extra = call.positional.slice(1);
  for (const state of extra) state.removed = true;
  if (extra.length > 0) log.info(`${kind}-regularizer`, message);
}

/** contrib/slim `l1_regularizer(scale)` -> `tf.keras.regularizers.l1(l=scale)`. */
export const l1Regularizer: Transformer = (call, log) => {
  for (const state of call.live) {
    if (state.keyword === 'scale') {
      state.keyword = 'l';
      log.info('l1-regularizer', 'Renaming scale arg of regularizer');
    }
  }
  dropScope(call, log, 'l1');
  call.name = 'tf.keras.regularizers.l1';
};

/** contrib/slim `l2_regularizer(scale)` -> `tf.keras.regularizers.l2(0.5 * (scale))`: Keras has no 1/2 factor. */
export const l2Regularizer: Transformer = (call, log) => {
  for (const state of call.live) {
    if (state.keyword !== 'scale') continue;
    state.keyword = 'l';
    state.replacement = `0.5 * ${parenthesized(call, state)}`;
  }
  const first = call.positional[0];
  if (first) first.replacement = `0.5 * ${parenthesized(call, first)}`;
  dropScope(call, log, 'l2');
  log.info(
    'l2-regularizer',
    'Multiplying scale arg of tf.contrib.layers.l2_regularizer by half to what tf.keras.regularizers.l2 expects.',
  );
  call.name = 'tf.keras.regularizers.l2';
};
