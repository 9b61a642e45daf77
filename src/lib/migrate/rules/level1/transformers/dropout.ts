import type { Transformer } from './helpers.ts';
import { parenthesized } from './helpers.ts';

/**
 * `tf.nn.dropout(x, keep_prob)` -> `tf.nn.dropout(x, rate=1 - (keep_prob))`: TF2 takes the probability
 * of dropping, not of keeping.
 */
export const dropoutKeepProbToRate: Transformer = (call, log) => {
  const keyword = call.live.find((a) => a.keyword === 'keep_prob');
  if (keyword) {
    keyword.keyword = 'rate';
    keyword.replacement = `1 - ${parenthesized(call, keyword)}`;
    log.info('dropout-keep-prob', 'Changing keep_prob arg of tf.nn.dropout to rate');
    return;
  }
  const second = call.positional[1];
  if (second) {
    second.replacement = `1 - ${parenthesized(call, second)}`;
    log.info('dropout-keep-prob', 'Changing keep_prob arg of tf.nn.dropout to rate, and recomputing value.');
    return;
  }
  // Already written for TF2 (our addition: tf_upgrade_v2 reports an error here too).
  if (call.get('rate')) return;
  log.error(
    'dropout-keep-prob',
    'tf.nn.dropout called without arguments, so automatic fix was disabled. tf.nn.dropout has changed the semantics of the second ' +
      'argument.',
  );
};
