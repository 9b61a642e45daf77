import type { ArgState, CallModel } from '../../../call.ts';
import type { CallLog, Transformer } from './helpers.ts';
import { isStringNode } from './helpers.ts';

type Predicate = (call: CallModel, state: ArgState) => boolean;

export const isString: Predicate = (_call, state) => isStringNode(state.arg.value);
export const isTrue: Predicate = (call, state) => call.writtenValue(state) === 'True';
export const isFalse: Predicate = (call, state) => call.writtenValue(state) === 'False';

interface CompatIfArg {
  arg: string;
  /** When given and true for the value, the call can stay in TF2 (and the argument may go). */
  ok?: Predicate;
  removeIfOk?: boolean;
  message: string;
}

/**
 * Keeps TF2 only when an argument whose meaning changed is absent (or harmless); otherwise the call
 * goes to `tf.compat.v1`. Only keyword arguments are looked at, as in tf_upgrade_v2.
 */
function compatIfArg(call: CallModel, log: CallLog, spec: CompatIfArg): void {
  const state = call.live.find((a) => a.keyword === spec.arg);
  if (!state) return;
  if (spec.ok?.(call, state)) {
    if (spec.removeIfOk) {
      state.removed = true;
      log.info('compat-v1-if-arg', `Removed argument ${spec.arg} for function ${call.fullName}`);
    }
    return;
  }
  const renamed = (call.fullName ?? '').replace('tf.', 'tf.compat.v1.');
  call.name = renamed;
  log.info(
    'compat-v1-if-arg',
    `Renaming ${call.fullName} to ${renamed} because argument ${spec.arg} is present. ${spec.message}`,
  );
}

export function compatIfArgTransformer(spec: CompatIfArg): Transformer {
  return (call, log) => compatIfArg(call, log, spec);
}

export function compatIfAnyArgTransformer(args: string[], message: string, addLossReduction: boolean): Transformer {
  return (call, log) => {
    if (addLossReduction && !call.live.some((a) => a.keyword === 'loss_reduction')) {
      call.appended.push('loss_reduction=tf.keras.losses.Reduction.SUM');
      log.info(
        'loss-reduction',
        `${call.fullName}: Default value of loss_reduction has been changed to SUM_OVER_BATCH_SIZE; inserting old default value ` +
          `tf.keras.losses.Reduction.SUM.`,
      );
    }
    for (const arg of args) compatIfArg(call, log, { arg, message });
  };
}

/** Appends `name=value` (tf_upgrade_v2's `_add_argument_transformer`). */
export function addArgument(name: string, value: string): Transformer {
  return (call, log) => {
    call.appended.push(`${name}=${value}`);
    log.info('add-argument', `Adding argument '${name}=${value}' to call to ${call.fullName}.`);
  };
}
