import {
  addArgument,
  compatIfAnyArgTransformer,
  compatIfArgTransformer,
  isFalse,
  isString,
  isTrue,
} from './compat-if-arg.ts';
import { toDtypeToCast } from './cast.ts';
import { iteratorMethodToFunction } from './data-iterators.ts';
import { dropoutKeepProbToRate } from './dropout.ts';
import { extractGlimpseNoise } from './extract-glimpse.ts';
import type { Transformer } from './helpers.ts';
import { imageResizeToMethod } from './image-resize.ts';
import { uniformUnitScaling, varianceScalingToKeras, xavierToVarianceScaling } from './initializers.ts';
import { nameScope } from './name-scope.ts';
import { poolSeed } from './pool-seed.ts';
import { l1Regularizer, l2Regularizer } from './regularizers.ts';
import { softmaxStopGradientOnLabels } from './softmax.ts';
import { stringsSplit } from './strings-split.ts';
import { summaryRecordIf, summaryStep } from './summaries.ts';

export type { CallLog, Transformer } from './helpers.ts';

const OPTIMIZER_NOTE =
  'TF2 canned estimators take tf.keras.optimizers only, so the call was converted to compat.v1. Each tf.train optimizer has a ' +
  'tf.keras.optimizers counterpart you may switch to; checkpoints are not guaranteed to be compatible.';
const PARTITIONER_NOTE = `no longer takes \`input_layer_partitioner\`, and ${OPTIMIZER_NOTE}`;

const canned = (name: string, args: string[], lossReduction: boolean, note = PARTITIONER_NOTE) =>
  [`tf.estimator.${name}`, compatIfAnyArgTransformer(args, `tf.estimator.${name} ${note}`, lossReduction)] as const;

/**
 * Call transformers by the callee name as written (before renames): tf_upgrade_v2's
 * `function_transformers`. `*.name` matches any method called `name`.
 */
export const transformers: ReadonlyMap<string, Transformer> = new Map<string, Transformer>([
  ['*.make_initializable_iterator', iteratorMethodToFunction],
  ['*.make_one_shot_iterator', iteratorMethodToFunction],
  ['tf.nn.dropout', dropoutKeepProbToRate],
  ...['bfloat16', 'complex128', 'complex64', 'double', 'float', 'int32', 'int64'].map(
    (t) => [`tf.to_${t}`, toDtypeToCast] as const,
  ),
  ['tf.nn.softmax_cross_entropy_with_logits', softmaxStopGradientOnLabels],
  ['tf.image.extract_glimpse', extractGlimpseNoise],
  ...['area', 'bicubic', 'bilinear', 'nearest_neighbor'].map(
    (m) => [`tf.image.resize_${m}`, imageResizeToMethod] as const,
  ),
  ['tf.nn.fractional_avg_pool', poolSeed],
  ['tf.nn.fractional_max_pool', poolSeed],
  ['tf.name_scope', nameScope],
  ['tf.strings.split', stringsSplit],
  canned('BaselineEstimator', ['optimizer'], false, `supports ${OPTIMIZER_NOTE}`),
  canned('BaselineClassifier', ['optimizer'], true, `supports ${OPTIMIZER_NOTE}`),
  canned('BaselineRegressor', ['input_layer_partitioner', 'optimizer'], true, `supports ${OPTIMIZER_NOTE}`),
  canned(
    'DNNEstimator',
    ['input_layer_partitioner', 'optimizer'],
    false,
    'no longer takes input_layer_partitioner, so the call was converted to compat.v1.',
  ),
  canned('DNNClassifier', ['input_layer_partitioner', 'optimizer'], true),
  canned('DNNRegressor', ['input_layer_partitioner', 'optimizer'], true),
  canned('LinearEstimator', ['input_layer_partitioner', 'optimizer'], false),
  canned('LinearClassifier', ['input_layer_partitioner', 'optimizer'], true),
  canned('LinearRegressor', ['input_layer_partitioner', 'optimizer'], true),
  canned('DNNLinearCombinedEstimator', ['input_layer_partitioner', 'dnn_optimizer', 'linear_optimizer'], false),
  canned('DNNLinearCombinedClassifier', ['input_layer_partitioner', 'dnn_optimizer', 'linear_optimizer'], true),
  canned('DNNLinearCombinedRegressor', ['input_layer_partitioner', 'dnn_optimizer', 'linear_optimizer'], true),
  [
    'tf.device',
    compatIfArgTransformer({
      arg: 'device_name',
      ok: isString,
      message:
        'tf.device no longer takes functions as an argument. We could not determine that the argument value is a string, so the call ' +
        'was converted to compat.v1.',
    }),
  ],
  ...['zeros_like', 'ones_like'].map(
    (fn) =>
      [
        `tf.${fn}`,
        compatIfArgTransformer({
          arg: 'optimize',
          ok: isTrue,
          removeIfOk: true,
          message:
            `tf.${fn} no longer takes an optimize argument, and behaves as if optimize=True. This call site specifies ` +
            `something other than optimize=True, so it was converted to compat.v1.`,
        }),
      ] as const,
  ),
  [
    'tf.while_loop',
    compatIfArgTransformer({
      arg: 'return_same_structure',
      ok: isTrue,
      removeIfOk: true,
      message:
        "tf.while_loop no longer takes 'return_same_structure' argument and behaves as if return_same_structure=True. This call site " +
        'specifies something other than return_same_structure=True, so it was converted to compat.v1.',
    }),
  ],
  [
    'tf.nn.ctc_beam_search_decoder',
    compatIfArgTransformer({
      arg: 'merge_repeated',
      ok: isFalse,
      removeIfOk: true,
      message:
        "tf.nn.ctc_beam_search_decoder no longer takes the 'merge_repeated' argument and behaves as if merge_repeated=False. This " +
        'call site specifies something other than merge_repeated=False, so it was converted to compat.v1.',
    }),
  ],
  ['tf.nn.dilation2d', addArgument('data_format', "'NHWC'")],
  ['tf.nn.erosion2d', addArgument('data_format', "'NHWC'")],
  ['tf.contrib.summary.always_record_summaries', summaryRecordIf('True')],
  ['tf.contrib.summary.never_record_summaries', summaryRecordIf('False')],
  ...['audio', 'generic', 'histogram', 'image', 'scalar'].map((s) => [`tf.contrib.summary.${s}`, summaryStep] as const),
  ...['tf.contrib.layers', 'slim'].flatMap((prefix) => [
    [`${prefix}.l1_regularizer`, l1Regularizer] as const,
    [`${prefix}.l2_regularizer`, l2Regularizer] as const,
    [`${prefix}.xavier_initializer`, xavierToVarianceScaling] as const,
    [`${prefix}.xavier_initializer_conv2d`, xavierToVarianceScaling] as const,
    [`${prefix}.variance_scaling_initializer`, varianceScalingToKeras] as const,
  ]),
  ['tf.initializers.uniform_unit_scaling', uniformUnitScaling],
  ['tf.uniform_unit_scaling_initializer', uniformUnitScaling],
  ['tf.keras.models.save_model', addArgument('save_format', "'h5'")],
]);
