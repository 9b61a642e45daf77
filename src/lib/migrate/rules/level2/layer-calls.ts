import { CallModel } from '../../call.ts';
import type { SyntaxNode } from '../../parse.ts';
import type { RuleContext } from '../context.ts';
import { LAYERS } from './layers.ts';
import { kerasCellText, rnnMember } from './rnn-calls.ts';
import { calleeName, callsIn, freshName, tfMember } from './names.ts';

/** A layer object to make once (outside the functions) and the call that replaces the TF1 one. */
export interface LayerPlan {
  call: SyntaxNode;
  /** `name = tf.keras.layers.X(...)`, without indentation. */
  construction: string;
  /** New text for the call range. */
  replacement: string;
  message: string;
}

type Fail = (at: { from: number; to: number }, why: string) => void;

/**
 * Plans the layer rewrites inside one compute statement, innermost call first. Text is read from the
 * buffer (Level 1 edits included) but nothing is written: `applyLayerPlans` does that once the whole
 * block is known to be safe.
 */
export function planLayers(
  ctx: RuleContext,
  stmt: SyntaxNode,
  wish: string,
  taken: Set<string>,
  fail: Fail,
): LayerPlan[] {
  const { source } = ctx;
  const plans: LayerPlan[] = [];
  const calls = callsIn(ctx.parsed.tree, stmt).sort((a, b) => a.to - b.to || b.from - a.from);
  for (const call of calls) {
    const name = calleeName(source, call);
    const fn = tfMember(name, 'layers.');
    if (fn !== null) {
      const mapping = LAYERS[fn];
      if (!mapping) {
        fail(call, `tf.layers.${fn} has no Keras mapping here`);
        continue;
      }
      const model = new CallModel(call, source, ctx.buffer);
      const inputs = model.get('inputs', 0);
      if (!inputs || model.opaque || model.hasStarArgs || model.hasStarKwargs) {
        fail(call, `tf.layers.${fn} without a plain inputs argument`);
        continue;
      }
      const ctor: string[] = [];
      let training: string | null = null;
      let layerName: string | null = null;
      let position = 0;
      let bad = false;
      for (const a of model.live) {
        if (a === inputs) continue;
        const keyword = a.keyword ?? mapping.params[position++];
        if (!keyword) {
          fail(a.arg, `too many positional arguments for tf.layers.${fn}`);
          bad = true;
          break;
        }
        if (keyword === 'reuse') {
          fail(
            a.arg,
            'tf.layers with reuse= shares variables by name; in TF2 share the layer object instead, which this tool leaves to you',
          );
          bad = true;
          break;
        }
        const text = model.valueText(a);
        if (keyword === 'training') training = text;
        else {
          if (keyword === 'name' && /^['"]\w+['"]$/.test(text)) layerName = text.slice(1, -1);
          ctor.push(ctor.length === 0 && a.keyword === null ? text : `${keyword}=${text}`);
        }
      }
      if (bad) continue;
      // TF1 moves a batch norm's averages only when the program runs tf.GraphKeys.UPDATE_OPS; Keras moves
      // them at every call with training=True. Without UPDATE_OPS in the file TF1 never moved them.
      if (
        fn === 'batch_normalization' &&
        training !== null &&
        training.trim() !== 'False' &&
        !/\bUPDATE_OPS\b/.test(source)
      ) {
        fail(
          call,
          'tf.layers.batch_normalization(training=...) in a program that never runs tf.GraphKeys.UPDATE_OPS: TF1 left the moving ' +
            'averages at their start values, Keras would update them at every training call',
        );
        continue;
      }
      const variable =
        layerName !== null && !taken.has(layerName)
          ? freshName(layerName, taken)
          : freshName(`${layerName ?? wish}_layer`, taken);
      plans.push({
        call,
        construction: `${variable} = tf.keras.layers.${mapping.keras}(${ctor.join(', ')})`,
        replacement: `${variable}(${model.valueText(inputs)}${training !== null ? `, training=${training}` : ''})`,
        message: `tf.layers.${fn} -> a tf.keras.layers.${mapping.keras} object \`${variable}\`, made once and called on the inputs`,
      });
      continue;
    }
    const callee = call.firstChild!;
    if (callee.name === 'CallExpression' && tfMember(calleeName(source, callee), 'keras.layers.') !== null) {
      const variable = freshName(`${wish}_layer`, taken);
      const args = ctx.buffer.render(call.lastChild!.from + 1, call.lastChild!.to - 1);
      plans.push({
        call,
        construction: `${variable} = ${ctx.buffer.render(callee.from, callee.to)}`,
        replacement: `${variable}(${args})`,
        message: `Keras layer made inside graph code -> made once as \`${variable}\`, so its weights persist across calls`,
      });
    }
  }
  return plans;
}

/**
 * `outputs, _ = tf.nn.dynamic_rnn(cell, inputs, dtype=...)` -> `outputs = rnn(inputs)` with
 * `rnn = tf.keras.layers.RNN(cell, return_sequences=True)`. Only when the final state is thrown away:
 * Keras returns LSTM state as [h, c], TF1 as (c, h), and code reading it would silently change meaning.
 */
export function planDynamicRnn(
  ctx: RuleContext,
  stmt: SyntaxNode,
  targets: string[],
  block: SyntaxNode,
  taken: Set<string>,
  fail: Fail,
): { construction: string; statement: string } | null {
  const { source } = ctx;
  const value = stmt.getChild('AssignOp')?.nextSibling;
  if (!value || value.name !== 'CallExpression' || tfMember(calleeName(source, value), 'nn.dynamic_rnn') === null)
    return null;
  const model = new CallModel(value, source, ctx.buffer);
  const cell = model.get('cell', 0);
  const inputs = model.get('inputs', 1);
  const other = model.live.find((a) => a !== cell && a !== inputs && a.keyword !== 'dtype' && a.keyword !== 'scope');
  if (!cell || !inputs || other) {
    fail(
      other?.arg ?? value,
      'tf.nn.dynamic_rnn with sequence_length, initial_state or time_major: Keras masks and orders these differently, so this is ' +
        'left to you',
    );
    return null;
  }
  const state = targets[1];
  const used = state !== undefined && state !== '_' && mentions(source, block, state) > 1;
  if (targets.length !== 2 || used) {
    fail(
      stmt,
      'the final RNN state is used: Keras returns LSTM state as [h, c] where TF1 gives (c, h); rewrite by hand',
    );
    return null;
  }
  const variable = freshName(`${targets[0]}_rnn`, taken);
  return {
    construction: `${variable} = tf.keras.layers.RNN(${model.valueText(cell)}, return_sequences=True)`,
    statement: `${targets[0]} = ${variable}(${model.valueText(inputs)})`,
  };
}

/** `tf.nn.rnn_cell.LSTMCell(n)` and friends -> Keras cells, for a state statement. Returns edits to make. */
export function planCells(ctx: RuleContext, stmt: SyntaxNode, fail: Fail): { call: SyntaxNode; text: string }[] {
  const { source } = ctx;
  const out: { call: SyntaxNode; text: string }[] = [];
  for (const call of callsIn(ctx.parsed.tree, stmt)) {
    const cls = rnnMember(ctx, calleeName(source, call), 'cell');
    if (cls === null) continue;
    if (cls === 'MultiRNNCell') {
      const model = new CallModel(call, source, ctx.buffer);
      const cells = model.get('cells', 0);
      if (!cells || model.live.length !== 1) fail(call, 'MultiRNNCell with options');
      else out.push({ call: model.callee, text: 'tf.keras.layers.StackedRNNCells' });
      continue;
    }
    const text = kerasCellText(ctx, call, fail);
    if (text !== null) out.push({ call, text });
  }
  return out;
}

/** How many times a name is mentioned (as a variable) inside a block. */
export function mentions(source: string, block: SyntaxNode, name: string): number {
  let n = 0;
  const cursor = block.cursor();
  const end = block.to;
  while (cursor.next() && cursor.from < end)
    if (cursor.name === 'VariableName' && source.slice(cursor.from, cursor.to) === name) n++;
  return n;
}
