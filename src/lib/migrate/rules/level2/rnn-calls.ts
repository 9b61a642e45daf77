import { CallModel } from '../../call.ts';
import type { SyntaxNode } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { RNN_CELLS } from './layers.ts';
import { assignedNames, assignedValue, calleeName, callsIn, freshName } from './names.ts';

type Fail = (at: { from: number; to: number }, why: string) => void;

/**
 * TF1's RNN API lives under three spellings: `tf.nn.rnn_cell.X` / `tf.nn.static_rnn` (also compat.v1),
 * `tf.contrib.rnn.X`, and `rnn.X` after `from tensorflow.contrib import rnn`. Returns what follows the
 * prefix (`BasicLSTMCell`, `static_rnn`), or null for anything else.
 */
export function rnnMember(ctx: RuleContext, name: string | null, kind: 'cell' | 'function'): string | null {
  if (name === null) return null;
  const heads =
    kind === 'cell'
      ? ['tf.nn.rnn_cell.', 'tf.compat.v1.nn.rnn_cell.', 'tf.contrib.rnn.']
      : ['tf.nn.', 'tf.compat.v1.nn.', 'tf.contrib.rnn.'];
  if (importsContribRnn(ctx)) heads.push('rnn.');
  for (const head of heads) {
    if (!name.startsWith(head)) continue;
    const rest = name.slice(head.length);
    if (rest.includes('.')) return null;
    if (kind === 'cell' && (rest.endsWith('Cell') || rest === 'MultiRNNCell')) return rest;
    if (kind === 'function' && ['static_rnn', 'static_bidirectional_rnn'].includes(rest)) return rest;
  }
  return null;
}

const contribRnnImports = new WeakMap<RuleContext, boolean>();

/** Whether the file has `from tensorflow.contrib import rnn`, so `rnn.X` is TF1's contrib RNN module. */
export function importsContribRnn(ctx: RuleContext): boolean {
  let known = contribRnnImports.get(ctx);
  if (known === undefined) {
    known = /^from\s+tensorflow\.contrib\s+import\s+rnn\s*$/m.test(ctx.source);
    contribRnnImports.set(ctx, known);
  }
  return known;
}

/**
 * A TF1 cell constructor -> the Keras cell with the same equations, or null (with the reason given to
 * `fail`). BasicLSTMCell/LSTMCell add `forget_bias` (1.0 by default) to a zero-initialised forget-gate
 * bias; Keras' LSTMCell starts that bias at 1 instead (unit_forget_bias=True, its default), the same
 * function at the start and a shifted parameter after: gradients are the same, so training is too. A
 * forget_bias other than 1 has no Keras spelling, so it is refused.
 */
export function kerasCellText(ctx: RuleContext, call: SyntaxNode, fail: Fail): string | null {
  const { source } = ctx;
  const cls = rnnMember(ctx, calleeName(source, call), 'cell');
  if (cls === null) return null;
  const model = new CallModel(call, source, ctx.buffer);
  const spelled = calleeName(source, call)!;
  // MultiRNNCell only renames its callee (its cells are rewritten on their own): `planCells` does that.
  if (cls === 'MultiRNNCell') return null;
  const mapping = RNN_CELLS[cls];
  const units = model.get('num_units', 0);
  const forgetBias = /LSTMCell$/.test(cls)
    ? model.get('forget_bias', cls === 'BasicLSTMCell' ? 1 : undefined)
    : undefined;
  if (forgetBias && !/^1(\.0*)?$|^1\.$/.test(model.valueText(forgetBias).trim())) {
    fail(
      forgetBias.arg,
      `${spelled}(forget_bias=${model.valueText(forgetBias)}): Keras' LSTMCell can only start the forget-gate bias at 1 ` +
        '(unit_forget_bias) or 0, not add another constant; rewrite it by hand',
    );
    return null;
  }
  const extra = model.live.filter(
    (a) => a !== units && a !== forgetBias && !['activation', 'name'].includes(a.keyword ?? ''),
  );
  if (!mapping || !units || extra.length > 0 || model.opaque) {
    fail(call, `${spelled} with these arguments has no exact Keras cell`);
    return null;
  }
  const rest = model.live
    .filter((a) => a !== units && a !== forgetBias)
    .map((a) => `${a.keyword}=${model.valueText(a)}`);
  return `tf.keras.layers.${mapping.keras}(${[model.valueText(units), ...rest].join(', ')}${mapping.extra})`;
}

/**
 * What a rewritten cell keeps and what it does not, for the report. Keras' cells compute the same
 * functions, but their kernels are split and initialised differently (Keras: glorot_uniform kernel,
 * orthogonal recurrent kernel; TF1: one glorot_uniform matrix over [x, h]), so neither numbers nor
 * checkpoints carry over.
 */
export function cellMessage(ctx: RuleContext, call: SyntaxNode, where: string): string {
  const cls = rnnMember(ctx, calleeName(ctx.source, call), 'cell') ?? '';
  const detail = /LSTMCell$/.test(cls)
    ? 'an LSTM orders its gates i, f, c, o (TF1: i, j, f, o), and starts the forget-gate bias at 1 where TF1 adds forget_bias=1 ' +
      'to a zero bias (the same function, and the same gradients)'
    : /GRUCell$/.test(cls)
      ? "reset_after=False keeps TF1's GRU equations (reset before the matrix product)"
      : 'the equations are the same';
  return (
    `TF1 RNN cell -> the Keras cell with the same equations${where}. Its kernels are initialised differently, ${detail}, and ` +
    'checkpoint names differ, so TF1 numbers and checkpoints do not carry over'
  );
}

/** A static RNN statement rewritten: layer objects to make once, and the statement's new lines. */
export interface StaticRnnPlan {
  stmt: SyntaxNode;
  call: SyntaxNode;
  constructions: string[];
  /** Replacement lines, without indentation. */
  lines: string[];
  message: string;
}

/**
 * `outputs, state = static_rnn(cell, xs, dtype=...)`, xs a Python list of [batch, features] tensors ->
 * `outputs = tf.unstack(rnn(tf.stack(xs, axis=1)), axis=1)` with `rnn = tf.keras.layers.RNN(cell,
 * return_sequences=True)`: the same outputs, one per step. With `sequence_length=`, TF1 gives zero
 * outputs past each length and carries the state; Keras' RNN under a mask carries the state but repeats
 * the last output, so the outputs are zeroed past the mask to match. `static_bidirectional_rnn(fw, bw,
 * xs)` -> Keras' Bidirectional over RNN(fw) and RNN(bw, go_backwards=True), merge_mode='concat': Keras
 * reverses the backward outputs back into time order before concatenating, as TF1 does. The final states
 * must be unused: Keras orders LSTM state [h, c] where TF1 has (c, h). `mentions(name)` counts the uses
 * of a name where the statement's targets live.
 */
export function planStaticRnn(
  ctx: RuleContext,
  stmt: SyntaxNode,
  wish: string,
  taken: Set<string>,
  mentions: (name: string) => number,
  fail: Fail,
): StaticRnnPlan | null {
  const { source } = ctx;
  const value = assignedValue(stmt);
  const fn = value?.name === 'CallExpression' ? rnnMember(ctx, calleeName(source, value), 'function') : null;
  if (!value || fn === null) return null;
  const spelled = calleeName(source, value)!;
  const model = new CallModel(value, source, ctx.buffer);
  const targets = assignedNames(source, stmt) ?? [];
  const bi = fn === 'static_bidirectional_rnn';
  const params = bi
    ? ['cell_fw', 'cell_bw', 'inputs', 'initial_state_fw', 'initial_state_bw', 'dtype', 'sequence_length', 'scope']
    : ['cell', 'inputs', 'initial_state', 'dtype', 'sequence_length', 'scope'];
  const given = new Map<string, string>();
  let position = 0;
  for (const a of model.live) {
    const keyword = a.keyword ?? params[position++];
    if (!keyword || !params.includes(keyword) || model.hasStarArgs || model.hasStarKwargs) {
      fail(a.arg, `${spelled} with an argument this tool does not read`);
      return null;
    }
    given.set(keyword, model.valueText(a));
  }
  const initial = params.find((p) => p.startsWith('initial_state') && given.has(p));
  if (initial) {
    fail(value, `${spelled}(${initial}=...): Keras orders LSTM state [h, c] where TF1 has (c, h); rewrite it by hand`);
    return null;
  }
  if (bi && given.has('sequence_length')) {
    fail(
      value,
      `${spelled}(sequence_length=...): TF1 reverses each sequence within its own length, Keras' go_backwards the whole padded ` +
        'sequence; rewrite it by hand',
    );
    return null;
  }
  const cellArgs = model.live.filter((a) =>
    (a.keyword ?? params[model.positional.indexOf(a)] ?? '').startsWith('cell'),
  );
  if (
    cellArgs.some((a) =>
      callsIn(ctx.parsed.tree, a.arg.value).some((c) => rnnMember(ctx, calleeName(source, c), 'cell')),
    )
  ) {
    fail(value, 'make the RNN cell in its own statement before the RNN call');
    return null;
  }
  const cells = bi ? [given.get('cell_fw'), given.get('cell_bw')] : [given.get('cell')];
  if (bi && cells[0] !== undefined && cells[0] === cells[1]) {
    fail(
      value,
      `${spelled} with one cell object for both directions: TF1 shared its weights between them (or refused), ` +
        "Keras' Bidirectional makes the forward RNN anew; rewrite it by hand",
    );
    return null;
  }
  const inputs = given.get('inputs');
  if (cells.some((c) => c === undefined) || inputs === undefined) {
    fail(value, `${spelled} without its cell and inputs`);
    return null;
  }
  const stateTargets = targets.slice(1);
  const usedState = stateTargets.find((t) => t !== '_' && mentions(t) > 1);
  if (targets.length !== (bi ? 3 : 2) || usedState !== undefined) {
    fail(
      stmt,
      targets.length === (bi ? 3 : 2)
        ? `the final RNN state \`${usedState}\` is used: Keras returns LSTM state as [h, c] where TF1 gives (c, h); rewrite by hand`
        : `${spelled} must be unpacked into outputs and ${bi ? 'both final states (outputs, _, _' : 'the final state (outputs, _'} = ...)`,
    );
    return null;
  }
  const outputs = targets[0]!;
  const layer = freshName(`${wish}_rnn`, taken);
  const construction = bi
    ? `${layer} = tf.keras.layers.Bidirectional(tf.keras.layers.RNN(${cells[0]}, return_sequences=True), ` +
      `backward_layer=tf.keras.layers.RNN(${cells[1]}, return_sequences=True, go_backwards=True), merge_mode='concat')`
    : `${layer} = tf.keras.layers.RNN(${cells[0]}, return_sequences=True)`;
  const lengths = given.get('sequence_length');
  let lines: string[];
  if (lengths === undefined) lines = [`${outputs} = tf.unstack(${layer}(tf.stack(${inputs}, axis=1)), axis=1)`];
  else {
    const steps = freshName(`${outputs}_steps`, taken);
    const mask = freshName(`${outputs}_mask`, taken);
    lines = [
      `${steps} = tf.stack(${inputs}, axis=1)`,
      `${mask} = tf.sequence_mask(${lengths}, ${steps}.shape[1])`,
      `${outputs} = ${layer}(${steps}, mask=${mask})`,
      `${outputs} = tf.unstack(tf.where(${mask}[:, :, tf.newaxis], ${outputs}, tf.zeros_like(${outputs})), axis=1)`,
    ];
  }
  return {
    stmt,
    call: value,
    constructions: [construction],
    lines,
    message:
      `${spelled} -> ${bi ? 'a tf.keras.layers.Bidirectional of two RNN layers (outputs concatenated per step)' : 'a Keras RNN'} ` +
      `\`${layer}\` over the stacked steps, unstacked again into one output per step` +
      (lengths !== undefined ? '; outputs past each sequence_length are zeroed, as TF1 gave them' : '') +
      (bi
        ? '; Keras makes the forward RNN anew from its config, so the forward weights live in the Bidirectional layer, not the cell object'
        : '') +
      '. The kernels are initialised differently (and gates ordered differently) than TF1, so numbers differ from a TF1 run',
  };
}
