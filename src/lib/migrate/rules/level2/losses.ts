import { CallModel } from '../../call.ts';
import type { RuleContext } from '../context.ts';
import { calleeName, callsIn, tfMember } from './names.ts';

/**
 * `tf.losses.*` (Level 1 leaves `tf.compat.v1.losses.*`) as plain TF2 ops. With its defaults (weights
 * 1.0, reduction SUM_BY_NONZERO_WEIGHTS) a TF1 loss is the mean of the per-example loss, which is what
 * is written; with weights, label smoothing or another reduction it is left, since those change values.
 * The losses collection it also fed has no TF2 form and nothing in eager code reads it. One TF1
 * nicety is not written out: sparse labels of shape [N, 1] were squeezed to [N]; TF2's op raises on
 * them instead of computing something else.
 */
const LOSSES: Record<string, { labels: string; second: string; write: (labels: string, second: string) => string }> = {
  sparse_softmax_cross_entropy: {
    labels: 'labels',
    second: 'logits',
    write: (l, x) => `tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=${l}, logits=${x}))`,
  },
  // TF1 stops the gradient into the labels; TF2's op would pass it on.
  softmax_cross_entropy: {
    labels: 'onehot_labels',
    second: 'logits',
    write: (l, x) =>
      `tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=tf.stop_gradient(${l}), logits=${x}))`,
  },
  // TF1 computes this loss in float32 whatever its inputs are.
  mean_squared_error: {
    labels: 'labels',
    second: 'predictions',
    write: (l, x) => `tf.reduce_mean(tf.math.squared_difference(tf.cast(${x}, tf.float32), tf.cast(${l}, tf.float32)))`,
  },
};

export function rewriteLosses(ctx: RuleContext): void {
  const { source, buffer, report } = ctx;
  for (const call of callsIn(ctx.parsed.tree, ctx.parsed.tree.topNode)) {
    const loss = tfMember(calleeName(source, call), 'losses.');
    const spec = loss === null ? undefined : LOSSES[loss];
    if (!spec) continue;
    const model = new CallModel(call, source, buffer);
    const where = { from: call.from, to: call.to };
    const labels = model.get(spec.labels, 0);
    const second = model.get(spec.second, 1);
    if (model.opaque || model.hasStarArgs || model.hasStarKwargs || !labels || !second || model.live.length !== 2) {
      report.warning(
        2,
        'tf-losses',
        where,
        `tf.losses.${loss} left as tf.compat.v1: only the two-argument form (default weights and reduction) is a plain mean of ` +
          `tf.nn's per-example loss.`,
      );
      continue;
    }
    if (!buffer.replace(call.from, call.to, spec.write(model.valueText(labels), model.valueText(second)))) continue;
    report.info(
      2,
      'tf-losses',
      where,
      `tf.losses.${loss} -> the mean of its per-example TF2 op (TF1's default reduction).`,
    );
  }
}
