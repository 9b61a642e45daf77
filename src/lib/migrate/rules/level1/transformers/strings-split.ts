import type { Transformer } from './helpers.ts';
import { stringLiteral } from './helpers.ts';

/**
 * TF2 `tf.strings.split` returns a RaggedTensor and has no `result_type`: add `.to_sparse()` where the
 * TF1 call gave a SparseTensor, and go to compat.v1 when the result type is not a literal.
 */
export const stringsSplit: Transformer = (call, log) => {
  let toSparse = true;
  const resultType = call.live.find((a) => a.keyword === 'result_type');
  if (resultType) {
    const value = stringLiteral(call.source, resultType.arg.value);
    if (value !== 'RaggedTensor' && value !== 'SparseTensor') {
      const renamed = (call.fullName ?? '').replace('tf.', 'tf.compat.v1.');
      call.name = renamed;
      log.info(
        'strings-split',
        `Renamed \`${call.fullName}\` to \`${renamed}\`: ${call.fullName} no longer takes the result_type parameter.`,
      );
      return;
    }
    resultType.removed = true;
    log.info('strings-split', `Removed argument result_type='${value}' for function ${call.fullName}`);
    if (value === 'RaggedTensor') toSparse = false;
  }
  for (const state of call.live) if (state.keyword === 'source') state.keyword = 'input';
  if (!toSparse) return;
  // Already followed by `.to_sparse`: nothing to add.
  const parent = call.node.parent;
  if (
    parent?.name === 'MemberExpression' &&
    parent.firstChild?.from === call.node.from &&
    call.source.slice(parent.lastChild!.from, parent.lastChild!.to) === 'to_sparse'
  )
    return;
  call.suffix = '.to_sparse()';
  log.info(
    'strings-split',
    'Adding call to RaggedTensor.to_sparse() to result of strings.split, since it now returns a RaggedTensor.',
  );
};
