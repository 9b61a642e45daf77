import type { ArgState, CallModel } from '../../call.ts';
import { type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { calleeName, isTf } from './names.ts';
import type { GraphStmt, Program } from './program.ts';
import { towerPairs } from './tower-loops.ts';

/** Gradients computed in graph code, to be applied by an optimizer: `tf.gradients(loss, vars)` or `opt.compute_gradients(loss)`. */
export interface Gradients {
  loss: string;
  /** The variables' text; null for every trainable variable (`tf.trainable_variables()`, compute_gradients' default). */
  varList: string | null;
  /** The variables' source text, to tell the same list from another. */
  varKey: string | null;
  /** A list of (gradient, variable) pairs, as compute_gradients returns and apply_gradients takes; else gradients alone. */
  pairs: boolean;
  /** Pairs made by zipping a gradients list: that list's name. */
  zippedFrom: string | null;
  /** A bare zip(): a Python iterator, used up by whatever reads it first. */
  oneShot: boolean;
}

type Blocker = (at: { from: number; to: number }, why: string) => void;

/** `tf.trainable_variables()` (any spelling): null, the default var_list; else the list's source text, to compare lists by. */
function varListKey(source: string, node: SyntaxNode): string | null {
  if (node.name === 'CallExpression' && isTf(calleeName(source, node), 'trainable_variables')) {
    const args = node.getChild('ArgList');
    if (args && args.firstChild?.nextSibling?.name === ')') return null;
  }
  return textOf(source, node).replace(/\s+/g, '');
}

/** A value's current text, less the `xs=` Level 1 put before a positional argument (it renders at the value's start). */
function valueWithoutAddedKeyword(source: string, model: CallModel, arg: ArgState): string {
  const text = model.valueText(arg);
  const added = /^[A-Za-z_]\w*=(?!=)/.exec(text);
  return added && !textOf(source, arg.arg.value).startsWith(added[0]) ? text.slice(added[0].length) : text;
}

/** `zip(grads, vars)` (or `list(zip(...))`) of a gradients list over the same variables it was computed for: that list's name. */
function zipOfGradients(ctx: RuleContext, p: Program, node: SyntaxNode): { name: string; grads: Gradients } | null {
  const { source } = ctx;
  let call = node;
  if (call.name === 'CallExpression' && calleeName(source, call) === 'list') {
    const inner = call.getChild('ArgList')?.firstChild?.nextSibling;
    if (!inner || inner.nextSibling?.name !== ')') return null;
    call = inner;
  }
  if (call.name !== 'CallExpression' || calleeName(source, call) !== 'zip') return null;
  const args = call.getChild('ArgList');
  const first = args?.firstChild?.nextSibling;
  const second = first?.nextSibling?.nextSibling;
  if (!first || !second || second.nextSibling?.name !== ')' || first.name !== 'VariableName') return null;
  const name = textOf(source, first);
  const grads = p.gradients.get(name);
  if (!grads || grads.pairs) return null;
  return grads.varKey === varListKey(source, second) ? { name, grads } : null;
}

/**
 * The TF1 idiom of computing gradients first and applying them after (to summarize or clip them in
 * between): `g = tf.gradients(loss, vars)`, `pairs = list(zip(g, vars))` or `pairs =
 * opt.compute_gradients(loss)`, then `train = opt.apply_gradients(pairs)`. The training op is then
 * what minimize() would have made (the same update of the same variables), so it is read as one: a
 * Train whose function computes the gradients under the tape, and binds the names again there for
 * whatever in that function reads them. True when the statement was one of these.
 */
export function classifyGradients(
  ctx: RuleContext,
  p: Program,
  entry: GraphStmt,
  model: CallModel | null,
  blocker: Blocker,
): boolean {
  const { source } = ctx;
  const one = entry.targets.length === 1 ? entry.targets[0]! : null;
  const value = entry.value;
  if (!one || !value) return false;
  const name = value.name === 'CallExpression' ? calleeName(source, value) : null;
  const gradientsOf = (loss: string, vars: ArgState | null, pairs: boolean) => {
    entry.kind = 'gradients';
    const varKey = vars ? varListKey(source, vars.arg.value) : null;
    const varList = vars && varKey !== null ? valueWithoutAddedKeyword(source, model!, vars) : null;
    p.gradients.set(one, { loss, varList, varKey, pairs, zippedFrom: null, oneShot: false });
  };

  if (model && isTf(name, 'gradients')) {
    const ys = model.get('ys', 0);
    const xs = model.get('xs', 1);
    const odd = model.live.find((a) => a !== ys && a !== xs && a.keyword !== 'name');
    if (!ys || !xs || ys.arg.value.name !== 'VariableName' || odd) {
      blocker(
        value,
        'tf.gradients of anything but a named loss over a list of variables has no GradientTape form written here',
      );
      return true;
    }
    gradientsOf(textOf(source, ys.arg.value), xs, false);
    return true;
  }
  const zipped = zipOfGradients(ctx, p, value);
  if (zipped) {
    entry.kind = 'gradients';
    const oneShot = value.name === 'CallExpression' && calleeName(source, value) === 'zip';
    p.gradients.set(one, { ...zipped.grads, pairs: true, zippedFrom: zipped.name, oneShot });
    return true;
  }
  const receiver = model?.callee.firstChild;
  const optimizer = receiver?.name === 'VariableName' ? textOf(source, receiver) : null;
  if (!model || optimizer === null || !p.optimizers.has(optimizer)) return false;
  if (model.shortName === 'compute_gradients') {
    const loss = model.get('loss', 0);
    const varList = model.get('var_list', 1);
    const odd = model.live.find((a) => a !== loss && a !== varList);
    if (!loss || loss.arg.value.name !== 'VariableName' || odd) {
      blocker(
        value,
        'compute_gradients() of anything but a named loss (and var_list) has no GradientTape form written here',
      );
      return true;
    }
    gradientsOf(textOf(source, loss.arg.value), varList ?? null, true);
    return true;
  }
  if (model.shortName !== 'apply_gradients') return false;
  const pairsArg = model.get('grads_and_vars', 0);
  const globalStep = model.get('global_step', 1);
  const odd = model.live.find((a) => a !== pairsArg && a !== globalStep && a.keyword !== 'name');
  const pairsNode = pairsArg?.arg.value;
  const named = pairsNode?.name === 'VariableName' ? textOf(source, pairsNode) : null;
  const pairs =
    named !== null && p.gradients.get(named)?.pairs ? { name: named, grads: p.gradients.get(named)! } : null;
  const inline = pairsNode && !pairs ? zipOfGradients(ctx, p, pairsNode) : null;
  const from = pairs ?? inline;
  const tower = !from && pairsNode && !odd ? towerPairs(ctx, p, pairsNode, entry.node.from) : null;
  if (tower && tower.tower.optimizer.name === optimizer) {
    entry.kind = 'minimize';
    p.trains.set(one, {
      name: one,
      stmt: entry.node,
      // What the training function computes first: the named pairs, or (applied inline) the tower loop's list.
      loss: named ?? tower.list,
      optimizer,
      inlineOptimizer: null,
      globalStep: globalStep ? model.valueText(globalStep) : null,
      varList: null,
      precomputed: model.valueText(pairsArg!),
      gradients: { pairs: null, list: null },
    });
    return true;
  }
  if (!from || odd) {
    blocker(
      value,
      'apply_gradients() of pairs not computed here by tf.gradients or compute_gradients (or changed in between, as clipping ' +
        'does) has no GradientTape form written here',
    );
    return true;
  }
  entry.kind = 'minimize';
  p.trains.set(one, {
    name: one,
    stmt: entry.node,
    loss: from.grads.loss,
    optimizer,
    inlineOptimizer: null,
    globalStep: globalStep ? model.valueText(globalStep) : null,
    varList: from.grads.varList,
    gradients: {
      pairs: pairs ? from.name : null,
      // Pairs zipped from a list (under another name) hold the same tensors: that name is bound too.
      list: inline ? from.name : pairs && from.grads.zippedFrom !== from.name ? from.grads.zippedFrom : null,
    },
  });
  return true;
}
