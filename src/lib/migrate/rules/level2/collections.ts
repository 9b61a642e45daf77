import type { CallModel } from '../../call.ts';
import { type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { LAYERS } from './layers.ts';
import type { ModelFunctionPlan } from './model-functions.ts';
import { calleeName, isTf } from './names.ts';

type Fail = (at: { from: number; to: number }, why: string) => void;

/** `vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope='S')` in graph code. */
export interface ScopeCollection {
  name: string;
  stmt: SyntaxNode;
  value: SyntaxNode;
  scope: string;
}

/**
 * The scope of `tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope='S')` or
 * `tf.trainable_variables(scope='S')` (TF1 or compat.v1 spelling), S a plain word; else null.
 */
export function trainableScope(ctx: RuleContext, name: string | null, model: CallModel): string | null {
  const { source } = ctx;
  let scope: ReturnType<CallModel['get']>;
  if (isTf(name, 'get_collection')) {
    const key = model.get('key', 0);
    const keyName = key ? textOf(source, key.arg.value) : '';
    if (!/^tf\.(compat\.v1\.)?GraphKeys\.TRAINABLE_VARIABLES$/.test(keyName) && keyName !== "'trainable_variables'")
      return null;
    scope = model.get('scope', 1);
    if (model.live.length !== 2) return null;
  } else if (isTf(name, 'trainable_variables')) {
    scope = model.get('scope', 0);
    if (model.live.length !== 1) return null;
  } else return null;
  const text = scope ? textOf(source, scope.arg.value) : '';
  return /^(['"])\w+\1$/.test(text) ? text.slice(1, -1) : null;
}

/** TF1's default names for what makes variables (a layer's snake-case class name, tf.Variable's 'Variable'...). */
const DEFAULT_NAMES = [
  ...Object.keys(LAYERS),
  'Variable',
  'rnn',
  'bidirectional_rnn',
  'basic_lstm_cell',
  'lstm_cell',
  'gru_cell',
  'basic_rnn_cell',
  'multi_rnn_cell',
  'global_step',
];

/**
 * The trainable variables of a scope a model function opened -> the Keras objects' trainable
 * variables, as a list built where the statement runs (inside the training function, after the forward
 * pass made them). TF1 matched the scope as a prefix of variable names, so this is only done when no
 * other scope or name in the file could match it, and only after the function's first call (before
 * it, TF1 would have found nothing). Returns the new value text of each statement.
 */
export function planScopeCollections(
  ctx: RuleContext,
  collections: ScopeCollection[],
  plans: ModelFunctionPlan[],
  fail: Fail,
): Map<ScopeCollection, string> {
  const out = new Map<ScopeCollection, string>();
  for (const c of collections) {
    const plan = plans.find((p) => p.scopeName === c.scope);
    if (!plan) {
      fail(
        c.value,
        `the variables of scope '${c.scope}' are collected, but no model function converted here opens that scope`,
      );
      continue;
    }
    const clash =
      DEFAULT_NAMES.find((n) => n.startsWith(c.scope)) ??
      otherNames(ctx, plan).find((n) => n.startsWith(c.scope) && n !== c.scope);
    if (clash !== undefined) {
      fail(c.value, `TF1 collected every variable whose name starts with '${c.scope}', which '${clash}' does too`);
      continue;
    }
    if (c.stmt.from < plan.firstCall) {
      fail(
        c.value,
        `the variables of '${c.scope}' are collected before \`${plan.name}\` first makes them (TF1 found none here)`,
      );
      continue;
    }
    if (plan.variableOwners.length === 0) {
      fail(c.value, `\`${plan.name}\` makes no layer with variables here`);
      continue;
    }
    out.set(c, plan.variableOwners.map((o) => `${o}.trainable_variables`).join(' + '));
  }
  return out;
}

/** String names given to scopes and layers elsewhere in the file (what TF1 variable names could start with). */
function otherNames(ctx: RuleContext, plan: ModelFunctionPlan): string[] {
  const { source } = ctx;
  const out: string[] = [];
  ctx.parsed.tree.iterate({
    enter: (ref) => {
      if (
        ref.name !== 'CallExpression' ||
        (ref.from >= plan.def.from && ref.to <= plan.def.to && ref.from === plan.scopeCall)
      )
        return undefined;
      const callee = calleeName(source, ref.node);
      const text = textOf(source, ref.node);
      const named = isTf(callee, 'variable_scope', 'name_scope')
        ? /^[^(]*\(\s*(['"])(\w+)\1/.exec(text)
        : /\bname\s*=\s*(['"])(\w+)\1/.exec(text);
      if (named) out.push(named[2]!);
      return undefined;
    },
  });
  return out;
}
