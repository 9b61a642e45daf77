import { symbolRenames } from './data/tables.ts';
import { dottedName, parsePython, type SyntaxNode } from './parse.ts';
import { LAYERS, RNN_CELLS } from './rules/level2/layers.ts';
import { OPTIMIZERS } from './rules/level2/optimizers.ts';

/**
 * What a TF program computes, as a set of names, for checking a conversion without TensorFlow: every
 * `tf.*` call, normalized so the TF1 and TF2 spellings of the same thing meet (the tf_upgrade_v2
 * rename table, `tf.compat.v1.` dropped, `tf.layers.dense` and `tf.keras.layers.Dense` both `Dense`,
 * `tf.train.AdamOptimizer` and `tf.keras.optimizers.Adam` both `optimizer:Adam`), minus the plumbing
 * that a migration is meant to remove or add (sessions, placeholders, initializers, tapes).
 *
 * If a conversion dropped a layer, a loss term, an op or a summary, or swapped an optimizer, the two
 * sets differ. It does not see argument values or data flow; the tests check those separately.
 */
export function programSignature(source: string): Set<string> {
  const out = new Set<string>();
  const tree = parsePython(source);
  tree.iterate({
    enter: (ref) => {
      if (ref.name !== 'CallExpression') return undefined;
      if (isStepArgument(source, ref.node) || isParameterCast(source, ref.node)) return false;
      const name = ref.node.firstChild ? dottedName(source, ref.node.firstChild) : null;
      if (name === null || !name.startsWith('tf.')) return undefined;
      const normalized = normalize(name);
      if (normalized !== null) for (const n of EXPANDS[normalized] ?? [normalized]) out.add(n);
      return undefined;
    },
  });
  return out;
}

/** Removed by the migration (TF1 graph plumbing) or added by it (TF2 plumbing). */
const PLUMBING = new Set([
  'placeholder',
  'placeholder_with_default',
  'Session',
  'InteractiveSession',
  'Graph',
  'global_variables_initializer',
  'initialize_all_variables',
  'local_variables_initializer',
  'summary.merge_all',
  'summary.FileWriter',
  'summary.create_file_writer',
  'get_variable',
  'Variable',
  'name_scope',
  'variable_scope',
  'data.make_one_shot_iterator',
  'train.get_or_create_global_step',
  'GradientTape',
  'function',
  // get_variable's implicit default initializer, written out by the migration, and its TF1 spelling.
  'keras.initializers.GlorotUniform',
  'glorot_uniform_initializer',
  // Parses flags and calls main; the migration writes absl.app.run, which is not under tf.
  'app.run',
]);

/** TF2 spellings the migration writes for a TF1 call, mapped back so both sides meet. */
const SAME_AS: Record<string, string> = {
  'keras.initializers.TruncatedNormal': 'truncated_normal_initializer',
  'keras.initializers.GlorotNormal': 'glorot_normal_initializer',
};

/** A TF1 loss is the mean of a per-example op; the migration writes both calls (rules/level2/losses.ts). */
const EXPANDS: Record<string, string[]> = {
  'losses.sparse_softmax_cross_entropy': ['nn.sparse_softmax_cross_entropy_with_logits', 'reduce_mean'],
  'losses.softmax_cross_entropy': ['nn.softmax_cross_entropy_with_logits', 'stop_gradient', 'reduce_mean'],
  'losses.mean_squared_error': ['math.squared_difference', 'cast', 'reduce_mean'],
};

function normalize(written: string): string | null {
  const renamed = symbolRenames.get(written) ?? written;
  const path = renamed.replace(/^tf\.compat\.v1\./, 'tf.').slice(3);
  if (PLUMBING.has(path)) return null;
  if (SAME_AS[path]) return SAME_AS[path]!;
  const layer = /^layers\.(\w+)$/.exec(path);
  if (layer && LAYERS[layer[1]!]) return `layer:${LAYERS[layer[1]!]!.keras}`;
  const keras = /^keras\.layers\.(\w+)$/.exec(path);
  if (keras) return `layer:${keras[1]}`;
  const cell = /^nn\.rnn_cell\.(\w+)$/.exec(path);
  if (cell) return `layer:${cell[1] === 'MultiRNNCell' ? 'StackedRNNCells' : (RNN_CELLS[cell[1]!]?.keras ?? cell[1])}`;
  if (path === 'nn.dynamic_rnn') return 'layer:RNN';
  if (path === 'contrib.layers.flatten') return 'layer:Flatten';
  const optimizer = /^train\.(\w+Optimizer)$/.exec(path);
  if (optimizer) return `optimizer:${OPTIMIZERS[optimizer[1]!]?.keras ?? optimizer[1]}`;
  const kerasOptimizer = /^keras\.optimizers\.(\w+)$/.exec(path);
  if (kerasOptimizer) return `optimizer:${kerasOptimizer[1]}`;
  return path;
}

/** `step=tf.constant(i, dtype=tf.int64)`: the summary step the migration passes, not model code. */
function isStepArgument(source: string, call: SyntaxNode): boolean {
  const before = call.prevSibling;
  const keyword = before?.name === 'AssignOp' ? before.prevSibling : null;
  return (
    keyword?.name === 'VariableName' &&
    source.slice(keyword.from, keyword.to) === 'step' &&
    call.parent?.name === 'ArgList'
  );
}

/** `x = tf.cast(x, tf.float32)`: the migration's stand-in for feeding a placeholder, not model code. */
function isParameterCast(source: string, call: SyntaxNode): boolean {
  const stmt = call.parent;
  if (stmt?.name !== 'AssignStatement' || stmt.firstChild?.name !== 'VariableName') return false;
  const target = source.slice(stmt.firstChild.from, stmt.firstChild.to);
  const callee = call.firstChild ? dottedName(source, call.firstChild) : null;
  const first = call.lastChild?.firstChild?.nextSibling;
  return (
    (callee === 'tf.cast' || callee === 'tf.convert_to_tensor') &&
    first?.name === 'VariableName' &&
    source.slice(first.from, first.to) === target
  );
}
