import type { Transformer } from './helpers.ts';

/**
 * TF2's `tf.name_scope(name)` cannot re-enter a scope by name and has no `default_name`/`values`.
 * A literal name goes to compat.v1 (re-entering cannot be ruled out); `default_name` becomes `name`.
 */
export const nameScope: Transformer = (call, log) => {
  const name = call.get('name', 0);
  const defaultName = call.get('default_name', 1);
  if (name && call.writtenValue(name) !== 'None') {
    log.info(
      'name-scope',
      '`name` passed to `name_scope`. Because you may be re-entering an existing scope, it is not safe to convert automatically,  ' +
        'the v2 name_scope does not support re-entering scopes by name.',
    );
    call.name = 'tf.compat.v1.name_scope';
    log.info('name-scope', `Renamed \`${call.fullName}\` to \`tf.compat.v1.name_scope\``);
    return;
  }
  if (defaultName) {
    log.info('name-scope', 'Using default_name as name in call to name_scope.');
    call.rebuiltArgs = [`name=${call.valueText(defaultName)}`];
    return;
  }
  log.error('name-scope', 'name_scope call with neither name nor default_name cannot be converted properly.');
};
