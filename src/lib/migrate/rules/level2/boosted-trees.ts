import { dottedName, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';

const WHY =
  'Level 2 left this as it is: tf.contrib.boosted_trees has no TF2 counterpart. TF2 has no tf.contrib, and its successor ' +
  "tf.estimator.BoostedTrees* went with tf.estimator in TF 2.16; TensorFlow's canned-Estimator migration guide moves " +
  'boosted trees to TensorFlow Decision Forests (tfdf.keras.GradientBoostedTreesModel), a separate package with its own ' +
  'API and training algorithm, which this tool does not write';

/**
 * Gradient-boosted trees from tf.contrib (GradientBoostedDecisionTreeClassifier, learner_pb2) cannot
 * be rewritten into TF2 at all: say so where the program brings them in and uses them, so the
 * refusal reads as a reason rather than as a list of unknown names.
 */
export function warnBoostedTrees(ctx: RuleContext): void {
  const { source, report } = ctx;
  ctx.parsed.tree.iterate({
    enter: (ref) => {
      if (ref.name === 'ImportStatement') {
        if (/\btensorflow\.contrib\.boosted_trees\b/.test(textOf(source, ref)))
          report.warning(2, 'not-converted', ref, `${WHY}.`);
        return false;
      }
      if (ref.name !== 'MemberExpression') return undefined;
      const name = dottedName(source, ref.node);
      if (name === null) return undefined;
      if (/^tf\.contrib\.boosted_trees\b/.test(name)) {
        report.warning(2, 'not-converted', ref, `${WHY}.`);
        return false;
      }
      return undefined;
    },
  });
}
