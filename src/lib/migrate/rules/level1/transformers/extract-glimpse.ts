import type { ArgState, CallModel } from '../../../call.ts';
import type { Transformer } from './helpers.ts';
import { parenthesized } from './helpers.ts';

const noise = (call: CallModel, state: ArgState) => `'uniform' if ${parenthesized(call, state)} else 'gaussian'`;

/** `extract_glimpse(..., uniform_noise=b)` -> `noise='uniform' if (b) else 'gaussian'`. */
export const extractGlimpseNoise: Transformer = (call, log) => {
  const keyword = call.live.find((a) => a.keyword === 'uniform_noise');
  if (keyword) {
    keyword.replacement = noise(call, keyword);
    keyword.keyword = 'noise';
    log.info(
      'extract-glimpse',
      'Changing uniform_noise arg of tf.image.extract_glimpse to noise, and recomputing value. Please check this transformation.',
    );
    return;
  }
  // uniform_noise is the 6th positional argument (index 5).
  const positional = call.positional[5];
  if (!positional) return;
  positional.replacement = noise(call, positional);
  log.info(
    'extract-glimpse',
    'Changing uniform_noise arg of tf.image.extract_glimpse to noise, and recomputing value.',
  );
};
