import { CallModel } from '../../call.ts';
import { dottedName, type SyntaxNode, textOf } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { assignedValue, calleeName } from './names.ts';
import { kerasOptimizer, OPTIMIZERS } from './optimizers.ts';
import { lineSpan } from './text.ts';

/**
 * In a TF1 eager program (one that called enable_eager_execution), the tensorflow.contrib.eager names
 * with exact TF2 spellings, so the `tfe` alias can go:
 * - `tfe.Variable(...)` -> `tf.Variable(...)` (both the resource variable eager execution uses);
 * - `tfe.Iterator(dataset)` -> `iter(dataset)` (TF2's OwnedIterator, which has the same `next()`,
 *   `__next__` and `get_next()` as TF1's EagerIterator);
 * - `grad = tfe.implicit_gradients(f)` (module level) -> a function recording `f` on a GradientTape and
 *   returning `list(zip(gradients, variables))` over the variables the tape watched, as TF1's
 *   implicit_grad did (it also took the tape's watched variables);
 * - a module-level `class Net(tfe.Network)` -> `class Net(tf.keras.Model)`, its
 *   `self.track_layer(layer)` -> `layer` (Keras tracks layers assigned to attributes) and its
 *   `tf.layers.Dense(...)` -> `tf.keras.layers.Dense(...)` (the TF1 class is a Keras Dense with the
 *   same arguments in the same order); checkpoint variable names change;
 * - a module-level `opt = tf.train.<X>Optimizer(...)` used only as `opt.apply_gradients(pairs)` ->
 *   the Keras optimizer (as Level 2 writes them elsewhere), which applies the same update eagerly.
 * Returns, per alias, how many of its uses were rewritten. Other uses stay, with Level 1's report.
 */
export function rewriteEagerUses(ctx: RuleContext, aliases: Set<string>): Map<string, number> {
  const { source, buffer, report } = ctx;
  const handled = new Map<string, number>();
  const count = (alias: string) => handled.set(alias, (handled.get(alias) ?? 0) + 1);
  const top = ctx.parsed.tree.topNode;
  const leave = (at: { from: number; to: number }, why: string) =>
    report.warning(2, 'not-converted', at, `Level 2 left this as it is: ${why}.`);
  ctx.parsed.tree.iterate({
    enter: (ref) => {
      if (ref.name !== 'CallExpression') return undefined;
      const name = calleeName(source, ref.node);
      const dot = name?.indexOf('.') ?? -1;
      if (name === null || dot < 0 || !aliases.has(name.slice(0, dot))) return undefined;
      const callee = ref.node.firstChild!;
      if (name.slice(dot + 1) === 'Iterator') {
        const model = new CallModel(ref.node, source, buffer);
        const dataset = model.get('dataset', 0);
        if (model.opaque || model.live.length !== 1 || !dataset || /\biter\b/.test(source)) {
          leave(
            ref.node,
            `${name} is rewritten only as ${name}(dataset), in a file that does not use the name \`iter\``,
          );
          return undefined;
        }
        if (buffer.replace(ref.node.from, ref.node.to, `iter(${model.valueText(dataset)})`)) {
          count(name.slice(0, dot));
          report.info(
            2,
            'eager-api',
            ref.node,
            `${name}(dataset) -> iter(dataset): TF2's eager iterator over a tf.data.Dataset, with the same next(), get_next() and ` +
              `for-loop use.`,
          );
        }
        return undefined;
      }
      if (name.slice(dot + 1) !== 'Variable') return undefined;
      if (buffer.replace(callee.from, callee.to, 'tf.Variable')) {
        count(name.slice(0, dot));
        report.info(2, 'eager-api', ref.node, `${name} -> tf.Variable (the same resource variable in TF2).`);
      }
      return undefined;
    },
  });
  for (let stmt = top.firstChild; stmt; stmt = stmt.nextSibling) {
    if (stmt.name === 'ClassDefinition') {
      const alias = networkBase(source, stmt, aliases);
      if (alias !== null && rewriteNetwork(ctx, stmt, alias, leave)) count(alias);
      continue;
    }
    if (stmt.name !== 'AssignStatement') continue;
    const target = stmt.firstChild;
    const value = assignedValue(stmt);
    if (
      target?.name !== 'VariableName' ||
      value?.name !== 'CallExpression' ||
      target.nextSibling?.name !== 'AssignOp' ||
      value.nextSibling
    )
      continue;
    const name = calleeName(source, value);
    if (name === null) continue;
    const dot = name.indexOf('.');
    const alias = dot < 0 ? '' : name.slice(0, dot);
    const targetName = textOf(source, target);
    if (aliases.has(alias) && name.slice(dot + 1) === 'implicit_gradients') {
      const model = new CallModel(value, source, buffer);
      const f = model.get('f', 0);
      if (
        model.opaque ||
        model.live.length !== 1 ||
        !f ||
        f.arg.value.name !== 'VariableName' ||
        ['tape', 'loss', 'variables', 'args', 'kwargs'].includes(model.writtenValue(f))
      ) {
        leave(value, `${name} is rewritten only as \`grad = ${name}(f)\` with \`f\` a plain name`);
        continue;
      }
      const fn = model.writtenValue(f);
      const span = lineSpan(ctx.parsed.lines, stmt);
      const text = [
        `def ${targetName}(*args, **kwargs):`,
        `    with tf.GradientTape() as tape:`,
        `        loss = ${fn}(*args, **kwargs)`,
        `    variables = tape.watched_variables()`,
        `    return list(zip(tape.gradient(loss, variables), variables))`,
        '',
      ].join('\n');
      if (buffer.replace(span.from, span.to, text)) {
        count(alias);
        report.info(
          2,
          'eager-api',
          stmt,
          `${name}(${fn}) -> a function computing ${fn} on a tf.GradientTape and returning (gradient, variable) pairs for the ` +
            `variables it read, as implicit_gradients did.`,
        );
      }
      continue;
    }
    const optimizer = /^tf\.train\.(\w+Optimizer)$/.exec(name);
    if (!optimizer || !OPTIMIZERS[optimizer[1]!]) continue;
    const why = optimizerOnlyApplied(ctx, targetName, target);
    if (why) {
      leave(
        value,
        `\`${targetName}\` (${name}) is ${why}; only an optimizer used as ${targetName}.apply_gradients(pairs) is rewritten in eager code`,
      );
      continue;
    }
    const model = new CallModel(value, source, buffer);
    const mapping = OPTIMIZERS[optimizer[1]!]!;
    if (model.opaque || model.hasStarArgs || model.hasStarKwargs || model.positional.length > mapping.params.length) {
      leave(value, `${name} with arguments it cannot name`);
      continue;
    }
    let position = 0;
    const given = model.live.map((a) => ({
      keyword: a.keyword ?? mapping.params[position++]!,
      text: model.valueText(a),
    }));
    const keras = kerasOptimizer(optimizer[1]!, given);
    if ('reason' in keras) {
      leave(value, keras.reason);
      continue;
    }
    if (buffer.replace(value.from, value.to, keras.text))
      report.info(
        2,
        'eager-api',
        value,
        `${name} -> ${keras.text.replace(/\(.*$/, '')}: used only for apply_gradients, which applies the same update eagerly.`,
      );
  }
  return handled;
}

/** Null when every use of `name` other than its one binding is `name.apply_gradients(<one positional argument>)`; else what it is. */
function optimizerOnlyApplied(ctx: RuleContext, name: string, binding: SyntaxNode): string | null {
  const { source } = ctx;
  const cursor = ctx.parsed.tree.topNode.cursor();
  let applied = 0;
  do {
    if (cursor.name !== 'VariableName' || source.slice(cursor.from, cursor.to) !== name || cursor.from === binding.from)
      continue;
    const node = cursor.node;
    const member = node.parent;
    const call = member?.parent;
    if (
      member?.name !== 'MemberExpression' ||
      member.firstChild?.from !== node.from ||
      dottedName(source, member) !== `${name}.apply_gradients` ||
      call?.name !== 'CallExpression' ||
      call.firstChild?.from !== member.from
    )
      return 'used other than as .apply_gradients(...)';
    const model = new CallModel(call, source, ctx.buffer);
    if (model.opaque || model.args.length !== 1 || model.args[0]!.arg.kind !== 'positional')
      return 'passed global_step or other arguments in apply_gradients';
    applied++;
  } while (cursor.next());
  return applied === 0 ? 'never applied' : null;
}

/** The alias of `class C(tfe.Network):` (the only base), or null. */
function networkBase(source: string, cls: SyntaxNode, aliases: Set<string>): string | null {
  const bases = cls.getChild('ArgList');
  const base = bases?.firstChild?.nextSibling;
  if (!base || base.name !== 'MemberExpression' || base.nextSibling?.name !== ')') return null;
  const name = dottedName(source, base);
  const dot = name?.indexOf('.') ?? -1;
  return name !== null && dot > 0 && aliases.has(name.slice(0, dot)) && name.slice(dot + 1) === 'Network'
    ? name.slice(0, dot)
    : null;
}

/** Dense's parameters, the same in tf.layers.Dense and tf.keras.layers.Dense. */
const DENSE_PARAMS = 10;

function rewriteNetwork(
  ctx: RuleContext,
  cls: SyntaxNode,
  alias: string,
  leave: (at: { from: number; to: number }, why: string) => void,
): boolean {
  const { source, buffer, report } = ctx;
  const tracks: { call: SyntaxNode; layer: CallModel }[] = [];
  const denses: SyntaxNode[] = [];
  let why: { at: SyntaxNode; text: string } | null = null;
  const cursor = cls.cursor();
  do {
    if (why) break;
    if (cursor.name === 'PropertyName' && source.slice(cursor.from, cursor.to) === 'track_layer') {
      const member = cursor.node.parent;
      const call = member?.parent;
      if (
        !member ||
        member.name !== 'MemberExpression' ||
        textOf(source, member.firstChild!) !== 'self' ||
        call?.name !== 'CallExpression' ||
        call.firstChild?.from !== member.from
      ) {
        why = { at: cursor.node, text: 'track_layer is used other than as self.track_layer(layer)' };
        break;
      }
      const model = new CallModel(call, source, buffer);
      if (model.opaque || model.args.length !== 1 || model.args[0]!.arg.kind !== 'positional')
        why = { at: call, text: 'self.track_layer takes one layer here' };
      else tracks.push({ call, layer: model });
    }
    if (cursor.name === 'CallExpression') {
      const name = calleeName(source, cursor.node);
      if (name === 'tf.layers.Dense') {
        const model = new CallModel(cursor.node, source, buffer);
        if (
          model.opaque ||
          model.positional.length > DENSE_PARAMS ||
          model.live.some((a) => a.keyword === '_reuse' || a.keyword === '_scope')
        )
          why = { at: cursor.node, text: 'tf.layers.Dense with arguments Keras Dense does not take' };
        else denses.push(cursor.node);
      } else if (name !== null && /^tf\.(compat\.v1\.)?layers\.[A-Z]/.test(name))
        why = { at: cursor.node, text: `${name} in a tfe.Network has no rewrite here (only Dense)` };
    }
  } while (cursor.next() && cursor.from < cls.to);
  if (why) {
    leave(why.at, `class ${textOf(source, cls.getChild('VariableName')!)}(${alias}.Network) is left: ${why.text}`);
    return false;
  }
  for (const dense of denses) buffer.replace(dense.firstChild!.from, dense.firstChild!.to, 'tf.keras.layers.Dense');
  // Outermost last: the track_layer call takes its argument's text with the Dense rename in it.
  for (const { call, layer } of tracks) buffer.replace(call.from, call.to, layer.valueText(layer.args[0]!));
  const base = cls.getChild('ArgList')!.firstChild!.nextSibling!;
  buffer.replace(base.from, base.to, 'tf.keras.Model');
  report.info(
    2,
    'eager-api',
    base,
    `${alias}.Network -> tf.keras.Model: layers assigned to attributes are tracked without track_layer; tf.layers.Dense -> ` +
      `tf.keras.layers.Dense. Checkpoint variable names change.`,
  );
  return true;
}
