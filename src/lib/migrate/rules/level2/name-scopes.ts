import { CallModel } from '../../call.ts';
import { type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { argumentText, callsOf, mentionsOutside, paramsOf } from './model-calls.ts';
import { assignedNames, calleeName, callsIn, isTf } from './names.ts';

/**
 * Runs after the programs are converted. `tf.name_scope('literal')` stays TF2's tf.name_scope instead of tf_upgrade_v2's tf.compat.v1 one.
 * tf_upgrade_v2 keeps v1 because v1 also takes a scope to re-enter, None with a default_name, and
 * values=; a single plain string literal is none of those. Inside a tf.function (graph mode) both
 * open the same graph name scope (unique-ified the same way); run eagerly, v1 does nothing while v2
 * prefixes the names of variables and summary tags made inside, as the TF1 graph did.
 */
export function keepLiteralNameScopes(ctx: RuleContext): void {
  const { source } = ctx;
  for (const call of callsIn(ctx.parsed.tree, ctx.parsed.tree.topNode)) {
    if (!isTf(calleeName(source, call), 'name_scope')) continue;
    const model = new CallModel(call, source, ctx.buffer);
    if (model.opaque || model.hasStarArgs || model.hasStarKwargs || model.live.length !== 1) continue;
    const only = model.live[0]!;
    const value = only.arg.value;
    const text = textOf(source, value);
    // A plain one-part string: no f-string, bytes or concatenation, not '' (v1: the root scope) nor 'a/' (re-entry).
    const byParameter = value.name === 'VariableName' && plainStringParameter(ctx, call, text);
    if (
      (only.keyword !== null && only.keyword !== 'name') ||
      (!byParameter && (value.name !== 'String' || !/^(['"])[\w.-]+\1$/.test(text)))
    )
      continue;
    // False where Level 2 already removed the scope (its `with` line went with the Session's graph code).
    if (!ctx.buffer.replace(model.callee.from, model.callee.to, 'tf.name_scope')) continue;
    ctx.report.info(
      2,
      'name-scope-v2',
      call,
      (byParameter
        ? `tf.name_scope(${text}), where every call of the function passes ${text} as a plain string, stays TF2 tf.name_scope: `
        : 'tf.name_scope with a plain string name stays TF2 tf.name_scope: ') +
        'no scope is re-entered, and in a tf.function it opens the same graph name scope as TF1 did.',
    );
  }
}

/**
 * `tf.compat.v1.name_scope(layer_name)` in `def nn_layer(..., layer_name)`: the parameter is never
 * rebound, the function is used only by calling it, and every call passes a plain one-part string
 * literal for it (or takes such a default), so the scope is named exactly as a literal one would be.
 */
function plainStringParameter(ctx: RuleContext, call: SyntaxNode, name: string): boolean {
  const { source } = ctx;
  let def: SyntaxNode | null = call.parent;
  while (def && def.name !== 'FunctionDefinition') def = def.parent;
  const id = def?.getChild('VariableName');
  const params = def ? paramsOf(source, def) : null;
  const param = params?.find((q) => q.name === name);
  if (!def || !id || !params || !param) return false;
  let rebound = false;
  const cursor = def.cursor();
  const end = def.to;
  while (cursor.next() && cursor.from < end) {
    if (/^(FunctionDefinition|LambdaExpression|ClassDefinition)$/.test(cursor.name)) return false;
    if (cursor.name === 'AssignStatement' && (assignedNames(source, cursor.node) ?? [name]).includes(name))
      rebound = true;
    if (
      /^(UpdateStatement|ScopeStatement|ForStatement)$/.test(cursor.name) &&
      textOf(source, cursor.node).includes(name)
    )
      rebound = true;
  }
  if (rebound) return false;
  const fn = textOf(source, id);
  const top = ctx.parsed.tree.topNode;
  const calls = callsOf(source, top, def, fn);
  if (calls.length === 0 || mentionsOutside(source, top, def, fn) !== calls.length) return false;
  return calls.every((c) => /^(['"])[\w.-]+\1$/.test(argumentText(ctx, c, param, params)));
}
