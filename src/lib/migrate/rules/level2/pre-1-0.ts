import { dottedName } from '../../parse.ts';
import type { RuleContext } from '../context.ts';

/**
 * Names TensorFlow 1.0 renamed (from its "Transition to TensorFlow 1.0" guide, 2017). tf_upgrade_v2's
 * tables do not know them, so code older than 1.0 passes through it unchanged and then fails. We do
 * not rename them either: some of these changes also moved arguments (tf.concat, tf.split) or changed
 * results (tf.reverse), which is what the 1.0 script, tf_upgrade.py, was for. We say where they are.
 */
const RENAMED_IN_1_0: Record<string, string> = {
  'tf.mul': 'tf.multiply',
  'tf.sub': 'tf.subtract',
  'tf.neg': 'tf.negative',
  'tf.inv': 'tf.reciprocal',
  'tf.select': 'tf.where',
  'tf.pack': 'tf.stack',
  'tf.unpack': 'tf.unstack',
  'tf.listdiff': 'tf.setdiff1d',
  'tf.list_diff': 'tf.setdiff1d',
  'tf.batch_matmul': 'tf.matmul',
  'tf.complex_abs': 'tf.abs',
  'tf.all_variables': 'tf.global_variables',
  'tf.initialize_local_variables': 'tf.local_variables_initializer',
  'tf.initialize_variables': 'tf.variables_initializer',
  'tf.scalar_summary': 'tf.summary.scalar',
  'tf.histogram_summary': 'tf.summary.histogram',
  'tf.image_summary': 'tf.summary.image',
  'tf.audio_summary': 'tf.summary.audio',
  'tf.merge_all_summaries': 'tf.summary.merge_all',
  'tf.merge_summary': 'tf.summary.merge',
  'tf.train.SummaryWriter': 'tf.summary.FileWriter',
  'tf.image.per_image_whitening': 'tf.image.per_image_standardization',
};

export function warnPre10Names(ctx: RuleContext): void {
  ctx.parsed.tree.iterate({
    enter: (ref) => {
      if (ref.name !== 'MemberExpression') return undefined;
      const name = dottedName(ctx.source, ref.node);
      const renamed = name === null ? undefined : RENAMED_IN_1_0[name];
      if (renamed === undefined) return undefined;
      ctx.report.warning(
        2,
        'pre-1.0-name',
        ref.node,
        `\`${name}\` is from before TensorFlow 1.0, which renamed it \`${renamed}\`; neither tf_upgrade_v2 nor this tool converts ` +
          `pre-1.0 code. Upgrade to 1.x first (TensorFlow's tf_upgrade.py), then convert.`,
      );
      return false;
    },
  });
}
