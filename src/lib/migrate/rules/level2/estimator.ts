import { CallModel } from '../../call.ts';
import { type SyntaxNode, statementsOf, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { type EstimatorPlan, type MethodCall, writeEstimator } from './estimator-text.ts';
import { type Mode, type ModePath, followMode, readNames, sliceFor, type Unit } from './model-fn.ts';
import { planModelFnLayers } from './model-fn-layers.ts';
import { assignedNames, assignedValue, calleeName, callsIn, freshName, isTf, tfMember } from './names.ts';
import { isNumpyInputFn, type NumpyDataset, numpyInputDataset } from './numpy-input.ts';
import { findModelFunction, type ModelFunctionPlan, planModelFunction } from './model-functions.ts';
import { kerasOptimizer, OPTIMIZERS } from './optimizers.ts';

type Fail = (at: { from: number; to: number }, why: string) => void;

const SPEC_PARAMS = ['mode', 'predictions', 'loss', 'train_op', 'eval_metric_ops'];
const METHODS: Record<string, { keywords: string[]; mode: Mode }> = {
  train: { keywords: ['input_fn', 'steps'], mode: 'train' },
  evaluate: { keywords: ['input_fn', 'steps'], mode: 'eval' },
  predict: { keywords: ['input_fn'], mode: 'infer' },
};
const ESTIMATOR_ARGS: Record<string, string> = {
  model_dir:
    'the Estimator restores the latest checkpoint in model_dir before training and writes new ones there; keep ' +
    'that with tf.train.CheckpointManager',
  config: 'a RunConfig (checkpoint and logging schedule, devices) has no counterpart written here',
  params: '`params` are handed to the model_fn, which this rule does not follow',
  warm_start_from: 'warm-starting from a checkpoint has no counterpart written here',
};

/**
 * `est = tf.estimator.Estimator(model_fn)` with `est.train/evaluate/predict(numpy_input_fn(...))` ->
 * the TF2 the Estimator migration guide writes: the model_fn's TRAIN branch as a tf.function training
 * step (GradientTape, the Keras optimizer made once), its EVAL branch as a loop that streams Keras
 * metrics over the whole input, its PREDICT branch as a generator of per-example predictions, and
 * each input_fn as the tf.data pipeline giving the same batches. All-or-nothing per Estimator, with each
 * reason reported where it is. Returns the model_fns it rewrote, which later rules must leave alone.
 */
export function rewriteEstimators(ctx: RuleContext, taken: Set<string>, factories: Set<string>): SyntaxNode[] {
  const { source, report } = ctx;
  const top = ctx.parsed.tree.topNode;
  const constructions: SyntaxNode[] = [];
  ctx.parsed.tree.iterate({
    enter: (ref) => {
      if (ref.name === 'CallExpression' && isTf(calleeName(source, ref.node), 'estimator.Estimator'))
        constructions.push(ref.node);
    },
  });
  const done: SyntaxNode[] = [];
  for (const call of constructions) {
    const blockers: { at: { from: number; to: number }; why: string }[] = [];
    const fail: Fail = (at, why) => blockers.push({ at, why });
    const plan = planEstimator(ctx, top, call, taken, factories, fail);
    if (blockers.length > 0 || !plan) {
      const seen = new Set<string>();
      for (const b of blockers) {
        const key = `${b.at.from}:${b.why}`;
        if (seen.has(key)) continue;
        seen.add(key);
        report.warning(2, 'not-converted', b.at, `Level 2 left this Estimator program as it is: ${b.why}.`);
      }
      continue;
    }
    writeEstimator(ctx, plan);
    done.push(plan.modelFn);
  }
  return done;
}

/** Names a statement binds at its own level: assignment and for-loop targets, imports. */
function boundBy(source: string, stmt: SyntaxNode): string[] {
  if (stmt.name === 'AssignStatement') return assignedNames(source, stmt) ?? [];
  if (stmt.name === 'ForStatement') {
    const out: string[] = [];
    for (let c = stmt.firstChild; c && c.name !== 'in'; c = c.nextSibling)
      if (c.name === 'VariableName') out.push(textOf(source, c));
    return out;
  }
  if (stmt.name === 'ImportStatement' || stmt.name === 'FunctionDefinition' || stmt.name === 'ClassDefinition')
    return stmt.getChildren('VariableName').map((n) => textOf(source, n));
  return [];
}

function same(a: SyntaxNode | null | undefined, b: SyntaxNode | null | undefined): boolean {
  return !!a && !!b && a.from === b.from && a.to === b.to && a.name === b.name;
}

function variableNames(source: string, top: SyntaxNode): Set<string> {
  const out = new Set<string>();
  const cursor = top.cursor();
  do {
    if (cursor.name === 'VariableName') out.add(source.slice(cursor.from, cursor.to));
  } while (cursor.next());
  return out;
}

function occurrences(source: string, top: SyntaxNode, name: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const cursor = top.cursor();
  do {
    if (cursor.name !== 'VariableName' || source.slice(cursor.from, cursor.to) !== name) continue;
    // `f(input_fn=...)`: a keyword, not a use of the name.
    if (cursor.node.parent?.name === 'ArgList' && cursor.node.nextSibling?.name === 'AssignOp') continue;
    out.push(cursor.node);
  } while (cursor.next());
  return out;
}

/** Whether `node` lies in `block` itself, not in a function, lambda or class defined inside it. */
function directlyIn(node: SyntaxNode, block: SyntaxNode): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (same(n, block)) return true;
    if (n.name === 'FunctionDefinition' || n.name === 'LambdaExpression' || n.name === 'ClassDefinition') return false;
  }
  return false;
}

function planEstimator(
  ctx: RuleContext,
  top: SyntaxNode,
  call: SyntaxNode,
  taken: Set<string>,
  factories: Set<string>,
  fail: Fail,
): EstimatorPlan | null {
  const { source, buffer } = ctx;
  const stmt = call.parent;
  const block = stmt?.parent;
  const target = stmt?.firstChild;
  if (
    stmt?.name !== 'AssignStatement' ||
    !same(assignedValue(stmt), call) ||
    target?.name !== 'VariableName' ||
    target.nextSibling?.name !== 'AssignOp' ||
    !(block?.name === 'Script' || (block?.name === 'Body' && block.parent?.name === 'FunctionDefinition'))
  ) {
    fail(
      call,
      'an Estimator is followed only when made by `name = tf.estimator.Estimator(model_fn)` in a module or function body',
    );
    return null;
  }
  const estimator = textOf(source, target);
  const model = new CallModel(call, source, buffer);
  for (const arg of model.live) {
    const name = arg.keyword ?? (model.positional.indexOf(arg) === 0 ? 'model_fn' : null);
    if (name === 'model_fn') continue;
    fail(
      arg.arg.value,
      ESTIMATOR_ARGS[name ?? ''] ?? `Estimator argument \`${name ?? '(positional)'}\` is not followed`,
    );
  }
  const fnArg = model.get('model_fn', 0)?.arg.value;
  const modelFn =
    fnArg?.name === 'VariableName'
      ? statementsOf(top).find(
          (s) =>
            s.name === 'FunctionDefinition' && textOf(source, s.getChild('VariableName')!) === textOf(source, fnArg),
        )
      : undefined;
  if (!fnArg || !modelFn) {
    fail(fnArg ?? call, 'the model_fn is not a function defined at module level in this file');
    return null;
  }
  const fnName = textOf(source, fnArg);
  const fnNameNode = modelFn.getChild('VariableName')!;
  for (const use of occurrences(source, top, fnName))
    if (use.from !== fnNameNode.from && use.from !== fnArg.from)
      fail(use, `the model_fn \`${fnName}\` is used here too, and would no longer exist`);
  const params = modelFn.getChild('ParamList');
  const paramNames = params ? params.getChildren('VariableName').map((n) => textOf(source, n)) : [];
  const paramsText = params ? textOf(source, params).replace(/\s+/g, '') : '';
  if (
    !paramNames.includes('features') ||
    paramNames.some((n) => !['features', 'labels', 'mode'].includes(n)) ||
    paramsText !== `(${paramNames.join(',')})`
  ) {
    fail(params ?? modelFn, 'only a model_fn(features, labels, mode) without params or config is followed');
    return null;
  }
  // The written functions take `features` and `labels` and fix `mode`: a model_fn without such a
  // parameter reads a global of that name instead, which they would shadow.
  const read = readNames(source, modelFn.getChild('Body')!);
  const global = ['labels', 'mode'].find((n) => read.has(n) && !paramNames.includes(n));
  if (global) {
    fail(params!, `the model_fn reads \`${global}\` without taking it as a parameter`);
    return null;
  }

  // The Estimator's uses: est.train / est.evaluate / est.predict calls in the same block, after it.
  const methods: MethodCall[] = [];
  for (const use of occurrences(source, top, estimator)) {
    if (use.from === target.from) continue;
    const member = use.parent;
    const method = member?.name === 'MemberExpression' && same(member.firstChild, use) ? member.lastChild : null;
    const methodName = method?.name === 'PropertyName' ? textOf(source, method) : '';
    const site = member?.parent;
    if (!METHODS[methodName] || site?.name !== 'CallExpression' || !same(site.firstChild, member)) {
      fail(use, `\`${estimator}\` is used here other than as ${estimator}.train/evaluate/predict(...)`);
      continue;
    }
    if (!directlyIn(site, block) || site.from < stmt.to) {
      fail(site, `${estimator}.${methodName}() is followed only after the Estimator is made, in the same block`);
      continue;
    }
    methods.push(readMethod(ctx, site, methodName, fail));
  }
  methods.sort((a, b) => a.call.from - b.call.from);
  if (methods[0]?.kind !== 'train') {
    fail(
      methods[0]?.call ?? call,
      'the Estimator is not trained first: TF1 would evaluate or predict from a checkpoint in model_dir, which this rule ' +
        'does not load',
    );
    return null;
  }

  // Each input_fn: a numpy_input_fn call, inline or bound to a name used only as an input_fn here.
  const datasets = new Map<number, NumpyDataset>();
  const bindings: { value: SyntaxNode; dataset: NumpyDataset }[] = [];
  const inputNames = new Set<string>();
  for (const m of methods) {
    const input = m.input;
    if (!input) continue;
    if (input.name === 'VariableName') inputNames.add(textOf(source, input));
    else if (input.name !== 'CallExpression' || !isNumpyInputFn(calleeName(source, input)))
      fail(input, 'this input_fn is not a tf.estimator.inputs.numpy_input_fn: write a tf.data pipeline for it');
  }
  const inputArgs = new Set(methods.map((m) => m.input?.from));
  for (const name of inputNames) {
    for (const use of occurrences(source, top, name)) {
      if (inputArgs.has(use.from)) continue;
      const bind = use.parent;
      const value = bind?.name === 'AssignStatement' && same(bind.firstChild, use) ? assignedValue(bind) : null;
      if (value?.name !== 'CallExpression' || !isNumpyInputFn(calleeName(source, value)) || !directlyIn(bind!, block)) {
        fail(use, `\`${name}\` is used here other than as a numpy_input_fn given to ${estimator}`);
        continue;
      }
      const dataset = numpyInputDataset(new CallModel(value, source, buffer));
      if ('why' in dataset) fail(dataset.at, dataset.why);
      else bindings.push({ value, dataset });
    }
  }
  for (const m of methods) {
    const input = m.input;
    if (!input) continue;
    if (input.name === 'CallExpression') {
      const dataset = numpyInputDataset(new CallModel(input, source, buffer));
      if ('why' in dataset) fail(dataset.at, dataset.why);
      else datasets.set(input.from, dataset);
      continue;
    }
    const name = textOf(source, input);
    const before = bindings.filter(
      (b) => b.value.from < input.from && textOf(source, b.value.parent!.firstChild!) === name,
    );
    const dataset = before.at(-1)?.dataset;
    if (!dataset) fail(input, `\`${name}\` is not bound to a numpy_input_fn before this call`);
    else datasets.set(input.from, dataset);
  }
  for (const m of methods) {
    const dataset = m.input ? datasets.get(m.input.from) : undefined;
    if (dataset && !dataset.labelled && m.kind !== 'predict')
      fail(m.input!, 'this numpy_input_fn has no `y`, which training and evaluation need');
  }
  const predictShapes = new Set(
    methods
      .filter((m) => m.kind === 'predict')
      .map((m) => (m.input ? datasets.get(m.input.from)?.labelled : undefined)),
  );
  if (predictShapes.size > 1)
    fail(call, 'predict() is given inputs both with and without `y`; one prediction function cannot read both');

  // The model_fn, followed once per mode the program uses.
  const body = modelFn.getChild('Body')!;
  const modes = new Set(methods.map((m) => METHODS[m.kind]!.mode));
  const paths = new Map<Mode, ModePath>();
  for (const mode of modes) {
    const path = followMode(source, body, mode, fail);
    if (path) paths.set(mode, path);
  }
  const trainPath = paths.get('train');
  if (!trainPath || paths.size !== modes.size) return null;
  const train = planTrain(ctx, trainPath, paramNames, fail);
  const evaluation = paths.has('eval') ? planEval(ctx, paths.get('eval')!, fail) : null;
  const prediction = paths.has('infer') ? planPredict(ctx, paths.get('infer')!, fail) : null;
  if (!train) return null;
  const ownLayers = planModelFnLayers(ctx, modelFn, paramNames, taken, fail);
  // The optimizer and layers are now made where the Estimator was, not when train() ran the model_fn.
  const config = new Set([...train.configNames, ...ownLayers.configNames]);
  for (const later of statementsOf(block).filter((st) => st.from > stmt.to)) {
    const rebound = boundBy(source, later).find((n) => config.has(n));
    if (rebound)
      fail(
        later,
        `\`${rebound}\` configures the optimizer or a layer and is bound here, after the Estimator is made, where TF2 makes them`,
      );
  }
  const modelFunctions = new Map<number, ModelFunctionPlan>();
  for (const units of [train.units, evaluation?.units ?? [], prediction?.units ?? []])
    for (const unit of units) planVariables(ctx, unit, factories, taken, ownLayers.calls, modelFunctions, fail);

  const outer = new Set<string>();
  const cursor = top.cursor();
  do {
    if (cursor.from >= modelFn.from && cursor.to <= modelFn.to) continue;
    // Attribute names (PropertyName) cannot clash with the loop variables and locals written here.
    if (cursor.name === 'VariableName') outer.add(source.slice(cursor.from, cursor.to));
  } while (cursor.next());
  const fresh = (wish: string) => {
    const name = freshName(wish, taken);
    outer.add(name);
    return name;
  };
  for (const units of [train.units, evaluation?.units ?? [], prediction?.units ?? []])
    for (const unit of units) for (const t of unit.targets) outer.add(t);
  const optimizer = freshName(train.optimizerName, outer);
  taken.add(optimizer);
  return {
    estimator,
    statement: stmt,
    modelFn,
    module: block.name === 'Script',
    optimizer,
    optimizerText: train.optimizerText,
    train: { name: fresh(`${estimator}_train_step`), units: train.units, loss: train.loss },
    evaluation: evaluation && { name: fresh(`${estimator}_evaluate`), ...evaluation },
    prediction: prediction && {
      name: fresh(`${estimator}_predict`),
      ...prediction,
      labelled: predictShapes.has(true),
    },
    modelFunctions: [...modelFunctions.values()],
    ownLayers,
    methods,
    datasets,
    bindings,
    loopNames: { features: freshName('features', outer), labels: freshName('labels', outer) },
    inner: new Set([...variableNames(source, top), ...outer]),
  };
}

function readMethod(ctx: RuleContext, call: SyntaxNode, kind: string, fail: Fail): MethodCall {
  const { source, buffer } = ctx;
  const model = new CallModel(call, source, buffer);
  const allowed = METHODS[kind]!.keywords;
  for (const arg of model.live) {
    const keyword = arg.keyword ?? (model.positional.indexOf(arg) === 0 ? 'input_fn' : null);
    if (keyword === null || !allowed.includes(keyword))
      fail(
        arg.arg.value,
        `${kind}() argument \`${keyword ?? '(positional)'}\` is not followed (hooks, max_steps, checkpoint_path, ` +
          `predict_keys... have no counterpart written here)`,
      );
  }
  const input = model.get('input_fn', 0)?.arg.value ?? null;
  if (!input) fail(call, `${kind}() without an input_fn`);
  const steps = model.get('steps');
  const stmt = call.parent;
  if (kind === 'train' && (stmt?.name !== 'ExpressionStatement' || !same(stmt.firstChild, call)))
    fail(call, 'the value of train() (the Estimator itself) is used here; only a train() statement is followed');
  return { kind: kind as MethodCall['kind'], call, input, steps: steps ? model.valueText(steps) : null };
}

interface TrainPlan {
  units: Unit[];
  loss: string;
  optimizerName: string;
  optimizerText: string;
  /** Names the optimizer's arguments read. */
  configNames: Set<string>;
}

function specArgs(ctx: RuleContext, spec: SyntaxNode, fail: Fail): Map<string, SyntaxNode> {
  const model = new CallModel(spec, ctx.source, ctx.buffer);
  const out = new Map<string, SyntaxNode>();
  model.live.forEach((arg) => {
    const name = arg.keyword ?? SPEC_PARAMS[model.positional.indexOf(arg)] ?? '(positional)';
    if (!SPEC_PARAMS.includes(name)) fail(arg.arg.value, `EstimatorSpec(${name}=...) is not followed`);
    else out.set(name, arg.arg.value);
  });
  return out;
}

/** The unit binding `name` last before `at`, if any. */
function bindingOf(path: ModePath, name: string, at: number): Unit | undefined {
  let found: Unit | undefined;
  for (const unit of path.units) if (unit.node.from < at && unit.targets.includes(name)) found = unit;
  return found;
}

function planTrain(ctx: RuleContext, path: ModePath, params: string[], fail: Fail): TrainPlan | null {
  const { source, buffer } = ctx;
  const args = specArgs(ctx, path.spec, fail);
  const loss = args.get('loss');
  const trainOp = args.get('train_op');
  if (loss?.name !== 'VariableName' || !trainOp) {
    fail(path.spec, 'the TRAIN EstimatorSpec is followed with `loss=<name>` and `train_op=` given');
    return null;
  }
  const lossName = textOf(source, loss);
  const minimizeUnit =
    trainOp.name === 'VariableName' ? bindingOf(path, textOf(source, trainOp), path.returnAt) : undefined;
  const minimize = minimizeUnit ? minimizeUnit.value : trainOp;
  const callee = minimize?.name === 'CallExpression' ? minimize.firstChild : null;
  if (callee?.name !== 'MemberExpression' || textOf(source, callee.lastChild!) !== 'minimize') {
    fail(trainOp, 'the train_op is followed only as `optimizer.minimize(loss, global_step=...)`');
    return null;
  }
  const m = new CallModel(minimize!, source, buffer);
  const given = m.get('loss', 0);
  const step = m.get('global_step', 1);
  for (const arg of m.live)
    if (arg !== given && arg !== step)
      fail(arg.arg.value, 'minimize() arguments other than loss and global_step are not followed');
  if (!given || textOf(source, given.arg.value) !== lossName) {
    fail(minimize!, `minimize() is followed only on the EstimatorSpec's loss \`${lossName}\``);
    return null;
  }
  const stepName = step?.arg.value.name === 'CallExpression' ? calleeName(source, step.arg.value) : null;
  if (!isTf(stepName, 'train.get_global_step', 'train.get_or_create_global_step')) {
    fail(
      step?.arg.value ?? minimize!,
      'minimize() without global_step=tf.train.get_global_step(): the Estimator counts steps by it (TF1 would not stop)',
    );
    return null;
  }
  const object = callee.firstChild!;
  const optimizerUnit =
    object.name === 'VariableName' ? bindingOf(path, textOf(source, object), minimize!.from) : undefined;
  const construction = optimizerUnit ? optimizerUnit.value : object;
  const cls = construction?.name === 'CallExpression' ? tfMember(calleeName(source, construction), 'train.') : null;
  if (!construction || cls === null || !OPTIMIZERS[cls]) {
    fail(object, 'the optimizer is followed only as a tf.train.*Optimizer(...) made in the model_fn');
    return null;
  }
  const bound = new Set([...params, ...path.units.flatMap((u) => u.targets)]);
  const used = [...readNames(source, construction)].find((n) => bound.has(n));
  if (used) {
    fail(
      construction,
      `the optimizer reads \`${used}\`, computed in the model_fn; TF2 makes the optimizer once, outside it`,
    );
    return null;
  }
  const om = new CallModel(construction, source, buffer);
  let position = 0;
  const keras = kerasOptimizer(
    cls,
    om.live.map((a) => ({ keyword: a.keyword ?? OPTIMIZERS[cls]!.params[position++] ?? '?', text: om.valueText(a) })),
  );
  if ('reason' in keras) {
    fail(construction, keras.reason);
    return null;
  }
  const special = new Set([minimizeUnit, optimizerUnit].filter((u) => u !== undefined));
  const units = sliceFor(path, [{ name: lossName, at: path.returnAt }]);
  const odd = units.find((u) => special.has(u));
  if (odd) fail(odd.node, 'the loss reads the optimizer or its training op');
  return {
    units,
    loss: lossName,
    optimizerName: optimizerUnit?.targets[0] ?? 'optimizer',
    optimizerText: keras.text,
    configNames: readNames(source, construction),
  };
}

export interface MetricPlan {
  key: string;
  keras: string;
  args: string[];
}

const METRICS: Record<string, { keras: string; params: string[] }> = {
  accuracy: { keras: 'tf.keras.metrics.Accuracy', params: ['labels', 'predictions'] },
  mean: { keras: 'tf.keras.metrics.Mean', params: ['values'] },
};

function dictEntries(source: string, dict: SyntaxNode): { key: SyntaxNode; value: SyntaxNode }[] | null {
  const parts = [] as SyntaxNode[];
  for (let c = dict.firstChild; c; c = c.nextSibling) if (!['{', '}', ':', ','].includes(c.name)) parts.push(c);
  if (parts.length % 2 !== 0 || textOf(source, dict).includes('**')) return null;
  const out: { key: SyntaxNode; value: SyntaxNode }[] = [];
  for (let i = 0; i < parts.length; i += 2) out.push({ key: parts[i]!, value: parts[i + 1]! });
  return out;
}

function planEval(
  ctx: RuleContext,
  path: ModePath,
  fail: Fail,
): { units: Unit[]; loss: string; metrics: MetricPlan[] } | null {
  const { source, buffer } = ctx;
  const args = specArgs(ctx, path.spec, fail);
  const loss = args.get('loss');
  if (loss?.name !== 'VariableName') {
    fail(path.spec, 'the EVAL EstimatorSpec is followed with `loss=<name>` given');
    return null;
  }
  const lossName = textOf(source, loss);
  const roots = [{ name: lossName, at: path.returnAt }];
  const metrics: MetricPlan[] = [];
  const special = new Set<Unit>();
  const ops = args.get('eval_metric_ops');
  let dict = ops ?? null;
  if (ops?.name === 'VariableName') {
    const unit = bindingOf(path, textOf(source, ops), path.returnAt);
    if (unit) special.add(unit);
    dict = unit?.value ?? null;
  }
  const entries = dict ? (dict.name === 'DictionaryExpression' ? dictEntries(source, dict) : null) : [];
  if (entries === null) {
    fail(ops!, 'eval_metric_ops is followed only as a dict literal of tf.metrics calls');
    return null;
  }
  for (const { key, value } of entries) {
    const keyText = textOf(source, key);
    if (key.name !== 'String' || /^['"](loss|global_step)['"]$/.test(keyText)) {
      fail(key, 'an eval_metric_ops key is followed only as a string literal other than loss or global_step');
      continue;
    }
    const unit = value.name === 'VariableName' ? bindingOf(path, textOf(source, value), path.returnAt) : undefined;
    if (unit) special.add(unit);
    const metric = unit ? unit.value : value;
    const name = metric?.name === 'CallExpression' ? tfMember(calleeName(source, metric), 'metrics.') : null;
    const mapping = name !== null ? METRICS[name] : undefined;
    if (!metric || !mapping) {
      fail(
        metric ?? value,
        `${name === null ? 'this metric' : `tf.metrics.${name}`} has no rule here (tf.metrics.accuracy and mean do)`,
      );
      continue;
    }
    const m = new CallModel(metric, source, buffer);
    const texts: string[] = [];
    mapping.params.forEach((p, i) => {
      const arg = m.get(p, i);
      if (arg) texts.push(m.valueText(arg));
    });
    if (texts.length !== mapping.params.length || m.live.length !== mapping.params.length) {
      fail(metric, `tf.metrics.${name} is followed with exactly ${mapping.params.join(' and ')} given`);
      continue;
    }
    const at = unit ? unit.node.from : path.returnAt;
    const reads = readNames(source, metric);
    for (const n of reads) {
      roots.push({ name: n, at });
      const later = path.units.find((u) => u.node.from > at && u.targets.includes(n));
      if (later) fail(later.node, `\`${n}\` is bound again after the metric reads it`);
    }
    metrics.push({ key: keyText, keras: mapping.keras, args: texts });
  }
  const units = sliceFor(path, roots).filter((u) => !special.has(u));
  return { units, loss: lossName, metrics };
}

function planPredict(
  ctx: RuleContext,
  path: ModePath,
  fail: Fail,
): { units: Unit[]; predictions: string; dict: boolean } | null {
  const { source, buffer } = ctx;
  const args = specArgs(ctx, path.spec, fail);
  const predictions = args.get('predictions');
  if (!predictions) {
    fail(path.spec, 'the PREDICT EstimatorSpec has no predictions');
    return null;
  }
  const unit =
    predictions.name === 'VariableName' ? bindingOf(path, textOf(source, predictions), path.returnAt) : undefined;
  const dict = (unit ? unit.value : predictions)?.name === 'DictionaryExpression';
  const units = sliceFor(
    path,
    [...readNames(source, predictions)].map((name) => ({ name, at: path.returnAt })),
  );
  if (readNames(source, predictions).has('labels') || units.some((u) => u.uses.has('labels')))
    fail(predictions, 'the PREDICT branch reads `labels`, which the Estimator passes as None there');
  return { units, predictions: buffer.render(predictions.from, predictions.to), dict };
}

/** Whether a tf.layers function makes variables (dropout, pooling and flatten make none). */
function makesLayerVariables(member: string | null): boolean {
  return member !== null && !/^(dropout|max_pooling\dd|average_pooling\dd|flatten)$/.test(member);
}

/**
 * The model_fn's statements are copied into the training, evaluation and prediction functions; a
 * statement that makes variables would make a separate set in each, where TF1 shared one set
 * through the Estimator's checkpoint. A function it calls that makes layers is planned to make them
 * once (model-functions.ts), so every copy of the call shares them; anything else is refused.
 */
function planVariables(
  ctx: RuleContext,
  unit: Unit,
  factories: Set<string>,
  taken: Set<string>,
  madeOnce: Set<number>,
  plans: Map<number, ModelFunctionPlan>,
  fail: Fail,
): void {
  const { source } = ctx;
  for (const c of callsIn(ctx.parsed.tree, unit.node)) {
    if (madeOnce.has(c.from)) continue;
    const name = calleeName(source, c);
    if (name !== null && factories.has(name)) {
      const def = findModelFunction(ctx, name);
      if (def && plans.has(def.from)) continue;
      const plan = def ? planModelFunction(ctx, def, taken, fail) : null;
      if (plan) plans.set(def!.from, plan);
      else if (!def)
        fail(
          c,
          `\`${name}(...)\` makes variables each time it is called: the training, evaluation and prediction functions written ` +
            "from the model_fn would each get their own, where TF1 shared them through the Estimator's checkpoint",
        );
    } else if (isTf(name, 'Variable', 'get_variable') || makesLayerVariables(tfMember(name, 'layers.')))
      fail(
        c,
        `\`${name}\` makes variables here: the training, evaluation and prediction functions written from the model_fn ` +
          "would each make their own, where TF1 shared them through the Estimator's checkpoint",
      );
  }
}
