import type { Transformer } from './helpers.ts';

/**
 * `ds.make_one_shot_iterator(...)` -> `tf.compat.v1.data.make_one_shot_iterator(ds, ...)`: TF2 datasets
 * lost these methods. Calls already spelled `tf.data.*` are left to the rename table.
 */
export const iteratorMethodToFunction: Transformer = (call, log) => {
  const full = call.fullName;
  if (full && (full.startsWith('tf.compat.v1.data') || full.startsWith('tf.data'))) return;
  if (call.callee.name !== 'MemberExpression' || call.callee.lastChild?.name !== 'PropertyName') return;
  const receiver = call.callee.firstChild!;
  const method = call.shortName!;
  const first = call.args[0]?.arg;
  const last = call.args.at(-1)?.arg;
  const args = first && last ? `, ${call.renderRange(first.from, last.to)}` : '';
  call.replacement = `tf.compat.v1.data.${method}(${call.renderRange(receiver.from, receiver.to)}${args})`;
  log.warning(
    'iterator-to-function',
    `Changing dataset.${method}() to tf.compat.v1.data.${method}(dataset). Please check this transformation.`,
  );
};
