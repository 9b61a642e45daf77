import type { Transformer } from './helpers.ts';

/**
 * fractional_*_pool lost `seed2` and `deterministic`; determinism now comes from a non-zero seed.
 * (tf_upgrade_v2 crashes on `deterministic` that is not literally False; we add seed=42 or warn.)
 */
export const poolSeed: Transformer = (call, log) => {
  let deterministic = false;
  for (const state of call.live) {
    if (state.keyword !== 'seed2' && state.keyword !== 'deterministic') continue;
    log.info('pool-seed', `Removed argument ${state.keyword} for function ${call.fullName}`);
    if (state.keyword === 'deterministic' && call.writtenValue(state) !== 'False') deterministic = true;
    state.removed = true;
  }
  if (!deterministic) return;
  if (!call.get('seed')) {
    call.appended.push('seed=42');
    log.info('pool-seed', `Adding seed=42 to call to ${call.fullName} since determinism was requested`);
  } else {
    log.warning(
      'pool-seed',
      `The deterministic argument is deprecated for ${call.fullName}, pass a non-zero seed for determinism. The deterministic ` +
        `argument is present, possibly not False, and the seed is already set. The converter cannot determine whether it is nonzero, ` +
        `please check.`,
    );
  }
};
