import { CallModel } from '../../call.ts';
import type { SyntaxNode } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { calleeName } from './names.ts';

const FLATTEN = 'tf.contrib.layers.flatten';

/**
 * `tf.contrib.layers.flatten(x)` -> `tf.keras.layers.Flatten()(x)`. In TF 1.x the contrib function is
 * `core_layers.flatten(inputs)` (tf.layers.flatten, itself Keras' Flatten with data_format
 * 'channels_last') inside a name scope, so both keep the batch dimension and flatten the rest:
 * [N, d1, ..., dk] -> [N, d1*...*dk] (and [N] -> [N, 1]). Flatten has no variables, so making the layer
 * at the call is the same in a function called many times, under variable_scope(reuse=...) or in an
 * Estimator's model_fn. Calls with `outputs_collections` or `scope` (collections and op names TF2 does
 * not have), star arguments or a second positional argument are left, with the reason; so is the call
 * under any other name (`from tensorflow.contrib import layers`).
 */
export function rewriteContribFlatten(ctx: RuleContext): void {
  const { source, report, buffer } = ctx;
  const rewritten: { from: number; to: number }[] = [];
  const calls: SyntaxNode[] = [];
  ctx.parsed.tree.iterate({
    enter: (ref) => {
      if (ref.name === 'CallExpression' && calleeName(source, ref.node) === FLATTEN) calls.push(ref.node);
    },
  });
  // Innermost first, so flatten(flatten(x)) rewrites the inner call before the outer one takes its text.
  calls.sort((a, b) => a.to - b.to || b.from - a.from);
  for (const call of calls) {
    const model = new CallModel(call, source, buffer);
    const inputs = model.get('inputs', 0);
    const refuse = (at: { from: number; to: number }, why: string) =>
      report.warning(
        2,
        'not-converted',
        at,
        `Level 2 left this call as it is: ${why}; TF2 has no tf.contrib, so change it by hand (tf.keras.layers.Flatten()(x) flattens ` +
          `all but the batch dimension).`,
      );
    if (model.opaque || model.hasStarArgs || model.hasStarKwargs || !inputs) {
      refuse(call, `${FLATTEN} without one plain inputs argument`);
      continue;
    }
    const other = model.live.find((a) => a !== inputs);
    if (other) {
      const what = other.keyword ?? (model.positional.indexOf(other) === 1 ? 'outputs_collections' : 'scope');
      const does =
        what === 'scope'
          ? 'scope names its ops'
          : what === 'outputs_collections'
            ? 'outputs_collections adds the result to graph collections'
            : `${what} is not an argument of it`;
      refuse(other.arg, `${FLATTEN}(..., ${what}=...): ${does}, which TF2 does not have`);
      continue;
    }
    if (!buffer.replace(call.from, call.to, `tf.keras.layers.Flatten()(${model.valueText(inputs)})`)) continue;
    rewritten.push({ from: model.callee.from, to: model.callee.to });
    report.info(
      2,
      'contrib-flatten',
      call,
      `${FLATTEN}(x) -> tf.keras.layers.Flatten()(x): the same flattening of all but the batch dimension (TF1's contrib function is ` +
        `tf.layers.flatten, a Keras Flatten, in a name scope).`,
    );
  }
  if (rewritten.length > 0)
    report.drop((e) => !(e.rule === 'deprecated-module' && rewritten.some((r) => e.from >= r.from && e.from < r.to)));
}
