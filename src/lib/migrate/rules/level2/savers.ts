import { CallModel } from '../../call.ts';
import { type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { assignedNames, calleeName, callsIn, isTf, tfMember } from './names.ts';
import type { LayerPlan } from './layer-calls.ts';
import type { ModelFunctionPlan } from './model-functions.ts';
import type { Program } from './program.ts';

type Fail = (at: { from: number; to: number }, why: string) => void;

/** `saver = tf.train.Saver()` and its save/restore calls, as TF2 text. */
export interface SaverPlan {
  name: string;
  /** The `tf.train.Saver()` call. */
  call: SyntaxNode;
  /** Names to put in the Checkpoint, in order (variables, then optimizers: filled in once their names are known). */
  variables: string[];
  /** Trainings whose optimizer (and its slots) TF1's Saver saved: made before the Saver. */
  trainsBefore: string[];
  /**
   * Keras layer objects that now own variables TF1 made before the Saver: those of model functions first
   * called before it, and of graph-code layers made before it.
   */
  layers: string[];
  edits: { call: SyntaxNode; kind: 'save' | 'restore'; path: string }[];
  /** VariableName offsets of the session passed to save/restore: accounted for. */
  consumed: number[];
}

/** Keras layers without variables: nothing of theirs to save. */
const STATELESS = / = tf\.keras\.layers\.(Dropout|Flatten|(Max|Average)Pooling[123]D)\(/;

/** Where variables can come from without this tool seeing them by name. */
const HIDDEN_STATE = ['layers.', 'keras.', 'nn.rnn_cell.', 'contrib.', 'estimator.', 'train.Saver'];

/**
 * `tf.train.Saver()` saves every variable made before it (optimizer slots included); TF2's
 * `tf.train.Checkpoint` saves the objects it is given. So a Saver without arguments becomes a
 * Checkpoint of every variable the block binds to a name (or to a dict or list of variables) before
 * it, plus the optimizers that minimized before it; `saver.save(sess, path)` -> `saver.write(path)`
 * (the same path, returned), `saver.restore(sess, path)` -> `saver.read(path)`. Layers the rewrite
 * makes once as Keras objects (in graph code, or above a model function) are named by those objects.
 * Only when every variable in the file is made one of these ways: one made in a helper, by a layer
 * left as it is or with get_variable under a reusing scope would be missing from the checkpoint, so
 * those are refused.
 */
export function planSavers(
  ctx: RuleContext,
  p: Program,
  modelFunctions: ModelFunctionPlan[],
  graphLayers: LayerPlan[],
  fail: Fail,
): SaverPlan[] {
  const { source } = ctx;
  const plans: SaverPlan[] = [];
  for (const entry of p.stmts) {
    const value = entry.value;
    if (value?.name !== 'CallExpression' || !isTf(calleeName(source, value), 'train.Saver')) continue;
    if (entry.node.name !== 'AssignStatement' || entry.targets.length !== 1) {
      fail(value, 'a tf.train.Saver that is not kept in one variable');
      continue;
    }
    const model = new CallModel(value, source, ctx.buffer);
    if (model.live.length > 0 || model.opaque) {
      fail(
        value,
        'tf.train.Saver with arguments (var_list, max_to_keep, ...): write the tf.train.Checkpoint (and CheckpointManager) by hand',
      );
      continue;
    }
    const plan: SaverPlan = {
      name: entry.targets[0]!,
      call: value,
      variables: [],
      trainsBefore: [],
      layers: [],
      edits: [],
      consumed: [],
    };
    const counted = new Set<number>();
    let ok = true;
    for (const before of p.stmts) {
      if (before.node.from >= entry.node.from) break;
      const v = before.value;
      if (!v || before.targets.length !== 1 || before.node.name !== 'AssignStatement') continue;
      if (
        v.name === 'CallExpression' &&
        isTf(calleeName(source, v), 'Variable', 'get_variable', 'train.get_or_create_global_step')
      ) {
        plan.variables.push(before.targets[0]!);
        counted.add(v.from);
      } else if (v.name === 'DictionaryExpression' || v.name === 'ArrayExpression') {
        const made = callsIn(ctx.parsed.tree, v).filter((c) => isTf(calleeName(source, c), 'Variable', 'get_variable'));
        if (made.length === 0) continue;
        const items = literalValues(v);
        if (
          items.length !== made.length ||
          items.some((item) => !made.some((c) => c.from === item.from && c.to === item.to))
        ) {
          fail(
            v,
            `\`${before.targets[0]}\` holds variables mixed with other values; tf.train.Checkpoint needs the variables by themselves`,
          );
          ok = false;
          continue;
        }
        plan.variables.push(before.targets[0]!);
        for (const c of made) counted.add(c.from);
      }
    }
    // One reason per kind, at the first place, with a count: a model of ten layers is one problem.
    const unnamed: SyntaxNode[] = [];
    const hidden: SyntaxNode[] = [];
    for (const c of callsIn(ctx.parsed.tree, ctx.parsed.tree.topNode)) {
      const name = calleeName(source, c);
      if (modelFunctionLayer(ctx, modelFunctions, c)) continue;
      if (c.from > entry.node.from) continue;
      // A layer of the graph code, made once as a Keras object before the Saver: the Checkpoint names it.
      const layer = graphLayers.find((l) => l.call.from === c.from);
      if (layer) {
        const object = layer.construction.slice(0, layer.construction.indexOf(' = '));
        if (!STATELESS.test(layer.construction) && !plan.layers.includes(object)) plan.layers.push(object);
        continue;
      }
      if (isTf(name, 'Variable', 'get_variable') && !counted.has(c.from)) unnamed.push(c);
      else if (HIDDEN_STATE.some((prefix) => tfMember(name, prefix) !== null) && c.from !== value.from) hidden.push(c);
    }
    const more = (n: number) => (n > 1 ? ` (and ${n - 1} more place${n > 2 ? 's' : ''} before the Saver)` : '');
    if (unnamed.length > 0)
      fail(
        unnamed[0]!,
        `a variable made here is saved by tf.train.Saver() but has no name this tool can put in a ` +
          `tf.train.Checkpoint${more(unnamed.length)}; list what to save by hand`,
      );
    if (hidden.length > 0)
      fail(
        hidden[0]!,
        `this makes variables that tf.train.Saver() saves but that have no name here${more(hidden.length)}; list what to save in a ` +
          `tf.train.Checkpoint by hand`,
      );
    if (unnamed.length + hidden.length > 0) ok = false;
    for (const [trainName, train] of p.trains) if (train.stmt.from < entry.node.from) plan.trainsBefore.push(trainName);
    // TF1 made a model function's variables at its first call; the Saver saved them if that came first.
    for (const fn of modelFunctions) if (fn.firstCall < entry.node.from) plan.layers.push(...fn.variableOwners);
    if (plan.layers.length > 0 && !layersBuiltBeforeSaves(ctx, p, entry.node, fail)) ok = false;
    if ([...plan.variables, ...plan.layers].includes('root')) {
      fail(value, 'a variable named `root` cannot be a keyword of tf.train.Checkpoint');
      ok = false;
    }
    if (!ok) continue;
    if (!findUses(ctx, p, plan, fail)) continue;
    plans.push(plan);
  }
  return plans;
}

/**
 * A layer (or cell) call inside a model function the block rewrites, or its stateless flatten: its
 * variables belong to the layer objects made once above the function, which the Checkpoint names.
 */
function modelFunctionLayer(ctx: RuleContext, modelFunctions: ModelFunctionPlan[], call: SyntaxNode): boolean {
  const fn = modelFunctions.find((m) => m.def.from <= call.from && call.to <= m.def.to);
  if (!fn) return false;
  return (
    fn.layers.some((l) => l.call.from === call.from) ||
    fn.cells.some((c) => c.call.from === call.from) ||
    isTf(calleeName(ctx.source, call), 'contrib.layers.flatten', 'layers.flatten')
  );
}

/**
 * Keras layers make their variables when first called, in TF2 when the first function replacing a
 * Session.run runs; a Checkpoint written before that would hold none of them, where TF1's Saver saved
 * their initial values. So every save must come after a Session.run in the text.
 */
function layersBuiltBeforeSaves(ctx: RuleContext, p: Program, saver: SyntaxNode, fail: Fail): boolean {
  const { source } = ctx;
  const name = assignedNames(source, saver)?.[0];
  let firstRun = Infinity;
  let ok = true;
  for (const c of callsIn(ctx.parsed.tree, p.block)) {
    const m = /^([A-Za-z_]\w*)\.(run|save)$/.exec(calleeName(source, c) ?? '');
    if (!m) continue;
    if (m[2] === 'run' && p.sessions.has(m[1]!) && !runsInitializer(ctx, p, c)) firstRun = Math.min(firstRun, c.from);
    else if (m[2] === 'save' && m[1] === name && c.from < firstRun) {
      fail(
        c,
        'this save comes before any Session.run: in TF2 the Keras layers that now own the variables make them at their first ' +
          'call, so a Checkpoint written here would hold none of them',
      );
      ok = false;
    }
  }
  return ok;
}

/** `sess.run(init)` or `sess.run(tf.global_variables_initializer())`: it builds no layer, so it does not count. */
function runsInitializer(ctx: RuleContext, p: Program, run: SyntaxNode): boolean {
  const fetch = new CallModel(run, ctx.source, ctx.buffer).get('fetches', 0)?.arg.value;
  if (!fetch) return false;
  if (fetch.name === 'VariableName') return p.inits.has(textOf(ctx.source, fetch));
  return fetch.name === 'CallExpression' && /initializer|initialize_all/.test(calleeName(ctx.source, fetch) ?? '');
}

function literalValues(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const dict = node.name === 'DictionaryExpression';
  let index = 0;
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (['{', '}', '[', ']', ',', ':'].includes(c.name)) continue;
    if (!dict || index % 2 === 1) out.push(c);
    index++;
  }
  return out;
}

/** Every mention of the saver must be `saver.save(sess, path)` or `saver.restore(sess, path)`. */
function findUses(ctx: RuleContext, p: Program, plan: SaverPlan, fail: Fail): boolean {
  const { source } = ctx;
  const cursor = p.block.cursor();
  const end = p.block.to;
  let ok = true;
  while (cursor.next() && cursor.from < end) {
    if (cursor.name !== 'VariableName' || source.slice(cursor.from, cursor.to) !== plan.name) continue;
    const node = cursor.node;
    const stmt = node.parent?.name === 'AssignStatement' ? node.parent : null;
    if (
      stmt &&
      node.nextSibling?.name === 'AssignOp' &&
      stmt.getChild('AssignOp')?.nextSibling?.from === plan.call.from
    )
      continue;
    const member =
      node.parent?.name === 'MemberExpression' && node.parent.firstChild?.from === node.from ? node.parent : null;
    const method = member?.lastChild?.name === 'PropertyName' ? textOf(source, member.lastChild) : null;
    const call =
      member?.parent?.name === 'CallExpression' && member.parent.firstChild?.to === member.to ? member.parent : null;
    const model = call ? new CallModel(call, source, ctx.buffer) : null;
    const sess = model?.get('sess', 0);
    const path = model?.get('save_path', 1);
    const sessOk = sess?.arg.value.name === 'VariableName' && p.sessions.has(textOf(source, sess.arg.value));
    if (
      !call ||
      !model ||
      (method !== 'save' && method !== 'restore') ||
      !sessOk ||
      !path ||
      model.live.length !== 2 ||
      model.opaque
    ) {
      fail(
        { from: node.from, to: node.to },
        `the saver \`${plan.name}\` is used here other than as ${plan.name}.save(sess, path) or ${plan.name}.restore(sess, path) ` +
          `(global_step, other arguments or uses have no one-line tf.train.Checkpoint form here)`,
      );
      ok = false;
      continue;
    }
    plan.edits.push({ call, kind: method, path: model.valueText(path) });
    plan.consumed.push(sess!.arg.value.from);
  }
  return ok;
}
