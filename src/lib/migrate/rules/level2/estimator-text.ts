import type { SyntaxNode } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import type { MetricPlan } from './estimator.ts';
import type { Unit } from './model-fn.ts';
import type { ModelFnLayers } from './model-fn-layers.ts';
import { applyModelFunction, type ModelFunctionPlan } from './model-functions.ts';
import { freshName } from './names.ts';
import type { NumpyDataset } from './numpy-input.ts';
import { lineSpan, reindent } from './text.ts';

export interface MethodCall {
  kind: 'train' | 'evaluate' | 'predict';
  call: SyntaxNode;
  input: SyntaxNode | null;
  /** The `steps=` text, or null. */
  steps: string | null;
}

export interface EstimatorPlan {
  estimator: string;
  /** `est = tf.estimator.Estimator(model_fn)`: the written functions take its place. */
  statement: SyntaxNode;
  modelFn: SyntaxNode;
  /** Whether the Estimator is made at module level (two blank lines around functions there). */
  module: boolean;
  optimizer: string;
  optimizerText: string;
  train: { name: string; units: Unit[]; loss: string };
  evaluation: { name: string; units: Unit[]; loss: string; metrics: MetricPlan[] } | null;
  prediction: { name: string; units: Unit[]; predictions: string; dict: boolean; labelled: boolean } | null;
  /** Functions the model_fn calls that make layers: made to make them once. */
  modelFunctions: ModelFunctionPlan[];
  /** The layers the model_fn makes itself. */
  ownLayers: ModelFnLayers;
  methods: MethodCall[];
  /** The dataset each method's input_fn argument gives, by the argument's offset. */
  datasets: Map<number, NumpyDataset>;
  /** `input_fn = numpy_input_fn(...)` statements, their values rewritten in place. */
  bindings: { value: SyntaxNode; dataset: NumpyDataset }[];
  loopNames: { features: string; labels: string };
  /** Names local variables of the written functions must not take. */
  inner: Set<string>;
}

const UNIT = '    ';

const DTYPE_NOTE =
  " A tf.layers layer took its inputs' dtype (float64 NumPy features made float64 weights); a Keras layer computes in " +
  'float32 and casts its inputs.';

const SHUFFLE_NOTE =
  ' Shuffling: TF1 read the rows in order from a random start row through a RandomShuffleQueue of queue_capacity rows (a ' +
  'quarter of it kept filled); Dataset.shuffle over the same number of rows is the same kind of windowed shuffle, from row ' +
  '0 and with other random draws, so the order differs.';

/** Writes an Estimator program planned by rewriteEstimators. */
export function writeEstimator(ctx: RuleContext, plan: EstimatorPlan): void {
  const { buffer, report, parsed } = ctx;
  for (const fn of plan.modelFunctions) applyModelFunction(ctx, fn);
  for (const edit of plan.ownLayers.edits) {
    buffer.replace(edit.from, edit.to, edit.text);
    if (edit.message !== null)
      report.info(
        2,
        'layers-to-keras',
        edit,
        `${edit.message}; every mode's copy of the statement calls it.${DTYPE_NOTE}`,
      );
  }
  const lines = parsed.lines;
  const indentOf = (node: SyntaxNode) => lines.indentOf(lines.lineOf(node.from));
  const ind = indentOf(plan.statement);
  const i1 = ind + UNIT;
  let names = new Set(plan.inner);
  const fresh = (wish: string) => freshName(wish, names);
  // Each written function has its own locals.
  const nextFunction = () => (names = new Set(plan.inner));
  const unitsText = (units: Unit[], at: string) =>
    units.map((u) => {
      const span = lineSpan(lines, u.node);
      return reindent(buffer.render(span.from, span.to).replace(/\n$/, ''), indentOf(u.node), at);
    });
  const gap = plan.module ? '\n\n' : '\n';
  const blocks: string[] = [
    [...plan.ownLayers.constructions, `${plan.optimizer} = ${plan.optimizerText}`].map((l) => `${ind}${l}\n`).join(''),
  ];

  const tape = fresh('tape');
  const variables = fresh('variables');
  const gradients = fresh('gradients');
  blocks.push(
    [
      `${ind}@tf.function`,
      `${ind}def ${plan.train.name}(features, labels):`,
      `${i1}with tf.GradientTape() as ${tape}:`,
      ...unitsText(plan.train.units, i1 + UNIT),
      `${i1}${variables} = ${tape}.watched_variables()`,
      `${i1}${gradients} = ${tape}.gradient(${plan.train.loss}, ${variables})`,
      `${i1}${plan.optimizer}.apply_gradients(zip(${gradients}, ${variables}))`,
      `${i1}return ${plan.train.loss}`,
    ].join('\n') + '\n',
  );

  const ev = plan.evaluation;
  if (ev) {
    nextFunction();
    const dataset = fresh('dataset');
    const metricNames = ev.metrics.map((m) => fresh(m.key.slice(1, -1)));
    const meanLoss = fresh('mean_loss');
    const results = [
      ...ev.metrics.map((m, i) => `${m.key}: ${metricNames[i]}.result().numpy()`),
      `'loss': ${meanLoss}.result().numpy()`,
      `'global_step': ${plan.optimizer}.iterations.numpy()`,
    ];
    blocks.push(
      [
        `${ind}def ${ev.name}(${dataset}):`,
        ...ev.metrics.map((m, i) => `${i1}${metricNames[i]} = ${m.keras}()`),
        `${i1}${meanLoss} = tf.keras.metrics.Mean()`,
        `${i1}for features, labels in ${dataset}:`,
        ...unitsText(ev.units, i1 + UNIT),
        ...ev.metrics.map((m, i) => `${i1}${UNIT}${metricNames[i]}.update_state(${m.args.join(', ')})`),
        `${i1}${UNIT}${meanLoss}.update_state(${ev.loss})`,
        `${i1}return {${results.join(', ')}}`,
      ].join('\n') + '\n',
    );
  }

  const pr = plan.prediction;
  if (pr) {
    nextFunction();
    const dataset = fresh('dataset');
    const i2 = i1 + UNIT;
    const body = [
      `${ind}def ${pr.name}(${dataset}):`,
      `${i1}for ${pr.labelled ? 'features, _' : 'features'} in ${dataset}:`,
      ...unitsText(pr.units, i2),
    ];
    if (pr.dict) {
      const outputs = fresh('outputs');
      const row = fresh('row');
      body.push(
        `${i2}${outputs} = {key: value.numpy() for key, value in ${pr.predictions}.items()}`,
        `${i2}for ${row} in range(len(next(iter(${outputs}.values())))):`,
        `${i2}${UNIT}yield {key: value[${row}] for key, value in ${outputs}.items()}`,
      );
    } else
      body.push(`${i2}yield from ${/^[\w.]+$/.test(pr.predictions) ? pr.predictions : `(${pr.predictions})`}.numpy()`);
    blocks.push(body.join('\n') + '\n');
  }

  const statementSpan = lineSpan(lines, plan.statement);
  buffer.replace(statementSpan.from, statementSpan.to, blocks.join(gap) + gap);
  report.info(
    2,
    'estimator-to-loops',
    plan.statement,
    "tf.estimator.Estimator(model_fn) -> the model_fn's TRAIN branch as a tf.function training step (GradientTape, the Keras " +
      `optimizer made once)${ev ? ', its EVAL branch as an evaluation loop' : ''}` +
      `${pr ? ', its PREDICT branch as a generator of per-example predictions' : ''}. Not kept: checkpoints in model_dir ` +
      '(TF1 wrote them to a temporary directory and reloaded them in each train/evaluate/predict; here the weights stay ' +
      'in memory), the global_step variable (optimizer.iterations counts the steps), the loss logged every 100 steps, and ' +
      'summaries.',
  );
  const fnSpan = lineSpan(lines, plan.modelFn);
  buffer.replace(fnSpan.from, fnSpan.to, '');
  report.info(
    2,
    'estimator-to-loops',
    plan.modelFn,
    'model_fn removed: each mode it served is now a function written where the Estimator was made, with the statements ' +
      'that mode reached and needed.',
  );

  for (const { value, dataset } of plan.bindings) {
    buffer.replace(value.from, value.to, dataset.text);
    inputReport(ctx, value, dataset);
  }
  for (const m of plan.methods) {
    const input = m.input!;
    const dataset = plan.datasets.get(input.from)!;
    let data = input.name === 'CallExpression' ? dataset.text : buffer.render(input.from, input.to);
    if (input.name === 'CallExpression') inputReport(ctx, input, dataset);
    if (m.steps !== null) data += `.take(${m.steps})`;
    if (m.kind === 'train') {
      const stmt = m.call.parent!;
      const span = lineSpan(lines, stmt);
      const at = indentOf(stmt);
      const { features, labels } = plan.loopNames;
      buffer.replace(
        span.from,
        span.to,
        `${at}for ${features}, ${labels} in ${data}:\n${at}${UNIT}${plan.train.name}(${features}, ${labels})\n`,
      );
      report.info(
        2,
        'estimator-to-loops',
        m.call,
        `Estimator.train -> a loop over ${m.steps !== null ? `the first ${m.steps} batches` : 'the batches'} calling ` +
          `${plan.train.name} (as in TF1, a finite input that runs out ends training early).`,
      );
    } else if (m.kind === 'evaluate') {
      buffer.replace(m.call.from, m.call.to, `${ev!.name}(${data})`);
      report.info(
        2,
        'estimator-to-loops',
        m.call,
        `Estimator.evaluate -> ${ev!.name}(...): the metrics stream over the whole input as eval_metric_ops did ` +
          '(tf.metrics.accuracy -> tf.keras.metrics.Accuracy, which compares labels and predictions cast to float32 where TF1 ' +
          "cast predictions to the labels' dtype: the same for class ids below 2**24); " +
          "'loss' is the mean of the per-batch losses and 'global_step' the number of training steps, as in TF1's dict.",
      );
    } else {
      buffer.replace(m.call.from, m.call.to, `${pr!.name}(${data})`);
      report.info(
        2,
        'estimator-to-loops',
        m.call,
        `Estimator.predict -> ${pr!.name}(...), a generator of per-example predictions as TF1 yielded them.`,
      );
    }
  }
}

function inputReport(ctx: RuleContext, at: SyntaxNode, dataset: NumpyDataset): void {
  ctx.report.info(
    2,
    'input-fn-to-dataset',
    at,
    'numpy_input_fn -> a tf.data.Dataset with the same batches: the same batch size and epochs (None: forever), batches ' +
      'running across epoch boundaries, the last one partial when the epochs are counted.' +
      (dataset.shuffled ? SHUFFLE_NOTE : ''),
  );
}
