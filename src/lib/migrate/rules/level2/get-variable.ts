import { CallModel } from '../../call.ts';
import type { SyntaxNode } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { tf2Initializer } from './initializers.ts';
import { calleeName, callsIn, isTf } from './names.ts';

const KNOWN = new Set(['name', 'shape', 'dtype', 'initializer', 'trainable']);

/**
 * `tf.get_variable(name, shape, initializer=...)` -> `tf.Variable(initializer(shape), name=...)`.
 * Without `reuse`, get_variable makes a new variable or fails on a name clash, so a plain tf.Variable
 * means the same; under a reusing variable_scope it may return an existing one, and is left alone.
 * TF1's default initializer for floats is Glorot uniform, written out since tf.Variable has none.
 */
export function rewriteGetVariable(ctx: RuleContext): void {
  const { source, buffer, report } = ctx;
  for (const call of callsIn(ctx.parsed.tree, ctx.parsed.tree.topNode)) {
    if (!isTf(calleeName(source, call), 'get_variable')) continue;
    const model = new CallModel(call, source, buffer);
    const where = { from: call.from, to: call.to };
    if (model.opaque || model.hasStarArgs || model.hasStarKwargs || reusing(ctx, call)) {
      report.warning(
        2,
        'get-variable',
        where,
        'tf.get_variable left as it is: it may share an existing variable (reuse or *args), which tf.Variable cannot express; share ' +
          'the Python object instead.',
      );
      continue;
    }
    const params = ['name', 'shape', 'dtype', 'initializer'];
    const given = new Map<string, string>();
    let position = 0;
    let bad: string | null = null;
    for (const a of model.live) {
      const keyword = a.keyword ?? params[position++] ?? '?';
      if (!KNOWN.has(keyword)) bad = keyword;
      given.set(keyword, model.valueText(a));
    }
    if (bad !== null) {
      report.warning(
        2,
        'get-variable',
        where,
        `tf.get_variable(${bad}=...) left as it is: it has no tf.Variable argument (regularizers go into the loss by hand, ` +
          `partitioners and collections have no TF2 form).`,
      );
      continue;
    }
    const shape = given.get('shape');
    const dtype = given.get('dtype');
    const written = given.get('initializer');
    // Level 1 spelled TF1 initializers tf.compat.v1.*; the TF2 class, where one computes the same values.
    const init = written === undefined ? undefined : (tf2Initializer(written) ?? written);
    let value: string;
    if (init !== undefined && shape === undefined) value = init;
    else if (shape === undefined) {
      report.warning(2, 'get-variable', where, 'tf.get_variable without shape or initializer left as it is.');
      continue;
    } else value = `${init ?? 'tf.keras.initializers.GlorotUniform()'}(${shape}${dtype ? `, dtype=${dtype}` : ''})`;
    const extras = [
      given.has('name') ? `name=${given.get('name')}` : null,
      given.has('trainable') ? `trainable=${given.get('trainable')}` : null,
    ].filter(Boolean);
    buffer.replace(call.from, call.to, `tf.Variable(${[value, ...extras].join(', ')})`);
    report.info(
      2,
      'get-variable',
      where,
      `tf.get_variable -> tf.Variable${init === undefined ? " (with TF1's default Glorot uniform initializer written out)" : ''}.`,
    );
  }
}

/** Inside a `with tf.variable_scope(..., reuse=...)` block, or in a function that opens one. */
function reusing(ctx: RuleContext, node: SyntaxNode): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.name === 'WithStatement' || n.name === 'FunctionDefinition') {
      for (const call of callsIn(
        ctx.parsed.tree,
        n.name === 'WithStatement' ? { from: n.from, to: n.getChild('Body')?.from ?? n.to } : n,
      )) {
        if (!isTf(calleeName(ctx.source, call), 'variable_scope')) continue;
        if (new CallModel(call, ctx.source, ctx.buffer).get('reuse')) return true;
      }
    }
  }
  return false;
}
